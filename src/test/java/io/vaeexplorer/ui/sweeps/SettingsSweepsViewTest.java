package io.vaeexplorer.ui.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.sweep.SweepResult;
import io.vaeexplorer.sweep.SweepRunner;
import io.vaeexplorer.ui.AppViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A sweep of two tiny configurations typed into the Sweeps page runs to the end and fills the table and chart. */
@ExtendWith(ApplicationExtension.class)
class SettingsSweepsViewTest {

    @TempDir
    static Path temp;

    private AppViewModel model;
    private SettingsSweepsView view;
    private Path settingsDir;

    @Start
    void start(Stage stage) throws Exception {
        settingsDir = Files.createTempDirectory(temp, "settings");
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(settingsDir.resolve("settings.json")));
        view = new SettingsSweepsView(model.sweeps());
        stage.setScene(new Scene(view, 1200, 800));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
        model.openDataset(AssetLocator.mnistDir());
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoTinyConfigurationsRunOneAfterTheOtherAndFillTheTable(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.workspace().datasetProperty().get() != null);
        robot.interact(() -> model.settingsProperty().set(new TrainingSettings(ModelKind.MLP, 2, "32",
                Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 64, 1, 1, 512, "")));
        TextField spec = robot.lookup("#sweep-spec").queryAs(TextField.class);
        robot.interact(() -> spec.setText(""));
        robot.clickOn(spec).write("latent=2,3");
        robot.clickOn("#sweep-run");
        assertEquals(2, onFx(() -> view.runsTable().getItems().size()), "both runs are queued at once");

        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !model.sweeps().runningProperty().get()
                && model.sweeps().results().size() == 2);
        List<SweepResult> results = onFx(() -> List.copyOf(view.resultsTable().getItems()));
        assertEquals(2, results.size());
        assertEquals(2, results.get(0).model().latent());
        assertEquals(3, results.get(1).model().latent());
        for (SweepResult r : results) {
            assertTrue(Double.isFinite(r.test().negElbo()) && r.test().negElbo() > 100 && r.test().negElbo() < 560,
                    r.name() + ": " + r.test());
            assertTrue(Double.isFinite(r.iwaeLogLikelihood()), r.name() + " has its IWAE bound");
        }
        assertNotEquals(results.get(0).test().negElbo(), results.get(1).test().negElbo());
        for (SweepRow row : onFx(() -> List.copyOf(view.runsTable().getItems()))) {
            assertEquals(SweepRunner.RunStatus.FINISHED, row.statusProperty().get());
            assertEquals(1.0, row.progressProperty().get(), 1e-9);
        }
        assertEquals(2, onFx(() -> view.chart().getData().get(0).getData().size()));
        assertEquals(2, onFx(() -> model.gallery().entries().size()), "finished models join the gallery");
        assertTrue(Files.isDirectory(model.modelsFolder()), "checkpoints are saved where the gallery looks");

        Path csv = temp.resolve("sweep-" + System.nanoTime() + ".csv");
        robot.interact(() -> model.sweeps().exportCsv(csv));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "a header and one line per run: " + lines);
    }
}
