package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.Interpolation;
import io.vaeexplorer.explore.PriorSampler;
import java.util.Arrays;

/**
 * The two encoded ends of an interpolation, and the noise shared along it. With noise, a point of the path is
 * z = interp(mu) + eps * interp(sigma) with one eps for the whole pair, so the decode is a sample of the posterior
 * that stays the same sample while t moves; without it, z = interp(mu). Sigma is always interpolated on the line:
 * it is a scale, not a point on the prior's shell.
 *
 * @param eps one standard normal vector, or null for means only
 */
record InterpolationEnds(float[] muA, float[] sigmaA, float[] muB, float[] sigmaB, float[] eps) {

    /** Encodes test images a and b in one batch (inference thread); the noise is seeded by the pair. */
    static InterpolationEnds encode(InferenceModel model, LabeledImages images, int a, int b, boolean noisy) {
        return encode(model, images.image(a), images.image(b), pairSeed(a, b), noisy);
    }

    /**
     * Encodes test images a and b, or the drawings put in their place (null for none); with a drawing the noise
     * is seeded by the images too, so another drawing draws other noise.
     */
    static InterpolationEnds encode(InferenceModel model, LabeledImages test, int a, int b, float[] drawingA,
            float[] drawingB, boolean noisy) {
        if (drawingA == null && drawingB == null) {
            return encode(model, test, a, b, noisy);
        }
        float[] imageA = drawingA != null ? drawingA : test.image(a);
        float[] imageB = drawingB != null ? drawingB : test.image(b);
        long seed = pairSeed(a, b) ^ Arrays.hashCode(imageA) * 31L ^ Arrays.hashCode(imageB);
        return encode(model, imageA, imageB, seed, noisy);
    }

    /** Encodes two images (test images or drawings) in one batch; the noise comes from the given seed. */
    static InterpolationEnds encode(InferenceModel model, float[] imageA, float[] imageB, long seed, boolean noisy) {
        int size = imageA.length;
        if (imageB.length != size) {
            throw new IllegalArgumentException("the two ends are images of different sizes");
        }
        float[] pair = new float[2 * size];
        System.arraycopy(imageA, 0, pair, 0, size);
        System.arraycopy(imageB, 0, pair, size, size);
        float[][] posterior = model.encode(pair, 2);
        int dim = model.config().latent();
        float[] eps = noisy ? PriorSampler.sample(1, dim, seed) : null;
        return new InterpolationEnds(row(posterior[0], 0, dim), row(posterior[1], 0, dim),
                row(posterior[0], 1, dim), row(posterior[1], 1, dim), eps);
    }

    /** The same pair always draws the same noise; another pair draws another. */
    static long pairSeed(int a, int b) {
        return ((long) a << 32) ^ (b & 0xffffffffL) ^ 0x9E3779B97F4A7C15L;
    }

    int dim() {
        return muA.length;
    }

    /** The latent vector at t in [0, 1]; t = 0 and t = 1 give exactly the ends. */
    float[] at(double t, boolean spherical) {
        float[] mu = spherical ? Interpolation.sphericalAt(muA, muB, t) : Interpolation.at(muA, muB, t);
        return eps == null ? mu : addNoise(mu, Interpolation.at(sigmaA, sigmaB, t));
    }

    /** {@code steps} vectors from A to B, both included; row-major (steps x dim). */
    float[] path(int steps, boolean spherical) {
        float[] mu = spherical ? Interpolation.spherical(muA, muB, steps) : Interpolation.linear(muA, muB, steps);
        return eps == null ? mu : addNoise(mu, Interpolation.linear(sigmaA, sigmaB, steps));
    }

    private float[] addNoise(float[] mu, float[] sigma) {
        int dim = dim();
        float[] z = mu.clone();
        for (int i = 0; i < z.length; i++) {
            z[i] += eps[i % dim] * sigma[i];
        }
        return z;
    }

    private static float[] row(float[] matrix, int row, int dim) {
        float[] out = new float[dim];
        System.arraycopy(matrix, row * dim, out, 0, dim);
        return out;
    }
}
