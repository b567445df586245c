package io.vaeexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.explore.ImageGrid;
import io.vaeexplorer.explore.LatentModel;
import io.vaeexplorer.explore.SweepFigure;
import io.vaeexplorer.store.CheckpointIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceModelTest {

    private static WeightSnapshot weights(ModelConfig config) {
        return weights(config, 5);
    }

    private static WeightSnapshot weights(ModelConfig config, long seed) {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock block = new VaeBlock(config);
            block.initializeFor(manager);
            TorchDefaultInit.apply(block, seed);
            return WeightCopier.snapshot(block, 1, 0);
        }
    }

    /**
     * A training run seeds the engine's process-wide generator and draws its shuffles and noise from it, while the
     * window builds copies on other threads (workers, gallery scoring): a copy must draw nothing from it.
     */
    @Test
    void buildingACopyDrawsNothingFromTheEnginesGenerator() {
        ModelConfig conv = new ModelConfig(ModelKind.CONV, 28, 28, 2, ModelConfig.DEFAULT_CONV_HIDDEN,
                Likelihood.BCE, 1f, Objective.ELBO);
        for (ModelConfig config : List.of(ModelConfig.mlp(2, List.of(16)), conv)) {
            WeightSnapshot snapshot = weights(config);
            DjlRuntime.engine().setRandomSeed(17);
            float[] untouched = drawn();
            DjlRuntime.engine().setRandomSeed(17);
            try (InferenceModel copy = new InferenceModel(snapshot, ComputeDevice.cpu())) {
                assertArrayEquals(untouched, drawn(), "the generator moved while a " + config.describe()
                        + " copy was built");
                // the copy still holds the snapshot's weights, not the zeros it was created with
                assertEquals(snapshot.weights(), WeightCopier.snapshot(copy.block(), 1, 0).weights());
            }
        }
    }

    /**
     * A conv model saved before images had channels and conv models had a depth (a 4-8-16 model trained for three
     * epochs on 6,000 MNIST digits), with what it decoded and encoded then: the two-stage grey layout must load and
     * compute as it did.
     */
    @Test
    void aGreyConvCheckpointFromBeforeColourDecodesAndEncodesAsItDidThen() throws Exception {
        Checkpoint checkpoint = CheckpointIO.load(resource("conv-28x28-grey-4-8-16.vae"));
        List<float[]> expected = new ArrayList<>();
        for (String line : Files.readAllLines(resource("conv-28x28-grey-4-8-16-outputs.txt"))) {
            String[] words = line.split(" ");
            if (line.startsWith("# decode of z =")) {
                float[] z = new float[words.length - 5];
                for (int i = 0; i < z.length; i++) {
                    z[i] = Float.parseFloat(words[5 + i]);
                }
                expected.add(z);
                expected.add(new float[0]);
            } else if (line.startsWith("# encode")) {
                expected.add(new float[0]);
            } else {
                float[] last = expected.get(expected.size() - 1);
                float[] longer = Arrays.copyOf(last, last.length + 1);
                longer[last.length] = Float.parseFloat(line);
                expected.set(expected.size() - 1, longer);
            }
        }
        float[] z = expected.get(0);
        float[] decoded = expected.get(1);
        float[] encoded = expected.get(2);
        byte[] digits = Arrays.copyOf(SmallMnist.slice(1, 4).test().grey(), 4 * 784);
        try (InferenceModel model = InferenceModel.onCpu(checkpoint.weights())) {
            assertEquals(2, model.config().convSizes().stages());
            assertArrayEquals(decoded, model.decode(z, 4), 1e-5f);
            float[][] stats = model.encodeGrey(digits, 4);
            float[] both = Arrays.copyOf(stats[0], 16);
            System.arraycopy(stats[1], 0, both, 8, 8);
            assertArrayEquals(encoded, both, 1e-5f);
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(InferenceModelTest.class.getResource(name).toURI());
    }

    private static float[] drawn() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return manager.randomNormal(new Shape(16)).toFloatArray();
        }
    }

    @Test
    void swappingWeightsThroughReusedBuffersDecodesExactlyAsAFreshModelDoes() {
        ModelConfig config = ModelConfig.mlp(2, List.of(16));
        WeightSnapshot a = weights(config, 5);
        WeightSnapshot b = weights(config, 6);
        float[] z = {0.5f, -1.25f, 2f, 0.1f};
        float[] freshA;
        float[] freshB;
        try (InferenceModel onlyA = InferenceModel.onCpu(a); InferenceModel onlyB = InferenceModel.onCpu(b)) {
            freshA = onlyA.decode(z, 2);
            freshB = onlyB.decode(z, 2);
        }
        try (InferenceModel model = InferenceModel.onCpu(a)) {
            for (int round = 0; round < 3; round++) {
                model.update(b);
                assertArrayEquals(freshB, model.decode(z, 2), "weights of b after round " + round);
                model.update(a);
                assertArrayEquals(freshA, model.decode(z, 2), "weights of a after round " + round);
            }
        }
    }

    @Test
    void encodingInChunksGivesEachImageTheCodesItGetsAlone() {
        LabeledImages test = DatasetLoader.load(Path.of("assets", "mnist")).test().first(3000);
        ModelConfig config = ModelConfig.mlp(3, List.of(32));
        try (InferenceModel model = InferenceModel.onCpu(weights(config))) {
            int pixels = test.imageSize();
            // 3,000 images are three chunks; the last one is partial
            float[][] all = model.encode(test.pixels(), 3000);
            assertEquals(3000 * 3, all[0].length);
            assertEquals(3000 * 3, all[1].length);
            for (int image : new int[] {0, 1274, 1275, 2549, 2550, 2999}) {
                float[][] alone = model.encode(Arrays.copyOfRange(test.pixels(), image * pixels,
                        (image + 1) * pixels), 1);
                assertArrayEquals(alone[0], Arrays.copyOfRange(all[0], image * 3, image * 3 + 3), 1e-5f,
                        "mu of image " + image);
                assertArrayEquals(alone[1], Arrays.copyOfRange(all[1], image * 3, image * 3 + 3), 1e-5f,
                        "sigma of image " + image);
            }
            // the reused input buffer never leaks one encode into the next
            float[][] again = model.encode(test.pixels(), 3000);
            assertArrayEquals(all[0], again[0]);
            float[][] fewer = model.encode(Arrays.copyOf(test.pixels(), 10 * pixels), 10);
            assertArrayEquals(Arrays.copyOf(all[0], 30), fewer[0], 1e-5f);
        }
    }

    @Test
    void greyLevelsEncodeAsTheirFloatsDo() {
        LabeledImages test = DatasetLoader.load(Path.of("assets", "mnist")).test().first(3000);
        ModelConfig config = ModelConfig.mlp(3, List.of(32));
        try (InferenceModel model = InferenceModel.onCpu(weights(config))) {
            float[][] fromFloats = model.encode(test.pixels(), 3000);
            float[][] fromGrey = model.encodeGrey(test.grey(), 3000);
            // the same inputs; the products may round differently where the input memory is aligned differently
            assertArrayEquals(fromFloats[0], fromGrey[0], 1e-5f);
            assertArrayEquals(fromFloats[1], fromGrey[1], 1e-5f);
            // a shorter encode through the same reused buffer sees only its own images
            float[][] fewer = model.encodeGrey(Arrays.copyOf(test.grey(), 10 * test.imageSize()), 10);
            assertArrayEquals(Arrays.copyOf(fromGrey[0], 30), fewer[0], 1e-5f);
        }
    }

    /** The explore recipes see the engine only as a {@link LatentModel}; through it they get the network's answers. */
    @Test
    void theRecipesRunOnTheEngineThroughLatentModel() {
        ModelConfig config = ModelConfig.mlp(3, List.of(16));
        try (InferenceModel engine = InferenceModel.onCpu(weights(config))) {
            LatentModel model = engine;
            assertEquals(3, model.latent());
            assertEquals(28, model.rows());
            assertEquals(28, model.cols());

            float[] images = new float[2 * 784];
            for (int i = 0; i < images.length; i++) {
                images[i] = (i % 29) / 28f;
            }
            float[][] posterior = model.encode(images, 2);
            assertEquals(6, posterior[0].length);
            assertArrayEquals(engine.decode(posterior[0], 2), model.reconstruct(images, 2),
                    "a reconstruction decodes the posterior mean");

            float[] first = Arrays.copyOf(images, 784);
            SweepFigure sweep = SweepFigure.around(model, first, EpsilonSweep.Units.SIGMA, 3, 2, 0, 2, false);
            ImageGrid grid = sweep.images();
            assertEquals(9, grid.count());
            assertEquals(28, grid.rows());
            float[] mu = Arrays.copyOf(posterior[0], 3);
            assertArrayEquals(engine.decode(mu), grid.image(4), 1e-6f, "the sweep's centre is the decode of mu");
            for (float v : grid.pixels()) {
                assertTrue(v >= 0 && v <= 1, "pixel " + v);
            }
        }
    }
}
