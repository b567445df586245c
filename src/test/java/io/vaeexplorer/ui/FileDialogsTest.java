package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
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
    private ExplorerModel model;
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
        model = fx(() -> new ExplorerModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json"))));
        onFx(() -> {
            stage.setScene(new Scene(ExplorerApp.buildRoot(model), 1400, 900));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Path chosen = temp.resolve("out").resolve("my-plane.png");
        Files.createDirectories(chosen.getParent());
        answerWith(folder -> chosen.toFile());

        robot.clickOn("#export-plane-png");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("Export the latent plane as PNG"), shownTitles);
        assertEquals(List.of(Path.of(System.getProperty("user.home")).toFile()), shownFolders);
        assertEquals("plane.png", shownChoosers.get(0).getInitialFileName());
        assertTrue(Files.size(chosen) > 0, "nothing written");
        assertEquals("saved " + chosen, robot.lookup("#plane-export-message").queryAs(Label.class).getText());
        assertEquals(chosen.getParent(), FileDialogs.initialFolder(), "the next dialog opens there");
    }
}
