package io.vaeexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.WeightSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeBlockTest {

    @Test
    void tutorialMlpHasTheReferenceParameterCountAndShapes() {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock block = new VaeBlock(ModelConfig.mlp(20, List.of(400)));
            block.initializeFor(manager);
            TorchDefaultInit.apply(block, 1);
            WeightSnapshot snapshot = WeightCopier.snapshot(block, 1, 0);
            // 784*400+400 + 2*(400*20+20) + 20*400+400 + 400*784+784, as PyTorch counts the reference model
            assertEquals(652_824, snapshot.parameterCount());
            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(5, 784))), true);
            assertEquals(new Shape(5, 784), out.get(0).getShape());
            assertEquals(new Shape(5, 20), out.get(1).getShape());
            assertEquals(new Shape(5, 20), out.get(2).getShape());
            // PyTorch's default init keeps every first-layer weight within 1/sqrt(784)
            float bound = (float) (1 / Math.sqrt(784));
            for (float v : snapshot.weights().get(0).values()) {
                assertTrue(Math.abs(v) <= bound, "weight " + v + " outside +-" + bound);
            }
        }
    }

    @Test
    void convVaeMapsImagesToLogitsOfTheSameSize() {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ModelConfig config = new ModelConfig(ModelKind.CONV, 28, 28, 2, List.of(16, 32),
                    Likelihood.BCE, 1f, Objective.ELBO);
            VaeBlock block = new VaeBlock(config);
            block.initializeFor(manager);
            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(3, 784))), false);
            assertEquals(new Shape(3, 784), out.get(0).getShape());
            assertEquals(new Shape(3, 2), out.get(1).getShape());
        }
    }

    @Test
    void aColourConvVaeGivesChannelMajorLogitsForEitherDepth() {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (int side : new int[] {32, 64}) {
                ModelConfig config = new ModelConfig(ModelKind.CONV, side, side, 3, List.of(4, 8, 16),
                        Likelihood.BCE, 1f, Objective.ELBO, 3);
                VaeBlock block = new VaeBlock(config);
                block.initializeFor(manager);
                NDList out = block.forward(new ParameterStore(manager, false),
                        new NDList(manager.zeros(new Shape(2, 3L * side * side))), false);
                assertEquals(new Shape(2, 3L * side * side), out.get(0).getShape());
                assertEquals(new Shape(2, 3), out.get(1).getShape());
                int stages = side <= 32 ? 2 : 3;
                // a convolution per stage on each side, two heads, a dense layer on each side and the grid layer
                assertEquals(2 * (2 * stages + 5), block.getParameters().size(), side + " pixels");
                long grid = side >> stages;
                long deepest = side <= 32 ? 8 : 16;
                assertEquals(new Shape(16, deepest * grid * grid),
                        block.getParameters().valueAt(2 * stages).getArray().getShape(), "the encoder's dense layer");
                assertEquals(new Shape(3, 4, 3, 3),
                        block.getParameters().valueAt(block.getParameters().size() - 2).getArray().getShape(),
                        "the last convolution gives the image's 3 channels");
            }
        }
    }

    @Test
    void aConvVaeRefusesSidesItCannotHalveWithTheSizesThatWould() {
        ModelConfig config = new ModelConfig(ModelKind.CONV, 36, 36, 2, List.of(8), Likelihood.BCE, 1f,
                Objective.ELBO, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VaeBlock(config));
        assertEquals(config.convSizeProblem(), e.getMessage());
        assertTrue(e.getMessage().contains("36x36") && e.getMessage().contains("32x32 or 40x40"), e.getMessage());
    }

    @Test
    void snapshotRoundTripsIntoAFreshBlockAndTheSameSeedGivesTheSameWeights() {
        DjlRuntime.configure();
        ModelConfig config = ModelConfig.mlp(2, List.of(32, 16));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock a = new VaeBlock(config);
            a.initializeFor(manager);
            TorchDefaultInit.apply(a, 7);
            VaeBlock b = new VaeBlock(config);
            b.initializeFor(manager);
            TorchDefaultInit.apply(b, 7);
            VaeBlock c = new VaeBlock(config);
            c.initializeFor(manager);
            TorchDefaultInit.apply(c, 8);
            WeightSnapshot sa = WeightCopier.snapshot(a, 1, 0);
            assertEquals(sa.weights(), WeightCopier.snapshot(b, 1, 0).weights());
            assertNotEquals(sa.weights(), WeightCopier.snapshot(c, 1, 0).weights());
            WeightCopier.load(sa, c);
            assertEquals(sa.weights(), WeightCopier.snapshot(c, 2, 0).weights());

            float[] z = {0.3f, -1.2f};
            try (InferenceModel inference = new InferenceModel(sa, ComputeDevice.cpu())) {
                float[] image = inference.decode(z);
                assertEquals(784, image.length);
                for (float v : image) {
                    assertTrue(v >= 0f && v <= 1f);
                }
                assertArrayEquals(image, inference.decode(z), 0f);
            }
        }
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedWithBothNamed() {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock small = new VaeBlock(ModelConfig.mlp(2, List.of(16)));
            small.initializeFor(manager);
            WeightSnapshot snapshot = WeightCopier.snapshot(small, 1, 0);
            try (InferenceModel inference = new InferenceModel(snapshot, ComputeDevice.cpu())) {
                VaeBlock big = new VaeBlock(ModelConfig.mlp(2, List.of(32)));
                big.initializeFor(manager);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> inference.update(WeightCopier.snapshot(big, 2, 0)));
                assertTrue(e.getMessage().contains("MLP 784-32-2"), e.getMessage());
            }
        }
    }
}
