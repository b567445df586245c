package io.vaeexplorer.cli;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.LatentUse;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.Evaluator;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.KnnAccuracy;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.training.ModelScorer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval}: measures a saved model on the test set. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on the test set: -ELBO split into reconstruction and KL, and optionally "
                + "the importance-weighted (IWAE) bound on log p(x).")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model-dir", paramLabel = "DIR", required = true, description = "folder (or .vae or .safetensors file) of the checkpoint")
    Path modelDir;

    @Mixin
    DataOption data;

    @Option(names = "--iwae", paramLabel = "K", defaultValue = "0", description = "also estimate log p(x) with K importance samples (e.g. 1000)")
    int iwaeSamples;

    @Option(names = "--iwae-images", paramLabel = "N", defaultValue = "1000", description = "test images for the IWAE bound (default: ${DEFAULT-VALUE})")
    int iwaeImages;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the z samples (default: ${DEFAULT-VALUE})")
    int seed;

    @Option(names = "--json", description = "print one JSON object with the results as the last line")
    boolean json;

    @Override
    public Integer call() {
        Checkpoint checkpoint = CheckpointIO.load(modelDir);
        Dataset dataset = data.load();
        RenderCommand.requireSameImageSize(checkpoint, dataset);
        ComputeDevice device = ComputeDevice.preferred();
        DjlRuntime.engine().setRandomSeed(seed);
        System.out.println("model: " + checkpoint.config().describe() + ", " + checkpoint.epochsDone() + " epochs on "
                + checkpoint.dataName() + "; device: " + device.describe());
        try (InferenceModel model = new InferenceModel(checkpoint.weights(), device);
             Evaluator evaluator = new Evaluator(dataset.test(), device)) {
            long t0 = System.nanoTime();
            LossParts test = evaluator.negElbo(model.block());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("test -ELBO %.3f nats (reconstruction %.3f + KL %.3f) on %d images, %.2f s%n",
                    test.negElbo(), test.reconstruction(), test.kl(), evaluator.count(), seconds);
            JsonLine line = Results.lossFields(new JsonLine(), test, "no test loss was measured")
                    .put("samples_per_second", Results.whole(evaluator.count() / seconds))
                    .put("device", device.describe())
                    .put("model", checkpoint.config().describe())
                    .put("epochs", checkpoint.epochsDone())
                    .put("state", "finished");
            if (iwaeSamples > 0) {
                t0 = System.nanoTime();
                double logLikelihood = evaluator.iwaeLogLikelihood(model.block(), iwaeSamples, iwaeImages);
                System.out.printf("IWAE bound, k=%d on %d test images: log p(x) >= %.3f nats (%.1f s)%n", iwaeSamples,
                        Math.min(iwaeImages, evaluator.count()), logLikelihood, (System.nanoTime() - t0) / 1e9);
                line.putNumber("iwae_log_likelihood", Results.round(logLikelihood),
                                "the bound is " + JsonLine.describe(logLikelihood)).put("iwae_k", iwaeSamples)
                        .put("iwae_images", Math.min(iwaeImages, evaluator.count()));
            }
            t0 = System.nanoTime();
            LatentUse use = ModelScorer.latentUse(model, dataset.train(), dataset.labelled(), dataset.test(), seed);
            System.out.printf("latent use: %d of %d units active, I(x;z) %.3f nats, KL per dimension %s%s (%.1f s)%n",
                    use.activeUnits(), use.klPerDim().length, use.mutualInformation(), Results.list(use.klPerDim()),
                    dataset.labelled() ? String.format(", %d-NN accuracy %.4f", KnnAccuracy.DEFAULT_K,
                            use.knnAccuracy()) : "", (System.nanoTime() - t0) / 1e9);
            line.put("kl_per_dim", Results.rounded(use.klPerDim())).put("active_units", use.activeUnits())
                    .put("mutual_information", Results.round(use.mutualInformation()));
            if (dataset.labelled()) {
                line.put("knn_accuracy", Results.round(use.knnAccuracy())).put("knn_k", KnnAccuracy.DEFAULT_K);
            } else {
                line.missing("knn_accuracy", "the data set has no labels");
            }
            if (json) {
                System.out.println(line);
            }
        }
        return 0;
    }
}
