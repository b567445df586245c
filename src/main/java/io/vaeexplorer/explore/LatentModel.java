package io.vaeexplorer.explore;

import io.vaeexplorer.core.ImageShape;

/**
 * What the picture recipes need of a trained VAE: its latent size, its image size, and its encoder and decoder on
 * plain float arrays. It exists so the recipes ({@link ManifoldFigure}, {@link SweepFigure}, ...) and the views built
 * on them can be written once and tested with a few lines of plain Java instead of a native network; the engine's
 * inference copy implements it, as QuPath's DJL model implements its plain DnnModel.
 */
public interface LatentModel {

    /** The latent size d. */
    int latent();

    /** Image height in pixels. */
    int rows();

    /** Image width in pixels. */
    int cols();

    /** Channels of an image: 1 (grey) or 3 (red, green, blue). */
    int channels();

    /** The shape of one image the model takes and gives. */
    default ImageShape imageShape() {
        return new ImageShape(channels(), rows(), cols());
    }

    /**
     * Decodes latent vectors to images.
     *
     * @param z     {@code count} latent vectors, row-major ({@code count x d})
     * @param count how many vectors {@code z} holds
     * @return {@code count} images one after another, each channel-major ({@code count x channels * rows * cols}),
     *     values in [0, 1]
     */
    float[] decode(float[] z, int count);

    /**
     * Encodes images to their posterior parameters.
     *
     * @param images {@code count} images one after another, each channel-major ({@code count x channels * rows *
     *               cols}), values in [0, 1]
     * @return {mu, sigma}, each row-major ({@code count x d})
     */
    float[][] encode(float[] images, int count);

    /** Reconstructs images through z = mu (the posterior mean), as the tutorials' reconstruction figures do. */
    default float[] reconstruct(float[] images, int count) {
        float[] mu = encode(images, count)[0];
        return decode(mu, count);
    }
}
