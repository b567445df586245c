package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * Figures of sampled codes: decodes of draws from the prior, and the variants of one image that its posterior
 * gives. Seeded, so the same seed shows the same codes as the weights change.
 */
public final class SampleFigure {

    private SampleFigure() {
    }

    /** Decodes of {@code count} draws z ~ N(0, I), {@code columns} per row. */
    public static ImageGrid prior(LatentModel model, int count, long seed, int columns) {
        float[] z = PriorSampler.sample(count, model.latent(), seed);
        return ImageGrid.decoded(model, z, count, columns);
    }

    /** Decodes of {@code count} draws from a mixture fitted to the aggregate posterior, {@code columns} per row. */
    public static ImageGrid mixture(LatentModel model, GaussianMixture mixture, int count, long seed, int columns) {
        if (mixture.dim() != model.latent()) {
            throw new IllegalArgumentException("the mixture has " + mixture.dim() + " dimensions, the model "
                    + model.latent());
        }
        return ImageGrid.decoded(model, mixture.sample(count, seed), count, columns);
    }

    /**
     * {@code image} followed by the decodes of {@code count} draws z ~ q(z | image), {@code columns} per row: the
     * variants of one digit that the decoder would see during training.
     */
    public static ImageGrid variants(LatentModel model, float[] image, int count, long seed, int columns) {
        float[][] posterior = model.encode(image, 1);
        float[] z = PriorSampler.posterior(posterior[0], posterior[1], count, seed);
        float[] decoded = model.decode(z, count);
        float[] all = Arrays.copyOf(image, image.length + decoded.length);
        System.arraycopy(decoded, 0, all, image.length, decoded.length);
        return new ImageGrid(all, count + 1, columns, model.imageShape());
    }
}
