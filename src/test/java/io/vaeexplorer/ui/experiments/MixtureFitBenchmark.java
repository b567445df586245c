package io.vaeexplorer.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.GaussianMixture;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.ui.TinyModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How long the Samples tab's mixture fit takes (encoding the training images and EM), which depends on the
 * machine: not part of the default test run. {@code mvn -B -o test -Pbench -Dtest=MixtureFitBenchmark} runs it
 * and prints the times.
 */
class MixtureFitBenchmark {

    @Test
    void fitsToMnistsTrainingCodes() {
        Dataset mnist = DatasetLoader.load(Path.of("assets", "mnist"));
        WeightSnapshot trained = CheckpointIO.load(Path.of("assets", "models", "mnist-mlp-d2", "model.vae")).weights();
        WeightSnapshot untrained16 = TinyModels.untrainedWeights(
                ModelConfig.mlp(16, ModelConfig.DEFAULT_MLP_HIDDEN), 1, 1);
        time("mnist-mlp-d2 (trained, d = 2)", trained, mnist);
        time("untrained 784-400-16 MLP", untrained16, mnist);
    }

    private static void time(String name, WeightSnapshot weights, Dataset mnist) {
        byte[] levels = mnist.train().levels();
        int count = mnist.train().count();
        try (InferenceModel model = InferenceModel.onCpu(weights)) {
            int encoded = Math.min(count, GaussianMixture.MAX_FITTED_CODES);
            long start = System.nanoTime();
            model.encodeGrey(Arrays.copyOf(levels, encoded * mnist.imageSize()), encoded);
            System.out.printf(Locale.ROOT, "%s: encoding %d images %.2f s%n", name, encoded, seconds(start));
            for (int components : new int[] {SamplesViewModel.DEFAULT_COMPONENTS, 50}) {
                for (int run = 0; run < 2; run++) {
                    start = System.nanoTime();
                    GaussianMixture mixture = GaussianMixture.fitToImages(model, levels, mnist.train().labels(), count, components,
                            SamplesViewModel.FIT_SEED);
                    System.out.printf(Locale.ROOT, "%s: K = %d, encode and fit %.2f s%n", name, components,
                            seconds(start));
                    assertEquals(components, mixture.components());
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
