package io.vaeexplorer.explore;

/**
 * The two encoded ends of an interpolation, and the noise shared along it: the interpolation figure's recipe. With
 * noise, a point of the path is z = interp(mu) + eps * interp(sigma) with one eps for the whole pair, so the decode
 * is a sample of the posterior that stays the same sample while t moves; without it, z = interp(mu). Sigma is always
 * interpolated on the line: it is a scale, not a point on the prior's shell.
 *
 * @param eps one standard normal vector, or null for means only
 */
public record InterpolationEnds(float[] muA, float[] sigmaA, float[] muB, float[] sigmaB, float[] eps) {

    public InterpolationEnds {
        Checks.atLeast("latent size", muA.length, 1);
        Checks.sameLength("muA", muA, "sigmaA", sigmaA);
        Checks.sameLength("muA", muA, "muB", muB);
        Checks.sameLength("muB", muB, "sigmaB", sigmaB);
        if (eps != null) {
            Checks.sameLength("muA", muA, "eps", eps);
        }
    }

    /**
     * Encodes two images (of the model's size) in one batch; with {@code noisy}, the shared eps is drawn from the
     * prior with {@code seed}.
     */
    public static InterpolationEnds encode(LatentModel model, float[] imageA, float[] imageB, long seed,
            boolean noisy) {
        int size = imageA.length;
        if (imageB.length != size) {
            throw new IllegalArgumentException("the two ends are images of different sizes");
        }
        float[] pair = new float[2 * size];
        System.arraycopy(imageA, 0, pair, 0, size);
        System.arraycopy(imageB, 0, pair, size, size);
        float[][] posterior = model.encode(pair, 2);
        int dim = model.latent();
        float[] eps = noisy ? PriorSampler.sample(1, dim, seed) : null;
        return new InterpolationEnds(row(posterior[0], 0, dim), row(posterior[1], 0, dim),
                row(posterior[0], 1, dim), row(posterior[1], 1, dim), eps);
    }

    /** A seed for the pair of test images {@code a} and {@code b}: the same pair always draws the same noise. */
    public static long pairSeed(int a, int b) {
        return ((long) a << 32) ^ (b & 0xffffffffL) ^ 0x9E3779B97F4A7C15L;
    }

    /**
     * The order in which a looping animation shows a strip's {@code steps} images: 0 .. steps-1, then back
     * steps-2 .. 1, so it runs A to B to A without showing either end twice in a row; one image is one frame.
     */
    public static int[] forthAndBack(int steps) {
        Checks.atLeast("steps", steps, 1);
        if (steps == 1) {
            return new int[] {0};
        }
        int[] order = new int[2 * steps - 2];
        for (int k = 0; k < order.length; k++) {
            order[k] = k < steps ? k : 2 * steps - 2 - k;
        }
        return order;
    }

    public int dim() {
        return muA.length;
    }

    /** The latent vector at t in [0, 1]; t = 0 and t = 1 give exactly the ends. */
    public float[] at(double t, boolean spherical) {
        float[] mu = spherical ? Interpolation.sphericalAt(muA, muB, t) : Interpolation.at(muA, muB, t);
        return eps == null ? mu : addNoise(mu, Interpolation.at(sigmaA, sigmaB, t));
    }

    /** {@code steps} vectors from A to B, both included; row-major ({@code steps x d}). */
    public float[] path(int steps, boolean spherical) {
        float[] mu = spherical ? Interpolation.spherical(muA, muB, steps) : Interpolation.linear(muA, muB, steps);
        return eps == null ? mu : addNoise(mu, Interpolation.linear(sigmaA, sigmaB, steps));
    }

    /** The decode at t, alone. */
    public ImageGrid decodeAt(LatentModel model, double t, boolean spherical) {
        return ImageGrid.decodedOne(model, at(t, spherical));
    }

    /** The decodes of {@link #path} in one row, with the path itself (to draw it on the plane). */
    public Strip strip(LatentModel model, int steps, boolean spherical) {
        float[] path = path(steps, spherical);
        return new Strip(path, ImageGrid.decoded(model, path, steps, steps));
    }

    /**
     * An interpolation strip.
     *
     * @param path   the latent vectors, row-major ({@code steps x d})
     * @param images their decodes, in one row
     */
    public record Strip(float[] path, ImageGrid images) {
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
