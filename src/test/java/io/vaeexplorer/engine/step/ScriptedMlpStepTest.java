package io.vaeexplorer.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.FreshModel;
import io.vaeexplorer.engine.NativeArrays;
import io.vaeexplorer.engine.VaeTrainer;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scripted step is a second implementation of the same maths as the step through DJL's ops, so the two are
 * run side by side from the same weights on the same batches and noise, for every objective the app trains.
 */
class ScriptedMlpStepTest {

    private static final float LR = 1e-3f;
    private static final int BATCH = 64;
    private static final int STEPS = 6;

    static Stream<Arguments> objectives() {
        ModelConfig base = ModelConfig.mlp(2, List.of(64, 32));
        return Stream.of(
                Arguments.of("ELBO, BCE", base),
                Arguments.of("beta 0.5, MSE", base.withBeta(0.5f).withReconstruction(Likelihood.MSE)),
                Arguments.of("reconstruction only", base.withObjective(Objective.RECON_ONLY)),
                Arguments.of("KL only", base.withObjective(Objective.KL_ONLY)),
                Arguments.of("one hidden layer, d=20", ModelConfig.mlp(20, List.of(96))),
                Arguments.of("conditional on the 10 digits", base.withConditionClasses(10)),
                Arguments.of("conditional, one hidden layer, d=20, MSE",
                        ModelConfig.mlp(20, List.of(96)).withConditionClasses(10).withReconstruction(Likelihood.MSE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void scriptedStepsFollowTheStepsThroughDjlOps(String name, ModelConfig config) throws Exception {
        DjlRuntime.configure();
        LabeledImages images = SmallMnist.slice(STEPS * BATCH, 16).train();
        FreshModel scriptedSide = FreshModel.create(config);
        FreshModel djlSide = FreshModel.create(config);
        float[][] initial = scriptedSide.weights();
        try (NDManager data = NDManager.newBaseManager(Device.cpu());
             TrainingStep scripted = ScriptedMlpStep.create(scriptedSide.manager(), config, scriptedSide.parameters(), LR);
             TrainingStep viaOps = new DjlOpsStep(djlSide.manager(), djlSide.block(), djlSide.parameters(), LR)) {
            NDArray all = NativeArrays.unitFloats(NativeArrays.greyRows(data, images.grey(), images.count(),
                    images.imageSize()));
            SideBySide.trainWithTheSameBatchesAndNoise(scripted, viaOps, data, all, images.labels(), STEPS, BATCH,
                    name);
            float[][] fromScript = scriptedSide.weights();
            float[][] fromOps = djlSide.weights();
            double moved = 0;
            double apart = 0;
            double apartSum = 0;
            long count = 0;
            for (int i = 0; i < initial.length; i++) {
                for (int j = 0; j < initial[i].length; j++) {
                    moved = Math.max(moved, Math.abs(fromOps[i][j] - initial[i][j]));
                    double d = Math.abs(fromScript[i][j] - fromOps[i][j]);
                    apart = Math.max(apart, d);
                    apartSum += d;
                    count++;
                }
            }
            double meanApart = apartSum / count;
            // Adam moves a weight by about LR per step, whatever the gradient's size, so where a gradient is
            // nearly 0 the two paths' different float rounding can move a weight differently; on average they agree
            assertTrue(moved > 2 * LR, name + ": the weights moved by " + moved);
            assertTrue(apart < LR / 2, name + ": the two paths' weights differ by up to " + apart);
            assertTrue(meanApart < 1e-8, name + ": the two paths' weights differ by " + meanApart + " on average");
            if (config.objective() == Objective.KL_ONLY) {
                int outputWeight = scriptedSide.parameters().size() - 2;
                assertEquals(0.0, maxChange(initial[outputWeight], fromScript[outputWeight]),
                        "without a reconstruction term the decoder gets no gradient and stays put");
            }
        } finally {
            scriptedSide.manager().close();
            djlSide.manager().close();
        }
    }

    @Test
    void scheduledWeightsAndTheCapacityObjectiveFollowTheStepsThroughDjlOps() throws Exception {
        DjlRuntime.configure();
        ModelConfig config = ModelConfig.mlp(4, List.of(64));
        LabeledImages images = SmallMnist.slice(STEPS * BATCH, 16).train();
        FreshModel scriptedSide = FreshModel.create(config);
        FreshModel djlSide = FreshModel.create(config);
        // a warm-up over the first half, then the capacity objective around 3 nats per image: the KL starts below
        // it (the sign of the KL's gradient flips) and crosses it
        IntFunction<StepWeights> weights = step -> step < STEPS / 2
                ? new StepWeights(1f, step / (STEPS / 2f), StepWeights.NO_CAPACITY)
                : new StepWeights(1f, 2f, 3f);
        try (NDManager data = NDManager.newBaseManager(Device.cpu());
             TrainingStep scripted = ScriptedMlpStep.create(scriptedSide.manager(), config, scriptedSide.parameters(), LR);
             TrainingStep viaOps = new DjlOpsStep(djlSide.manager(), djlSide.block(), djlSide.parameters(), LR)) {
            NDArray all = NativeArrays.unitFloats(NativeArrays.greyRows(data, images.grey(), images.count(),
                    images.imageSize()));
            SideBySide.trainWithTheSameBatchesAndNoise(scripted, viaOps, data, all, images.labels(), STEPS, BATCH,
                    "scheduled", weights);
        } finally {
            scriptedSide.manager().close();
            djlSide.manager().close();
        }
    }

    private static double maxChange(float[] before, float[] after) {
        double max = 0;
        for (int i = 0; i < before.length; i++) {
            max = Math.max(max, Math.abs(after[i] - before[i]));
        }
        return max;
    }

    @Test
    void theTrainerScriptsMlpAndConvolutionalSteps() {
        LabeledImages train = SmallMnist.slice(64, 16).train();
        TrainingConfig training = new TrainingConfig(1, 32, LR, 1, 0);
        try (VaeTrainer mlp = new VaeTrainer(ModelConfig.mlp(2, List.of(32)), training, train, ComputeDevice.cpu(), null, 0, 0);
             VaeTrainer conv = new VaeTrainer(new ModelConfig(ModelKind.CONV, 28, 28, 2,
                     List.of(8, 16), Likelihood.BCE, 1f, Objective.ELBO), training, train, ComputeDevice.cpu(), null, 0, 0)) {
            assertEquals("TorchScript step, PyTorch fused Adam", mlp.stepMethod());
            assertEquals("TorchScript conv step, PyTorch fused Adam", conv.stepMethod());
        }
    }
}
