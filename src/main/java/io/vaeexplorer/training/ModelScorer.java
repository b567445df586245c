package io.vaeexplorer.training;

import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.Evaluator;
import io.vaeexplorer.engine.InferenceModel;
import java.util.function.BooleanSupplier;

/**
 * Scores any model on a test set for side-by-side comparison: test -ELBO (reconstruction + KL) and the IWAE
 * bound. Runs on the CPU from a weight snapshot, on whatever thread calls it, with its own seeded noise so it can
 * run while a training run uses the engine's generator.
 */
public final class ModelScorer {

    private ModelScorer() {
    }

    /**
     * @param iwaeK samples per image for the IWAE bound (0 skips it: NaN)
     * @param iwaeImages how many test images the bound averages over (it costs k decodes per image)
     */
    public static ModelScore score(WeightSnapshot weights, LabeledImages test, int iwaeK, int iwaeImages, long seed) {
        return score(weights, test, iwaeK, iwaeImages, seed, () -> false);
    }

    /**
     * As {@link #score(WeightSnapshot, LabeledImages, int, int, long)}, stopping early when {@code cancelled}
     * turns true (checked between batches of the -ELBO pass and before the IWAE bound).
     *
     * @return the score, or null when it was cancelled
     */
    public static ModelScore score(WeightSnapshot weights, LabeledImages test, int iwaeK, int iwaeImages, long seed,
                                   BooleanSupplier cancelled) {
        String mismatch = weights.config().sizeMismatch("the model", "the test set", test.channels(), test.rows(),
                test.cols());
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        DjlRuntime.disableGradientsOnThisThread();
        long start = System.nanoTime();
        try (InferenceModel model = InferenceModel.onCpu(weights);
             Evaluator evaluator = new Evaluator(test, ComputeDevice.cpu(), seed)) {
            LossParts loss = evaluator.negElbo(model.block(), cancelled);
            if (loss == null || cancelled.getAsBoolean()) {
                return null;
            }
            int images = Math.min(iwaeImages, test.count());
            double iwae = iwaeK > 0 && images > 0 ? evaluator.iwaeLogLikelihood(model.block(), iwaeK, images) : Double.NaN;
            return new ModelScore(loss, iwae, iwaeK, images, (System.nanoTime() - start) / 1e9);
        }
    }
}
