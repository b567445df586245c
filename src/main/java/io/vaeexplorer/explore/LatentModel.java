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

    /**
     * The number of classes a conditional VAE's encoder and decoder are told, or 0 for a plain VAE. A conditional
     * model's {@link #decode(float[], int)} and {@link #encode(float[], int)} use class 0; {@link #atClass} fixes
     * another.
     */
    default int conditionClasses() {
        return 0;
    }

    /**
     * Decodes each latent vector at its own class.
     *
     * @param classes one class per vector, each in 0..{@link #conditionClasses()} - 1; ignored by a plain model
     */
    default float[] decode(float[] z, int[] classes, int count) {
        if (conditionClasses() == 0) {
            return decode(z, count);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot decode at a class");
    }

    /**
     * Encodes each image told its own class.
     *
     * @param classes one class per image, each in 0..{@link #conditionClasses()} - 1; ignored by a plain model
     */
    default float[][] encode(float[] images, int[] classes, int count) {
        if (conditionClasses() == 0) {
            return encode(images, count);
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot encode at a class");
    }

    /**
     * This model with every decode and encode at class {@code label}: what the plane, sweeps and interpolation use
     * to show one class's styles. A plain model is returned as it is.
     */
    default LatentModel atClass(int label) {
        return conditionClasses() == 0 ? this : ClassesTold.atOneClass(this, label);
    }

    /** Reconstructs images through z = mu (the posterior mean), as the tutorials' reconstruction figures do. */
    default float[] reconstruct(float[] images, int count) {
        float[] mu = encode(images, count)[0];
        return decode(mu, count);
    }
}
