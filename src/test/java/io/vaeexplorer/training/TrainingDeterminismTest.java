package io.vaeexplorer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.VaeTrainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same seed gives the same run: every step's loss, bit for bit, for every kind of model. */
class TrainingDeterminismTest {

    private static final int STEPS = 300;
    private static final int BATCH = 32;

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void twoRunsWithTheSameSeedTakeBitIdenticalSteps(ModelKind kind) {
        ModelConfig config = new ModelConfig(kind, 28, 28, 2,
                kind == ModelKind.CONV ? ModelConfig.DEFAULT_CONV_HIDDEN : ModelConfig.DEFAULT_MLP_HIDDEN,
                Likelihood.BCE, 1f, Objective.ELBO);
        LabeledImages train = SmallMnist.slice(STEPS * BATCH, 10).train();
        long[] first = stepLosses(config, train);
        long[] second = stepLosses(config, train);
        for (int i = 0; i < STEPS; i++) {
            assertEquals(first[i], second[i], "step " + (i + 1) + ": " + Double.longBitsToDouble(first[i]) + " then "
                    + Double.longBitsToDouble(second[i]));
        }
        assertArrayEquals(first, second);
        double start = Double.longBitsToDouble(first[0]);
        double end = Double.longBitsToDouble(first[STEPS - 1]);
        assertTrue(end < start, "the runs should learn: loss " + start + " at the first step, " + end + " at the last");
    }

    /** The -ELBO of every step of one epoch, as the bits of the double, from a fresh trainer. */
    private static long[] stepLosses(ModelConfig config, LabeledImages train) {
        DjlRuntime.disableGradientsOnThisThread();
        long[] losses = new long[STEPS];
        try (VaeTrainer trainer = new VaeTrainer(config, new TrainingConfig(1, BATCH, 1e-3f, 11, 0), train,
                ComputeDevice.cpu(), null, 0, 0)) {
            trainer.beginEpoch();
            for (int i = 0; i < STEPS; i++) {
                LossParts loss = trainer.trainStep();
                assertTrue(loss.isFinite(), "step " + (i + 1) + " is not finite: " + loss);
                losses[i] = Double.doubleToLongBits(loss.negElbo());
            }
        }
        return losses;
    }
}
