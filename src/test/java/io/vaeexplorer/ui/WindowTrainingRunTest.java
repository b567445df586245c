package io.vaeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.plane.TrainingTimeline;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** A training run started from the window, with the window busy beside it, against the same run headless. */
class WindowTrainingRunTest {

    /** The CLI's {@code train --latent 2 --limit 2048 --epochs 2 --seed 1}, small hidden layer for speed. */
    private static final TrainingSettings SETTINGS = new TrainingSettings(ModelKind.MLP, 2, "64",
            Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 128, 2, 1, 2048, "");

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

    @Test
    void aWindowRunGivesTheHeadlessRunsLossesWhileTheWindowScoresAndDecodesBesideIt() throws Exception {
        Dataset data = model.workspace().datasetProperty().get();
        ModelConfig config = SETTINGS.modelConfig(data.rows(), data.cols());
        // as the CLI trains: no snapshots, no codes
        TrainingService headless = new TrainingService(new TrainingRequest(data, config, SETTINGS.trainingConfig(),
                null, 0));
        headless.start();
        TrainingResult expected = headless.result().get(120, TimeUnit.SECONDS);
        assertEquals(TrainingState.FINISHED, expected.state(), expected.message());

        // the window holds another model when the run starts: its workers build a network for the run's weights
        Checkpoint tiny = TinyModels.untrained(ModelConfig.mlp(2, List.of(16)));
        fx(() -> model.useCheckpoint(tiny));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().latentPointsProperty().get() != null
                && model.worker().isIdle());
        fx(() -> model.settingsProperty().set(SETTINGS));
        fx(model.training()::startTraining);
        // until the run ends: gallery models scored one after another, clicks decoded, worker jobs run
        int added = 0;
        int clicks = 0;
        while (!WaitForAsyncUtils.asyncFx(this::runTakenIn).get(30, TimeUnit.SECONDS)) {
            int n = added;
            if (WaitForAsyncUtils.asyncFx(() -> model.gallery().scoresPending()).get(30, TimeUnit.SECONDS) == 0) {
                fx(() -> model.gallery().add("beside " + n, "test", copyOf(tiny), null));
                added++;
            }
            double x = Math.sin(clicks);
            double y = Math.cos(clicks);
            fx(() -> model.plane().decodeAt(x, y));
            fx(() -> model.worker().submit("beside", m -> m.decode(new float[] {(float) x, (float) y}), ignored -> { },
                    ignored -> { }));
            clicks++;
            Thread.sleep(1);
        }
        assertEquals(TrainingState.FINISHED, model.training().trainingStateProperty().get(), model.errorProperty().get());
        assertTrue(added > 0, "no gallery model was scored while the run trained");

        List<EpochRecord> want = expected.checkpoint().history();
        List<EpochRecord> got = model.workspace().checkpointProperty().get().history();
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).train(), got.get(i).train(), "epoch " + (i + 1) + " training loss");
            assertEquals(want.get(i).test(), got.get(i).test(), "epoch " + (i + 1) + " test loss");
        }
    }

    @Test
    void whilePausedThePlaneShowsThePausedModelsCodesAndAClickDecodesWithItsWeights() throws Exception {
        // a run far longer than the test: it is paused soon after its first step, then stopped
        fx(() -> model.settingsProperty().set(new TrainingSettings(ModelKind.MLP, 2, "64", Likelihood.BCE, 1f,
                Objective.ELBO, 1e-3f, 128, 100, 1, 0, "")));
        fx(model.training()::startTraining);
        try {
            waitOnFx(() -> model.training().lossHistory().stepCount() > 0);
            fx(model.training()::pauseTraining);
            waitOnFx(() -> model.training().trainingStateProperty().get() == TrainingState.PAUSED);
            // the run's steps reach the view-model before its change of state
            long pausedStep = WaitForAsyncUtils.asyncFx(() -> (long) model.training().lossHistory().stepCount()).get();

            waitOnFx(() -> model.workspace().snapshotProperty().get().step() == pausedStep);
            waitOnFx(() -> {
                List<TrainingTimeline.Frame> frames = model.plane().timeline().frames();
                return !frames.isEmpty() && frames.get(frames.size() - 1).step() == pausedStep
                        && model.plane().latentPointsProperty().get() == frames.get(frames.size() - 1).points();
            });

            WeightSnapshot paused = WaitForAsyncUtils.asyncFx(() -> model.workspace().snapshotProperty().get()).get();
            fx(() -> model.plane().decodeAt(0.25, -0.75));
            float[] z = WaitForAsyncUtils.asyncFx(() -> model.plane().selectedZProperty().get()).get();
            byte[] expected;
            try (InferenceModel copy = InferenceModel.onCpu(paused)) {
                expected = ImageTiler.tile(copy.decode(z), 1, ImageShape.grey(28, 28), 1, 0, 1).pixels();
            }
            waitOnFx(() -> model.plane().decodedImageProperty().get() != null
                    && Arrays.equals(expected, model.plane().decodedImageProperty().get().pixels()));
            assertEquals(TrainingState.PAUSED, model.training().trainingStateProperty().get());
        } finally {
            fx(model.training()::stopTraining);
            waitOnFx(() -> model.training().trainingStateProperty().get().isFinal() && model.training().runStepsProperty().get() == null);
        }
    }

    /** Waits, as a guard only, for a condition read on the FX thread. */
    private static void waitOnFx(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    private boolean runTakenIn() {
        return model.training().trainingStateProperty().get().isFinal() && model.training().runStepsProperty().get() == null
                && model.workspace().checkpointProperty().get() != null && !model.workspace().checkpointProperty().get().history().isEmpty();
    }

    /** The same weights as a new snapshot, which the gallery lists (and scores) as a model of its own. */
    private static Checkpoint copyOf(Checkpoint c) {
        WeightSnapshot w = c.weights();
        return new Checkpoint(new WeightSnapshot(w.config(), w.version(), w.step(), w.weights()), c.training(),
                c.history(), c.device(), c.dataName());
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
    }
}
