package io.vaeexplorer.training;

import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.LatentUse;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.Evaluator;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.KnnAccuracy;
import io.vaeexplorer.explore.LatentDiagnostics;
import java.util.function.BooleanSupplier;

/**
 * Scores any model on a test set for side-by-side comparison: test -ELBO (reconstruction + KL), the IWAE
 * bound and how much of its latent space it uses ({@link LatentUse}). Runs on the CPU from a weight snapshot, on whatever thread calls it, with its own seeded noise so it can
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
        return score(weights, null, false, test, iwaeK, iwaeImages, seed, () -> false);
    }

    /**
     * As {@link #score(WeightSnapshot, LabeledImages, int, int, long)}, with the latent space's use when the
     * training images are given, stopping early when {@code cancelled} turns true (checked between batches of the
     * -ELBO pass and between the measures).
     *
     * @param train the training images, the neighbours of the k-NN accuracy, or null to skip {@link LatentUse}
     * @param labelled whether the labels mean classes (the k-NN accuracy is NaN otherwise)
     * @return the score, or null when it was cancelled
     */
    public static ModelScore score(WeightSnapshot weights, LabeledImages train, boolean labelled, LabeledImages test,
                                   int iwaeK, int iwaeImages, long seed, BooleanSupplier cancelled) {
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
            LatentUse use = train == null || cancelled.getAsBoolean() ? null
                    : latentUse(model, train, labelled, test, seed);
            if (cancelled.getAsBoolean()) {
                return null;
            }
            return new ModelScore(loss, iwae, iwaeK, images, (System.nanoTime() - start) / 1e9, use);
        }
    }

    /**
     * KL per dimension, active units and mutual information of the test images' posteriors, and the k-NN accuracy
     * of their labels from the training codes (NaN when the set is unlabelled).
     */
    public static LatentUse latentUse(InferenceModel model, LabeledImages train, boolean labelled,
                                      LabeledImages test, long seed) {
        LatentCodes testCodes = codes(model, test);
        LatentDiagnostics diagnostics = LatentDiagnostics.of(testCodes, seed);
        double knn = Double.NaN;
        if (labelled) {
            LatentCodes trainCodes = codes(model, train);
            knn = KnnAccuracy.of(trainCodes.mu(), trainCodes.labels(), testCodes.mu(), testCodes.labels(),
                    testCodes.dim(), KnnAccuracy.DEFAULT_K, KnnAccuracy.MAX_TEST_IMAGES);
        }
        return new LatentUse(diagnostics.klPerDim(), diagnostics.activeUnits(), diagnostics.mutualInformation(), knn);
    }

    private static LatentCodes codes(InferenceModel model, LabeledImages images) {
        float[][] musigma = model.encodeGrey(images.grey(), images.classes(), images.count());
        return new LatentCodes(images.count(), model.latent(), musigma[0], musigma[1], images.labels());
    }
}
