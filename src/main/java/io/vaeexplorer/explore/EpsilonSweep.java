package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * Latent vectors around one encoded digit, z = mu + eps * sigma, moving only chosen dimensions, to show
 * what each latent dimension controls. All results are row-major {@code vectors x d}.
 *
 * <p>The {@code sigma} the sweeps take is the step of each dimension per unit of eps: the posterior's sigma for a
 * sweep in multiples of sigma, or what {@link Units#perUnit} gives for another unit.
 */
public final class EpsilonSweep {

    /** What a sweep's eps is measured in. */
    public enum Units {
        /** Multiples of each dimension's posterior sigma: z = mu + eps * sigma. */
        SIGMA,
        /**
         * Distances in the latent space itself: z = mu + eps. A well-fitted posterior can be so narrow (sigma about
         * 0.1 at d = 2) that a sweep of a few sigma decodes the same image everywhere.
         */
        ABSOLUTE;

        /** The step of each dimension per unit of eps, for a posterior of this sigma. */
        public float[] perUnit(float[] sigma) {
            if (this == SIGMA) {
                return sigma.clone();
            }
            float[] ones = new float[sigma.length];
            Arrays.fill(ones, 1f);
            return ones;
        }
    }

    private EpsilonSweep() {
    }

    /**
     * {@code n} evenly spaced values from -maxAbs to +maxAbs, e.g. n=5, maxAbs=2 gives -2, -1, 0, 1, 2.
     * A single value ({@code n == 1}) is 0: the encoded mean itself.
     */
    public static double[] epsilons(int n, double maxAbs) {
        Checks.finite("maxAbs", maxAbs);
        if (maxAbs < 0) {
            throw new IllegalArgumentException("maxAbs must be >= 0, got " + maxAbs);
        }
        double[] eps = LatentGrid.axis(n, -maxAbs, maxAbs);
        if (n % 2 == 1) {
            eps[n / 2] = 0.0; // the centre is exactly mu, not mu plus rounding noise
        }
        return eps;
    }

    /**
     * {@code eps.length^2} vectors: column j moves {@code dimX} by eps[j]*sigma, row i moves {@code dimY}
     * by eps[m-1-i]*sigma so the top row has the largest eps (as in the manifold plot); other dimensions
     * stay at mu. {@code eps} must be ascending, as {@link #epsilons(int, double)} returns it.
     */
    public static float[] grid(float[] mu, float[] sigma, int dimX, int dimY, double[] eps) {
        checkMuSigma(mu, sigma);
        int dim = mu.length;
        Checks.dimensionIndex("dimX", dimX, dim);
        Checks.dimensionIndex("dimY", dimY, dim);
        if (dimX == dimY) {
            throw new IllegalArgumentException("dimX and dimY must differ, both are " + dimX);
        }
        checkEpsilons(eps);
        int m = eps.length;
        float[] vectors = new float[m * m * dim];
        for (int row = 0; row < m; row++) {
            for (int col = 0; col < m; col++) {
                int at = (row * m + col) * dim;
                System.arraycopy(mu, 0, vectors, at, dim);
                vectors[at + dimX] = shifted(mu, sigma, dimX, eps[col]);
                vectors[at + dimY] = shifted(mu, sigma, dimY, eps[m - 1 - row]);
            }
        }
        return vectors;
    }

    /** {@code eps.length} vectors, vector j moves {@code dim} by eps[j]*sigma. */
    public static float[] oneDimension(float[] mu, float[] sigma, int dim, double[] eps) {
        checkMuSigma(mu, sigma);
        Checks.dimensionIndex("dim", dim, mu.length);
        checkEpsilons(eps);
        return sweep(mu, sigma, dim, eps);
    }

    /** {@code d} rows of {@code eps.length} vectors ({@code d * eps.length} in all); row k sweeps dimension k. */
    public static float[] everyDimension(float[] mu, float[] sigma, double[] eps) {
        checkMuSigma(mu, sigma);
        checkEpsilons(eps);
        int dim = mu.length;
        int rowLength = eps.length * dim;
        float[] vectors = new float[dim * rowLength];
        for (int k = 0; k < dim; k++) {
            System.arraycopy(sweep(mu, sigma, k, eps), 0, vectors, k * rowLength, rowLength);
        }
        return vectors;
    }

    /**
     * One row per listed dimension, in the order given (e.g. the most informative first): row r moves dimension
     * {@code dims[r]} alone through the epsilons.
     */
    public static float[] dimensions(float[] mu, float[] sigma, int[] dims, double[] eps) {
        checkMuSigma(mu, sigma);
        checkEpsilons(eps);
        int rowLength = eps.length * mu.length;
        float[] vectors = new float[dims.length * rowLength];
        for (int r = 0; r < dims.length; r++) {
            if (dims[r] < 0 || dims[r] >= mu.length) {
                throw new IllegalArgumentException("dimension " + dims[r] + " is outside 0.." + (mu.length - 1));
            }
            System.arraycopy(sweep(mu, sigma, dims[r], eps), 0, vectors, r * rowLength, rowLength);
        }
        return vectors;
    }

    private static float[] sweep(float[] mu, float[] sigma, int dim, double[] eps) {
        int d = mu.length;
        float[] vectors = new float[eps.length * d];
        for (int j = 0; j < eps.length; j++) {
            System.arraycopy(mu, 0, vectors, j * d, d);
            vectors[j * d + dim] = shifted(mu, sigma, dim, eps[j]);
        }
        return vectors;
    }

    private static float shifted(float[] mu, float[] sigma, int dim, double eps) {
        return (float) (mu[dim] + eps * sigma[dim]);
    }

    private static void checkMuSigma(float[] mu, float[] sigma) {
        Checks.atLeast("mu length", mu.length, 1);
        Checks.sameLength("mu", mu, "sigma", sigma);
    }

    private static void checkEpsilons(double[] eps) {
        Checks.atLeast("eps length", eps.length, 1);
        for (int i = 0; i < eps.length; i++) {
            Checks.finite("eps[" + i + "]", eps[i]);
            if (i > 0 && eps[i] < eps[i - 1]) {
                throw new IllegalArgumentException("eps must be ascending, eps[" + i + "] = " + eps[i]
                        + " < eps[" + (i - 1) + "] = " + eps[i - 1]);
            }
        }
    }
}
