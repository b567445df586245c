package io.vaeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.model.Objective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SettingsPanelTest {

    @TempDir
    Path tempDir;
    private ExplorerModel model;

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("settings.json")));
        VBox root = new VBox(new ErrorBanner(model), new SettingsPanel(model), new ExplorerStatusBar(model));
        stage.setScene(new Scene(root, 520, 760));
        stage.show();
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void editsChangeTheModelsSettings(FxRobot robot) throws Exception {
        TextField latent = robot.lookup("#setting-latent").query();
        assertEquals("2", onFx(latent::getText));
        robot.clickOn(latent);
        robot.interact(latent::selectAll);
        robot.write("20");
        assertEquals(20, onFx(() -> model.settingsProperty().get().latent()));

        TextField learningRate = robot.lookup("#setting-learningRate").query();
        assertEquals("0.001", onFx(learningRate::getText));
        robot.interact(() -> learningRate.setText("0.0005"));
        assertEquals(5e-4f, onFx(() -> model.settingsProperty().get().learningRate()));

        ComboBox<Objective> objective = robot.lookup("#setting-objective").query();
        robot.interact(() -> objective.getSelectionModel().select(Objective.RECON_ONLY));
        assertEquals(Objective.RECON_ONLY, onFx(() -> model.settingsProperty().get().objective()));
        assertEquals("reconstruction only (no KL)", onFx(() -> objective.getConverter().toString(objective.getValue())));

        // the other fields kept their values
        assertEquals("400", onFx(() -> model.settingsProperty().get().hidden()));
        assertEquals(128, onFx(() -> model.settingsProperty().get().batchSize()));
        assertEquals("", onFx(() -> ((Label) robot.lookup("#settings-error").query()).getText()));
    }

    @Test
    void invalidValuesAreRefusedWithAVisibleReason(FxRobot robot) throws Exception {
        TextField latent = robot.lookup("#setting-latent").query();
        TextField batch = robot.lookup("#setting-batchSize").query();
        Label problem = robot.lookup("#settings-error").query();
        assertFalse(onFx(problem::isVisible));

        robot.clickOn(latent);
        robot.interact(latent::selectAll);
        robot.write("0");
        assertEquals(2, onFx(() -> model.settingsProperty().get().latent()), "the old latent size is kept");
        assertTrue(onFx(problem::isVisible));
        assertTrue(onFx(problem::getText).contains("latent size must be between 1 and 1024, got 0"),
                onFx(problem::getText));

        robot.interact(() -> batch.setText("many"));
        assertEquals(128, onFx(() -> model.settingsProperty().get().batchSize()));
        assertTrue(onFx(problem::getText).contains("batch size: 'many' is not a whole number"));

        // fixing one leaves the other's message; a change from elsewhere replaces the text and the complaint
        robot.interact(() -> latent.setText("3"));
        assertEquals(3, onFx(() -> model.settingsProperty().get().latent()));
        assertFalse(onFx(problem::getText).contains("latent"));
        SettingsPanel.Draft loaded = new SettingsPanel.Draft(TrainingSettings.defaults());
        loaded.batchSize = 64;
        robot.interact(() -> model.settingsProperty().set(loaded.build()));
        assertEquals("2", onFx(latent::getText));
        assertEquals("64", onFx(batch::getText));
        assertFalse(onFx(problem::isVisible));
    }

    @Test
    void errorBannerShowsAFailedLoadAndHidesOnClose(FxRobot robot) throws Exception {
        Node banner = robot.lookup("#error-banner").query();
        assertFalse(onFx(banner::isVisible));
        assertEquals("ready", onFx(() -> ((Label) robot.lookup("#status-state").query()).getText()));
        assertEquals("no model", onFx(() -> ((Label) robot.lookup("#status-model").query()).getText()));

        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path broken = Files.write(tempDir.resolve("broken.vae"), noise);
        robot.interact(() -> model.loadModel(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(banner::isVisible));

        String shown = onFx(() -> ((Label) robot.lookup("#error-text").query()).getText());
        assertFalse(shown.isEmpty());
        assertEquals(onFx(() -> model.errorProperty().get()), shown);
        assertTrue(shown.contains("broken.vae"), shown);

        robot.clickOn("#error-close");
        assertFalse(onFx(banner::isVisible));
        assertFalse(onFx(banner::isManaged));
        assertEquals("", onFx(() -> model.errorProperty().get()));
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
