package io.vaeexplorer.explore;

/**
 * Regular grids of latent points for the manifold figure. Points are row-major as displayed:
 * row 0 is the top of the picture (largest second coordinate) and columns run left to right
 * (increasing first coordinate), matching the Keras VAE manifold plot.
 */
public final class LatentGrid {

    private LatentGrid() {
    }

    /**
     * {@code n} evenly spaced values from {@code min} to {@code max}, both ends included.
     * A single value ({@code n == 1}) is the midpoint, the one point that represents the range fairly.
     */
    public static double[] axis(int n, double min, double max) {
        Checks.atLeast("n", n, 1);
        Checks.range(min, max);
        double[] values = new double[n];
        if (n == 1) {
            values[0] = (min + max) / 2;
            return values;
        }
        for (int i = 0; i < n; i++) {
            values[i] = min + (max - min) * i / (n - 1);
        }
        values[n - 1] = max; // exact end, free of rounding
        return values;
    }

    /** {@code n*n} points (z1, z2) of a 2-D latent space, {@code n*n x 2} floats; top-left is (min, max). */
    public static float[] plane(int n, double min, double max) {
        return plane(n, min, max, min, max);
    }

    /** {@code n*n} points of the rectangle [xMin, xMax] x [yMin, yMax], {@code n*n x 2}; top-left is (xMin, yMax). */
    public static float[] plane(int n, double xMin, double xMax, double yMin, double yMax) {
        double[] xs = axis(n, xMin, xMax);
        double[] ys = axis(n, yMin, yMax);
        float[] points = new float[n * n * 2];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                int at = (row * n + col) * 2;
                points[at] = (float) xs[col];
                points[at + 1] = (float) ys[n - 1 - row];
            }
        }
        return points;
    }

    /**
     * The same grid laid out in the plane of the first two principal components and mapped back to the
     * full latent space, so a d-dimensional model can be browsed as a 2-D map; {@code n*n x d} floats.
     */
    public static float[] plane(int n, double min, double max, Pca pca) {
        return plane(n, min, max, min, max, pca);
    }

    /** The rectangle's grid in the PCA plane, mapped back to the full latent space; {@code n*n x d} floats. */
    public static float[] plane(int n, double xMin, double xMax, double yMin, double yMax, Pca pca) {
        double[] xs = axis(n, xMin, xMax);
        double[] ys = axis(n, yMin, yMax);
        int dim = pca.dimension();
        float[] points = new float[n * n * dim];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                float[] z = pca.unproject(xs[col], ys[n - 1 - row]);
                System.arraycopy(z, 0, points, (row * n + col) * dim, dim);
            }
        }
        return points;
    }
}
