package io.vaeexplorer.ui.fx;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.ExplorerApp;
import io.vaeexplorer.ui.training.LossChartView;
import io.vaeexplorer.ui.training.LossChartViewModel;
import io.vaeexplorer.ui.training.ModelFiles;
import io.vaeexplorer.ui.training.TrainingControls;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every file dialog has a title, opens in the folder the last one was left in (the home folder at first, never the
 * program's working folder) and offers its file types. The native dialogs cannot open headless: a stand-in
 * answers for the person and keeps what each dialog was set up with.
 */
@ExtendWith(ApplicationExtension.class)
class FileDialogsTest {

    @TempDir
    Path temp;

    private Stage stage;
    private AppViewModel model;
    /** How each dialog was set up when shown: title and initial folder. */
    private final List<String> shownTitles = new ArrayList<>();
    private final List<File> shownFolders = new ArrayList<>();
    private final List<FileChooser> shownChoosers = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void reset() {
        FileDialogs.setPresenter(null);
        FileDialogs.setLastFolder(null);
        if (model != null) {
            onFx(model::close);
        }
    }

    /** The person picks whatever {@code answer} gives for the dialog's initial folder (null: cancel). */
    private void answerWith(Function<File, File> answer) {
        FileDialogs.setPresenter(new FileDialogs.Presenter() {
            @Override
            public File showSave(FileChooser chooser, Window owner) {
                return shown(chooser.getTitle(), chooser.getInitialDirectory(), chooser, answer);
            }

            @Override
            public File showOpen(FileChooser chooser, Window owner) {
                return shown(chooser.getTitle(), chooser.getInitialDirectory(), chooser, answer);
            }

            @Override
            public File showFolder(DirectoryChooser chooser, Window owner) {
                return shown(chooser.getTitle(), chooser.getInitialDirectory(), null, answer);
            }
        });
    }

    private File shown(String title, File folder, FileChooser chooser, Function<File, File> answer) {
        assertTrue(Platform.isFxApplicationThread());
        shownTitles.add(title);
        shownFolders.add(folder);
        shownChoosers.add(chooser);
        return answer.apply(folder);
    }

    @Test
    void theFirstDialogOpensAtHomeAndEachNextOneWhereTheLastWasLeft() throws Exception {
        Path home = Path.of(System.getProperty("user.home"));
        assertNotEquals(Path.of("").toAbsolutePath(), home, "this test needs a home apart from the working folder");
        Path exports = Files.createDirectories(temp.resolve("exports"));
        Path data = Files.createDirectories(temp.resolve("data"));

        answerWith(folder -> exports.resolve("plane.png").toFile());
        Optional<Path> saved = fx(() -> FileDialogs.save(null, "Export the plane", "plane.png",
                FileDialogs.type("PNG image", "*.png")));
        assertEquals(Optional.of(exports.resolve("plane.png")), saved);
        FileChooser first = shownChoosers.get(0);
        assertEquals("plane.png", first.getInitialFileName());
        assertEquals(List.of("*.png"), first.getExtensionFilters().get(0).getExtensions());
        assertEquals("PNG image (*.png)", first.getSelectedExtensionFilter().getDescription());

        answerWith(folder -> data.toFile());
        assertEquals(Optional.of(data), fx(() -> FileDialogs.folder(null, "Open a data folder")));

        answerWith(folder -> null); // cancelled: the folder stays
        assertEquals(Optional.empty(), fx(() -> FileDialogs.open(null, "Load a model",
                FileDialogs.type("VAE model", "*.vae"))));

        assertEquals(List.of("Export the plane", "Open a data folder", "Load a model"), shownTitles);
        assertEquals(List.of(home.toFile(), exports.toFile(), data.toFile()), shownFolders);
        assertEquals(data, FileDialogs.initialFolder());
    }

    @Test
    void aRememberedFolderThatWasDeletedGivesTheHomeFolder() throws Exception {
        Path gone = Files.createDirectories(temp.resolve("gone"));
        FileDialogs.setLastFolder(gone);
        assertEquals(gone, FileDialogs.initialFolder());
        Files.delete(gone);
        assertEquals(Path.of(System.getProperty("user.home")), FileDialogs.initialFolder());
    }

    @Test
    void thePlaneExportsAskWithATitleAndWriteWhereThePersonChose(FxRobot robot) throws Exception {
        model = fx(() -> new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json"))));
        onFx(() -> {
            stage.setScene(ExplorerApp.scene(ExplorerApp.buildRoot(model), 1400, 900));
            stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path chosen = temp.resolve("out").resolve("my-plane.png");
        Files.createDirectories(chosen.getParent());
        answerWith(folder -> chosen.toFile());

        // the side panel scrolls: bring its export buttons into view as a person would
        onFx(() -> {
            Node button = stage.getScene().lookup("#export-plane-png");
            for (Node n = button; n != null; n = n.getParent()) {
                if (n instanceof ScrollPane scroll) {
                    scroll.setVvalue(scroll.getVmax());
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#export-plane-png");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("Export the latent plane as PNG"), shownTitles);
        assertEquals(List.of(Path.of(System.getProperty("user.home")).toFile()), shownFolders);
        assertEquals("plane.png", shownChoosers.get(0).getInitialFileName());
        // written in the background, then reported on the status line
        ExperimentFixture.waitUntil("the plane is saved", () -> ("saved " + chosen).equals(model.statusProperty().get()));
        assertTrue(Files.size(chosen) > 0, "nothing written");
        assertEquals(chosen.getParent(), FileDialogs.initialFolder(), "the next dialog opens there");
    }

    @Test
    void theModelAndDataDialogsOpenInTheRememberedFolder(FxRobot robot) throws Exception {
        Path remembered = Files.createDirectories(temp.resolve("models"));
        FileDialogs.setLastFolder(remembered); // as the window restores it from the last launch
        model = fx(() -> ExperimentFixture.explorerWithMnist(temp, ExperimentFixture.untrainedWeights(1, 1)));
        ExperimentFixture.awaitDataset(model);
        onFx(() -> {
            stage.setScene(new Scene(new TrainingControls(model.training(),
                    new ModelFiles(model::saveModel, model::loadModel, model::openDataset)), 520, 240));
            stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();

        Path saved = remembered.resolve("mine.vae");
        answerWith(folder -> new File(folder, "mine")); // a save dialog that does not add the extension
        robot.clickOn("#save-model-button");
        ExperimentFixture.waitUntil("the model is saved",
                () -> model.statusProperty().get().startsWith("saved") || !model.errorProperty().get().isEmpty());
        assertEquals("", fx(() -> model.errorProperty().get()));
        assertTrue(Files.isRegularFile(saved), "saved with the model extension");
        assertEquals("model.vae", shownChoosers.get(0).getInitialFileName());

        Object before = fx(() -> model.workspace().checkpointProperty().get());
        answerWith(folder -> new File(folder, "mine.vae"));
        robot.clickOn("#load-model-button");
        ExperimentFixture.waitUntil("the model is loaded",
                () -> model.workspace().checkpointProperty().get() != before || !model.errorProperty().get().isEmpty());
        assertEquals("", fx(() -> model.errorProperty().get()));
        assertEquals(List.of("*.vae", "*.safetensors"), shownChoosers.get(1).getSelectedExtensionFilter().getExtensions());

        Path data = Path.of("assets", "mnist").toAbsolutePath();
        Object dataBefore = fx(() -> model.workspace().datasetProperty().get());
        answerWith(folder -> data.toFile());
        robot.clickOn("#open-data-button");
        ExperimentFixture.waitUntil("the data set is opened", () -> model.workspace().datasetProperty().get() != dataBefore);

        assertEquals(List.of("Save model", "Load model", "Open a folder with the four MNIST-style IDX files"),
                shownTitles);
        assertEquals(List.of(remembered.toFile(), remembered.toFile(), remembered.toFile()), shownFolders);
        assertEquals(data, FileDialogs.initialFolder(), "the next dialog opens in the data folder");
    }

    @Test
    void anExperimentPictureExportOpensInTheRememberedFolder(FxRobot robot) throws Exception {
        Path remembered = Files.createDirectories(temp.resolve("pictures"));
        FileDialogs.setLastFolder(remembered);
        onFx(() -> {
            Raster raster = Raster.filled(3, 2, 200);
            RasterView view = new RasterView(new SimpleObjectProperty<>(raster), 2, "");
            Button export = view.exportButton("Export PNG", "Export the sweep grid as PNG", "sweep.png",
                    file -> PngWriter.write(raster, file));
            export.setId("raster-export");
            stage.setScene(new Scene(new VBox(view, export), 300, 200));
            stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        answerWith(folder -> new File(folder, "grid.png"));

        robot.clickOn("#raster-export");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("Export the sweep grid as PNG"), shownTitles);
        assertEquals(List.of(remembered.toFile()), shownFolders);
        assertEquals("sweep.png", shownChoosers.get(0).getInitialFileName());
        assertEquals(List.of("*.png"), shownChoosers.get(0).getSelectedExtensionFilter().getExtensions());
        BufferedImage written = ImageIO.read(remembered.resolve("grid.png").toFile());
        assertEquals(List.of(3, 2), List.of(written.getWidth(), written.getHeight()), "the raster's own size");
    }

    @Test
    void theLossExportsOpenInTheRememberedFolder() throws Exception {
        Path remembered = Files.createDirectories(temp.resolve("losses"));
        FileDialogs.setLastFolder(remembered);
        model = fx(() -> new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json"))));
        LossChartView chart = fx(() -> new LossChartView(new LossChartViewModel(model.training().lossHistory(),
                model.training().runStepsProperty(), model.files(), model.exportSize(), model)));
        onFx(() -> {
            stage.setScene(new Scene(chart, 800, 500));
            stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        answerWith(folder -> new File(folder, "run.csv"));

        onFx(() -> exportItem(chart, "export-csv").fire());
        WaitForAsyncUtils.waitForFxEvents();
        answerWith(folder -> new File(folder, "run.png"));
        onFx(() -> exportItem(chart, "export-png").fire());
        WaitForAsyncUtils.waitForFxEvents();
        // both are written in the background, one after the other
        ExperimentFixture.waitUntil("the PNG is saved", () -> ("saved " + remembered.resolve("run.png"))
                .equals(((Label) chart.lookup("#export-message")).getText()) || !model.errorProperty().get().isEmpty());

        assertEquals(List.of("Export losses as CSV", "Export loss chart as PNG"), shownTitles);
        assertEquals(List.of(remembered.toFile(), remembered.toFile()), shownFolders);
        assertEquals(List.of("losses.csv", "losses.png"),
                shownChoosers.stream().map(FileChooser::getInitialFileName).toList());
        assertTrue(Files.size(remembered.resolve("run.csv")) > 0, "no CSV written");
        assertTrue(Files.size(remembered.resolve("run.png")) > 0, "no PNG written");
        assertEquals("saved " + remembered.resolve("run.png"),
                fx(() -> ((Label) chart.lookup("#export-message")).getText()));
    }

    private static MenuItem exportItem(LossChartView chart, String id) {
        return ((MenuButton) chart.lookup("#export-menu")).getItems().stream()
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow();
    }
}
