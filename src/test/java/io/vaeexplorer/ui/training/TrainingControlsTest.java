package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.fx.AppStatusBar;
import io.vaeexplorer.ui.fx.ErrorBanner;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
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

/** Real tiny runs on the shipped MNIST: the buttons follow the training state the run reports. */
@ExtendWith(ApplicationExtension.class)
class TrainingControlsTest {

    /** Which of start, pause, resume, stop are enabled. */
    private static final List<Boolean> CAN_START = List.of(true, false, false, false);
    private static final List<Boolean> CAN_PAUSE_OR_STOP = List.of(false, true, false, true);
    private static final List<Boolean> CAN_RESUME_OR_STOP = List.of(false, false, true, true);

    @TempDir
    Path tempDir;
    private AppViewModel model;
    private final Map<TrainingState, List<Boolean>> enabledWhen = new EnumMap<>(TrainingState.class);
    private double largestEpochProgress;

    @Start
    void start(Stage stage) {
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("settings.json")));
        TrainingControls controls = new TrainingControls(model.training(),
                new ModelFiles(model::saveModel, model::loadModel, model::openDataset));
        ErrorBanner banner = new ErrorBanner(model.errorProperty(), model::clearError);
        AppStatusBar statusBar = new AppStatusBar(model.statusProperty(), model.training().deviceProperty(),
                model.workspace().configProperty(), model.training().trainingStateProperty());
        stage.setScene(new Scene(new VBox(banner, controls, statusBar), 520, 240));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
        // what the buttons allowed in each state the run went through, read the moment the state changed
        model.training().trainingStateProperty().addListener((obs, old, state) -> enabledWhen.put(state, enabledButtons(controls)));
        ((ProgressBar) controls.lookup("#epoch-progress")).progressProperty().addListener(
                (obs, old, p) -> largestEpochProgress = Math.max(largestEpochProgress, p.doubleValue()));
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void aShortRunEnablesTheButtonsByStateAndFinishes(FxRobot robot) throws Exception {
        openShippedMnist(robot);
        robot.interact(() -> model.settingsProperty().set(tinyRun(1, 512)));
        assertEquals(CAN_START, onFx(() -> enabledButtons(robot)));

        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> isOneOf(TrainingState.RUNNING,
                TrainingState.FINISHED)));
        // the end state can show a moment before the model takes in the run's result, which clears the step range
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> isOneOf(TrainingState.FINISHED,
                TrainingState.FAILED, TrainingState.CANCELLED) && model.training().runStepsProperty().get() == null));

        assertEquals(TrainingState.FINISHED, onFx(() -> model.training().trainingStateProperty().get()),
                () -> "error: " + model.errorProperty().get());
        assertEquals(CAN_PAUSE_OR_STOP, onFx(() -> enabledWhen.get(TrainingState.RUNNING)));
        assertEquals(CAN_START, onFx(() -> enabledButtons(robot)), "Start is enabled again");
        assertTrue(onFx(() -> largestEpochProgress) > 0, "the epoch bar moved");
        assertEquals(1.0, onFx(() -> ((ProgressBar) robot.lookup("#run-progress").query()).getProgress()), 1e-9);
        assertEquals("finished", onFx(() -> ((Label) robot.lookup("#status-state").query()).getText()));
        assertTrue(onFx(() -> ((Label) robot.lookup("#status-model").query()).getText()).startsWith("MLP 784-32-2"));
        assertTrue(onFx(() -> !((Button) robot.lookup("#save-model-button").query()).isDisabled()),
                "the finished model can be saved");
    }

    @Test
    void pauseResumeAndStopALongRun(FxRobot robot) throws Exception {
        openShippedMnist(robot);
        // far longer than the test on any machine: it must still be running when Pause is clicked
        robot.interact(() -> model.settingsProperty().set(tinyRun(1000, 2000)));
        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> isOneOf(TrainingState.RUNNING)));
        assertEquals(CAN_PAUSE_OR_STOP, onFx(() -> enabledButtons(robot)));

        robot.clickOn("#pause-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> isOneOf(TrainingState.PAUSED)));
        assertEquals(CAN_RESUME_OR_STOP, onFx(() -> enabledButtons(robot)));
        robot.clickOn("#resume-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> isOneOf(TrainingState.RUNNING)));

        robot.clickOn("#stop-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> isOneOf(TrainingState.CANCELLED)
                && model.training().runStepsProperty().get() == null));
        assertEquals(CAN_START, onFx(() -> enabledButtons(robot)));
        assertEquals("cancelled", onFx(() -> ((Label) robot.lookup("#status-state").query()).getText()));
    }

    @Test
    void startWaitsWhileASweepRunsAndSaysSo(FxRobot robot) throws Exception {
        openShippedMnist(robot);
        Button start = robot.lookup("#start-button").query();
        assertFalse(onFx(start::isDisabled));

        // one run far longer than the test on any machine: the sweep is still running when Start is looked at
        robot.interact(() -> model.settingsProperty().set(tinyRun(1000, 2000)));
        robot.interact(() -> model.sweeps().specProperty().set("latent=2"));
        robot.interact(() -> model.sweeps().start());
        assertTrue(onFx(() -> model.sweeps().runningProperty().get()),
                () -> "error: " + model.errorProperty().get());
        assertTrue(onFx(start::isDisabled), "Start waits for the sweep");
        assertTrue(onFx(() -> SettingsPanelTest.tooltipOver(start)).startsWith("a sweep is running"),
                onFx(() -> SettingsPanelTest.tooltipOver(start)));

        robot.interact(() -> model.sweeps().cancelAll());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> onFx(() -> !model.sweeps().runningProperty().get()));
        assertFalse(onFx(start::isDisabled));
        assertTrue(onFx(() -> SettingsPanelTest.tooltipOver(start)).startsWith("Train a new model"),
                "the tooltip says what Start does");
    }

    private void openShippedMnist(FxRobot robot) throws Exception {
        robot.interact(() -> model.openDataset(Path.of("assets", "mnist")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> model.workspace().datasetProperty().get() != null));
    }

    private static TrainingSettings tinyRun(int epochs, int limit) {
        SettingsPanel.Draft draft = new SettingsPanel.Draft(TrainingSettings.defaults());
        draft.epochs = epochs;
        draft.limit = limit;
        draft.batchSize = 64;
        draft.hidden = "32";
        draft.latent = 2;
        return draft.build();
    }

    private boolean isOneOf(TrainingState... states) {
        return List.of(states).contains(model.training().trainingStateProperty().get());
    }

    private static List<Boolean> enabledButtons(FxRobot robot) {
        return enabledButtons(robot.lookup("#training-controls").<TrainingControls>query());
    }

    private static List<Boolean> enabledButtons(TrainingControls controls) {
        return List.of("#start-button", "#pause-button", "#resume-button", "#stop-button").stream()
                .map(id -> !controls.lookup(id).isDisabled()).toList();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
