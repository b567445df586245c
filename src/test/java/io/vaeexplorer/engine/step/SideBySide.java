package io.vaeexplorer.engine.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.NativeArrays;
import java.util.function.IntFunction;

/** Two training steps of the same model compared step by step. */
final class SideBySide {

    private SideBySide() {
    }

    /**
     * Trains both on the same consecutive batches of {@code all}, each drawing its reparameterisation noise from
     * the same generator state, and checks that every step's loss sums agree to float rounding.
     */
    static void trainWithTheSameBatchesAndNoise(TrainingStep first, TrainingStep second, NDManager data, NDArray all,
                                                byte[] labels, int steps, int batchSize, String name) {
        trainWithTheSameBatchesAndNoise(first, second, data, all, labels, steps, batchSize, name,
                step -> StepWeights.of(first.defaultConfig()));
    }

    /**
     * As above, with the loss's weights of each step given (a KL schedule's). A conditional model is told each
     * image's class from {@code labels}.
     */
    static void trainWithTheSameBatchesAndNoise(TrainingStep first, TrainingStep second, NDManager data, NDArray all,
                                                byte[] labels, int steps, int batchSize, String name,
                                                IntFunction<StepWeights> weights) {
        int classes = first.defaultConfig().conditionClasses();
        Engine engine = DjlRuntime.engine();
        for (int step = 0; step < steps; step++) {
            LossParts a;
            LossParts b;
            try (NDManager stepManager = data.newSubManager()) {
                NDArray batch = all.get(stepManager, new NDIndex("{}:{}", step * batchSize, (step + 1) * batchSize));
                NDArray conditions = classes == 0 ? null
                        : NativeArrays.oneHot(stepManager, labels, step * batchSize, batchSize, classes);
                engine.setRandomSeed(100 + step);
                a = first.train(batch, conditions, weights.apply(step));
                engine.setRandomSeed(100 + step);
                b = second.train(batch, conditions, weights.apply(step));
            }
            assertEquals(b.reconstruction(), a.reconstruction(), 1e-4 * Math.abs(b.reconstruction()) + 1e-3,
                    name + ": reconstruction sum at step " + step);
            assertEquals(b.kl(), a.kl(), 1e-4 * Math.abs(b.kl()) + 1e-3, name + ": KL sum at step " + step);
        }
    }
}
