package io.vaeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingPreset;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.gallery.GalleryEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What becomes of a run started in the window: a finished one is saved and listed, a failed or early-stopped one
 * leaves the current model in place, and a preset's change belongs to its run only. Real training, tiny runs.
 */
class ExplorerRunsTest {

    @TempDir
    Path temp;

    private AppViewModel model;

    @BeforeEach
    void start() throws Exception {
        model = ExperimentFixture.explorerOnFxWithMnist(temp);
    }

    @AfterEach
    void stop() throws Exception {
        fx(model::close);
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private static TrainingSettings small(float learningRate, int epochs, int limit, int batch) {
        return new TrainingSettings(ModelKind.MLP, 2, "32", Likelihood.BCE, 1f, Objective.ELBO, learningRate,
                batch, epochs, 1, limit, "");
    }

    /** Waits until the run has ended and the model has taken in its result (the step range is cleared then). */
    private void awaitRunTakenIn() throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> onFx(
                () -> model.training().trainingStateProperty().get().isFinal() && model.training().runStepsProperty().get() == null));
    }

    @Test
    void aPresetTrainsWithItsChangeAndLeavesThePanelsSettingsAsTheyWere() throws Exception {
        TrainingSettings panel = small(1e-3f, 1, 512, 64);
        fx(() -> model.settingsProperty().set(panel));
        fx(() -> model.training().trainPreset(TrainingPreset.KL_ONLY));
        awaitRunTakenIn();
        assertEquals(TrainingState.FINISHED, onFx(() -> model.training().trainingStateProperty().get()),
                model.errorProperty().get());
        assertEquals(Objective.KL_ONLY, onFx(() -> model.workspace().checkpointProperty().get().config().objective()));
        assertEquals(panel, onFx(() -> model.settingsProperty().get()), "the preset changed the panel's settings");
        fx(model::saveSettings);
        assertEquals(Objective.ELBO, new SettingsStore(temp.resolve("settings.json")).load().settings().objective(),
                "the next launch would train the preset's objective");
    }

    @Test
    void aFinishedRunIsSavedInTheModelsFolderAndListedAgainAfterARestart() throws Exception {
        fx(() -> model.settingsProperty().set(small(1e-3f, 1, 512, 64)));
        fx(model.training()::startTraining);
        awaitRunTakenIn();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> model.gallery().entries().stream()
                .anyMatch(e -> e.file() != null)));
        GalleryEntry saved = onFx(() -> model.gallery().entries().stream().filter(e -> e.file() != null)
                .findFirst().orElseThrow());
        assertTrue(saved.file().startsWith(model.modelsFolder()), saved.file().toString());
        assertTrue(Files.isRegularFile(saved.file()));
        assertTrue(saved.name().contains("d=2 ELBO"), saved.name());
        String status = onFx(() -> model.statusProperty().get());
        assertTrue(status.startsWith("finished: test -ELBO") && status.contains(saved.name()), status);

        AppViewModel restarted = ExperimentFixture.explorerOnFx(temp);
        try {
            fx(() -> restarted.gallery().scanFolder(restarted.modelsFolder()));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(
                    () -> restarted.gallery().entries().stream().anyMatch(e -> e.name().equals(saved.name()))));
        } finally {
            fx(restarted::close);
        }
    }

    @Test
    void aDivergedRunKeepsThePreviousModelAndIsListedAsFailed() throws Exception {
        Checkpoint previous = TinyModels.untrained(ModelConfig.mlp(2, List.of(16)));
        fx(() -> model.useCheckpoint(previous));
        fx(() -> model.settingsProperty().set(small(1e6f, 1, 512, 64)));
        fx(model.training()::startTraining);
        awaitRunTakenIn();
        assertEquals(TrainingState.FAILED, onFx(() -> model.training().trainingStateProperty().get()));
        assertSame(previous, onFx(() -> model.workspace().checkpointProperty().get()), "a failed run replaced the model");
        assertSame(previous.weights(), onFx(() -> model.workspace().snapshotProperty().get()),
                "the views do not show the previous model again");
        assertTrue(onFx(() -> model.statusProperty().get()).startsWith("failed"),
                onFx(() -> model.statusProperty().get()));
        assertTrue(onFx(() -> model.errorProperty().get()).contains("diverged"), model.errorProperty().get());
        GalleryEntry listed = onFx(() -> model.gallery().entries().stream().filter(GalleryEntry::failed)
                .findFirst().orElseThrow());
        assertEquals(GalleryEntry.ScoreState.FAILED_RUN, listed.scoreStateProperty().get());
        assertTrue(listed.failure().contains("diverged"), listed.failure());
        assertTrue(onFx(() -> model.gallery().entries().stream().noneMatch(e -> !e.failed()
                && e.checkpoint() != previous)), "the failed run was listed as a model");
    }

    @Test
    void aRunStoppedBeforeItsFirstEpochEndedKeepsThePreviousModel() throws Exception {
        Checkpoint previous = TinyModels.untrained(ModelConfig.mlp(2, List.of(16)));
        fx(() -> model.useCheckpoint(previous));
        // a long first epoch (all 60,000 images in batches of 8): paused at its first step, then stopped
        fx(() -> model.settingsProperty().set(small(1e-3f, 1, 0, 8)));
        fx(model.training()::startTraining);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> model.training().lossHistory().stepCount() > 0));
        fx(model.training()::pauseTraining);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> onFx(() -> model.training().trainingStateProperty().get() == TrainingState.PAUSED));
        fx(model.training()::stopTraining);
        awaitRunTakenIn();
        assertEquals(TrainingState.CANCELLED, onFx(() -> model.training().trainingStateProperty().get()));
        assertSame(previous, onFx(() -> model.workspace().checkpointProperty().get()));
        assertSame(previous.weights(), onFx(() -> model.workspace().snapshotProperty().get()));
        String status = onFx(() -> model.statusProperty().get());
        assertTrue(status.startsWith("stopped before the first epoch ended"), status);
        assertTrue(onFx(() -> model.gallery().entries().stream().anyMatch(GalleryEntry::failed)));
    }

    @Test
    void aModelTooBigToTrainIsRefusedByStartAndBySweepsWhateverTheSettingsSay() throws Exception {
        TrainingSettings huge = new TrainingSettings(ModelKind.CONV, 2, "400", Likelihood.BCE, 1f, Objective.ELBO,
                1e-3f, 64, 1, 1, 512, "");
        fx(() -> model.settingsProperty().set(huge));
        fx(model.training()::startTraining);
        assertEquals(TrainingState.READY, onFx(() -> model.training().trainingStateProperty().get()));
        String error = onFx(() -> model.errorProperty().get());
        assertTrue(error.startsWith("cannot start: conv channels 400,800 need about"), error);

        fx(model::clearError);
        fx(() -> model.settingsProperty().set(small(1e-3f, 1, 512, 64)));
        fx(() -> model.sweeps().specProperty().set("model=conv hidden=400"));
        fx(() -> model.sweeps().start());
        assertTrue(!onFx(() -> model.sweeps().runningProperty().get()), "the sweep started");
        error = onFx(() -> model.errorProperty().get());
        assertTrue(error.contains("run 1") && error.contains("work per step"), error);
    }
}
