package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation of Linear and Conv2d layers: weights and biases uniform in
 * +-1/sqrt(fan_in). DJL's default (Xavier) trains the tutorial VAE to a measurably worse -ELBO in 10 epochs,
 * and matching the reference's initialisation makes the comparison fair. Values come from a seeded Java
 * generator, so the same seed gives the same network on any device.
 */
public final class TorchDefaultInit {

    private TorchDefaultInit() {
    }

    /** Overwrites every weight and bias of an initialised block. Biases take the fan-in of the weight before them. */
    public static void apply(Block block, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long fanIn = 1;
        ByteBuffer buffer = null;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            Shape shape = array.getShape();
            if (entry.getValue().getType() == Parameter.Type.WEIGHT || shape.dimension() > 1) {
                fanIn = shape.size() / shape.get(0);
            }
            double bound = 1.0 / Math.sqrt(fanIn);
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            buffer = NativeArrays.copyInto(array, values, buffer);
        }
    }
}
