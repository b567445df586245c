package io.vaeexplorer.explore;

import java.util.SplittableRandom;

/**
 * Reproducible Gaussian latent samples. Box-Muller on {@link SplittableRandom#nextDouble()} is used rather
 * than the JDK's nextGaussian so a seed gives the same digits on every JDK version.
 */
public final class PriorSampler {

    private PriorSampler() {
    }

    /** {@code count x dim} draws from the prior N(0, I); the same seed gives the same array. */
    public static float[] sample(int count, int dim, long seed) {
        Checks.atLeast("count", count, 1);
        Checks.atLeast("dim", dim, 1);
        float[] z = new float[Math.multiplyExact(count, dim)];
        fillStandardNormal(z, new SplittableRandom(seed));
        return z;
    }

    /**
     * {@code count} draws of mu + eps * sigma with eps ~ N(0, I), {@code count x d}: the variants of one
     * encoded digit that the decoder would see during training.
     */
    public static float[] posterior(float[] mu, float[] sigma, int count, long seed) {
        Checks.sameLength("mu", mu, "sigma", sigma);
        Checks.atLeast("mu length", mu.length, 1);
        Checks.atLeast("count", count, 1);
        int dim = mu.length;
        float[] z = sample(count, dim, seed);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < dim; k++) {
                int at = i * dim + k;
                z[at] = mu[k] + z[at] * sigma[k];
            }
        }
        return z;
    }

    /** Box-Muller: each pair of uniforms gives two independent standard normals. */
    private static void fillStandardNormal(float[] out, SplittableRandom random) {
        for (int i = 0; i < out.length; i += 2) {
            double u1 = 1.0 - random.nextDouble(); // (0, 1]: log(0) can never happen
            double u2 = random.nextDouble();
            double radius = Math.sqrt(-2.0 * Math.log(u1));
            double theta = 2.0 * Math.PI * u2;
            out[i] = (float) (radius * Math.cos(theta));
            if (i + 1 < out.length) {
                out[i + 1] = (float) (radius * Math.sin(theta));
            }
        }
    }
}
