package io.vaeexplorer.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ColourShapes;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.FreshModel;
import io.vaeexplorer.engine.VaeTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scripted conv step is a second implementation of the same maths as the step through DJL's ops, so the two
 * are run side by side from the same weights on the same batches and noise, for every objective the app trains;
 * and a run repeated with the same seed must repeat bit for bit.
 */
class ScriptedConvStepTest {

    private static final float LR = 1e-3f;
    /**
     * One image a step: libtorch then runs every convolution of both paths through its own kernels rather than
     * oneDNN's, whose backward-data is wrong on some CPUs for layers with few output channels (autograd, which the
     * DJL side relies on, cannot avoid it), so the DJL side is a reference on any CPU.
     */
    private static final int BATCH = 1;
    private static final int STEPS = 8;

    private static ModelConfig conv(int latent, List<Integer> hidden) {
        return new ModelConfig(ModelKind.CONV, 28, 28, latent, hidden, Likelihood.BCE, 1f, Objective.ELBO);
    }

    private static ModelConfig colour(int side, int latent, List<Integer> hidden) {
        return new ModelConfig(ModelKind.CONV, side, side, latent, hidden, Likelihood.BCE, 1f, Objective.ELBO, 3);
    }

    /** The classes of {@link ColourShapes}' pictures. */
    private static final int SHAPE_CLASSES = 3;

    /** MNIST digits for grey models, coloured shapes of the model's size for colour ones. */
    private static LabeledImages trainingImages(ModelConfig config, int count) {
        return config.channels() == 1 ? SmallMnist.slice(count, 16).train()
                : ColourShapes.images(count, config.imageRows(), 3);
    }

    static Stream<Arguments> objectives() {
        ModelConfig base = conv(2, ModelConfig.DEFAULT_CONV_HIDDEN);
        return Stream.of(
                Arguments.of("ELBO, BCE", base),
                Arguments.of("beta 0.5, MSE", base.withBeta(0.5f).withReconstruction(Likelihood.MSE)),
                Arguments.of("reconstruction only", base.withObjective(Objective.RECON_ONLY)),
                Arguments.of("KL only", base.withObjective(Objective.KL_ONLY)),
                Arguments.of("no dense layer, d=8", conv(8, List.of(8, 12))),
                Arguments.of("colour 32x32, 2 stages, BCE", colour(32, 2, List.of(8, 16, 32))),
                Arguments.of("colour 32x32, 2 stages, MSE", colour(32, 2, List.of(8, 16, 32))
                        .withReconstruction(Likelihood.MSE)),
                Arguments.of("colour 64x64, 3 stages, BCE", colour(64, 3, List.of(4, 8, 32))),
                Arguments.of("colour 64x64, 3 stages, MSE, no dense layer", colour(64, 3, List.of(4, 8))
                        .withReconstruction(Likelihood.MSE)),
                Arguments.of("conditional on the 10 digits", base.withConditionClasses(10)),
                Arguments.of("conditional, no dense layer, d=8", conv(8, List.of(8, 12)).withConditionClasses(10)),
                Arguments.of("conditional colour 64x64, 3 stages", colour(64, 3, List.of(4, 8, 32))
                        .withConditionClasses(SHAPE_CLASSES)));
    }

    @Test
    void theCapacityObjectiveFollowsTheStepsThroughDjlOps() throws Exception {
        DjlRuntime.configure();
        ModelConfig config = conv(4, List.of(8, 12, 32));
        LabeledImages images = trainingImages(config, STEPS * BATCH);
        FreshModel scriptedSide = FreshModel.create(config);
        FreshModel djlSide = FreshModel.create(config);
        // the capacity objective around 3 nats per image: the KL starts below it (the sign of the KL's gradient
        // flips) and crosses it
        IntFunction<StepWeights> weights = step -> new StepWeights(1f, 2f, step < STEPS / 2 ? 0.5f : 3f);
        try (NDManager data = NDManager.newBaseManager(Device.cpu());
             TrainingStep scripted = ScriptedConvStep.create(scriptedSide.manager(), config, scriptedSide.parameters(), LR);
             TrainingStep viaOps = new DjlOpsStep(djlSide.manager(), djlSide.block(), djlSide.parameters(), LR)) {
            NDArray all = data.create(images.pixels(), new Shape(images.count(), images.imageSize()));
            SideBySide.trainWithTheSameBatchesAndNoise(scripted, viaOps, data, all, images.labels(), STEPS, BATCH,
                    "capacity", weights);
        } finally {
            scriptedSide.manager().close();
            djlSide.manager().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectives")
    void scriptedStepsFollowTheStepsThroughDjlOps(String name, ModelConfig config) throws Exception {
        DjlRuntime.configure();
        LabeledImages images = trainingImages(config, STEPS * BATCH);
        FreshModel scriptedSide = FreshModel.create(config);
        FreshModel djlSide = FreshModel.create(config);
        float[][] initial = scriptedSide.weights();
        try (NDManager data = NDManager.newBaseManager(Device.cpu());
             TrainingStep scripted = ScriptedConvStep.create(scriptedSide.manager(), config, scriptedSide.parameters(), LR);
             TrainingStep viaOps = new DjlOpsStep(djlSide.manager(), djlSide.block(), djlSide.parameters(), LR)) {
            NDArray all = data.create(images.pixels(), new Shape(images.count(), images.imageSize()));
            SideBySide.trainWithTheSameBatchesAndNoise(scripted, viaOps, data, all, images.labels(), STEPS, BATCH,
                    name);
            float[][] fromScript = scriptedSide.weights();
            float[][] fromOps = djlSide.weights();
            for (int i = 0; i < initial.length; i++) {
                double moved = 0;
                double apart = 0;
                double apartSum = 0;
                for (int j = 0; j < initial[i].length; j++) {
                    moved = Math.max(moved, Math.abs(fromOps[i][j] - initial[i][j]));
                    double d = Math.abs(fromScript[i][j] - fromOps[i][j]);
                    apart = Math.max(apart, d);
                    apartSum += d;
                }
                String weight = name + ": " + scriptedSide.parameters().get(i).getKey();
                // Adam moves a weight by about LR per step, whatever the gradient's size, so where a gradient is
                // nearly 0 the two paths' different float rounding can move a weight differently; on average
                // they agree
                assertTrue(apart < LR / 2, weight + ": the two paths' weights differ by up to " + apart);
                assertTrue(apartSum / initial[i].length < 1e-6,
                        weight + ": the two paths' weights differ by " + apartSum / initial[i].length + " on average");
                boolean decoder = i >= initial.length - decoderParameters(config);
                if (config.objective() == Objective.KL_ONLY && decoder) {
                    assertEquals(0.0, moved, weight + ": without a reconstruction term the decoder stays put");
                } else {
                    assertTrue(moved > LR / 10, weight + ": moved by " + moved);
                }
            }
        } finally {
            scriptedSide.manager().close();
            djlSide.manager().close();
        }
    }

    /** The decoder's dense layers and one convolution per stage, each a weight and a bias. */
    private static int decoderParameters(ModelConfig config) {
        ModelConfig.ConvSizes sizes = config.convSizes();
        return 2 * (sizes.stages() + 1 + (sizes.dense() > 0 ? 1 : 0));
    }

    @Test
    void theSameSeedRepeatsARunBitForBit() {
        LabeledImages train = SmallMnist.slice(1024, 16).train();
        ModelConfig config = conv(2, List.of(8, 16, 64));
        TrainingConfig training = new TrainingConfig(10, 32, LR, 7, 0);
        double[] first = trainLosses(config, training, train);
        double[] second = trainLosses(config, training, train);
        assertEquals(320, first.length / 2);
        assertArrayEquals(first, second, "two runs with the same seed");
    }

    @ParameterizedTest(name = "{0}x{0}")
    @ValueSource(ints = {16, 40})
    void theSameSeedRepeatsAColourRunBitForBitAtEitherDepth(int side) {
        LabeledImages train = ColourShapes.images(400, side, 5);
        ModelConfig config = colour(side, 2, List.of(4, 8, 32));
        TrainingConfig training = new TrainingConfig(8, 16, LR, 7, 0);
        double[] first = trainLosses(config, training, train);
        double[] second = trainLosses(config, training, train);
        assertEquals(200, first.length / 2);
        assertArrayEquals(first, second, "two runs with the same seed");
    }

    @Test
    void aColourModelLearnsItsPictures() {
        LabeledImages train = ColourShapes.images(512, 32, 9);
        ModelConfig config = colour(32, 4, List.of(8, 16, 64));
        double[] losses = trainLosses(config, new TrainingConfig(4, 32, 2e-3f, 1, 0), train);
        int steps = losses.length / 2;
        double first = (losses[0] + losses[1]) / 32;
        double lastEpoch = 0;
        for (int step = steps - 16; step < steps; step++) {
            lastEpoch += (losses[2 * step] + losses[2 * step + 1]) / 32;
        }
        lastEpoch /= 16;
        // a model that put out mid-grey everywhere would stay near 3072 ln 2 = 2129 nats an image
        assertTrue(lastEpoch < 0.85 * first, "loss per image from " + first + " to " + lastEpoch);
    }

    /** Each step's reconstruction and KL, in order. */
    private static double[] trainLosses(ModelConfig config, TrainingConfig training, LabeledImages train) {
        List<Double> losses = new ArrayList<>();
        try (VaeTrainer trainer = new VaeTrainer(config, training, train, ComputeDevice.cpu(), null, 0, 0)) {
            assertEquals("TorchScript conv step, PyTorch fused Adam", trainer.stepMethod());
            for (int epoch = 0; epoch < training.epochs(); epoch++) {
                trainer.beginEpoch();
                while (trainer.hasNextBatch()) {
                    LossParts parts = trainer.trainStep();
                    losses.add(parts.reconstruction());
                    losses.add(parts.kl());
                }
            }
        }
        double[] out = new double[losses.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = losses.get(i);
        }
        assertTrue(out[out.length - 2] + out[out.length - 1] < out[0] + out[1], "the loss went down");
        return out;
    }

    @Test
    void theTrainerScriptsConvStepsUnlessToldToUseDjlOps() {
        LabeledImages train = SmallMnist.slice(64, 16).train();
        TrainingConfig training = new TrainingConfig(1, 32, LR, 1, 0);
        ModelConfig config = conv(2, List.of(8, 16));
        try (VaeTrainer trainer = new VaeTrainer(config, training, train, ComputeDevice.cpu(), null, 0, 0)) {
            assertEquals("TorchScript conv step, PyTorch fused Adam", trainer.stepMethod());
        }
        String before = System.getProperty(TrainingStep.CHOICE_PROPERTY);
        System.setProperty(TrainingStep.CHOICE_PROPERTY, "djl");
        try (VaeTrainer trainer = new VaeTrainer(config, training, train, ComputeDevice.cpu(), null, 0, 0)) {
            assertEquals("DJL ops, PyTorch fused Adam", trainer.stepMethod());
        } finally {
            if (before == null) {
                System.clearProperty(TrainingStep.CHOICE_PROPERTY);
            } else {
                System.setProperty(TrainingStep.CHOICE_PROPERTY, before);
            }
        }
    }
}
