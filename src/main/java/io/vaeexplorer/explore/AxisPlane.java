package io.vaeexplorer.explore;

/**
 * The plane spanned by two latent dimensions, written as the same affine map as the principal plane (a {@link Pca}
 * with p = C (z - m) and z = m + C^T p), so the manifold grid, the density and the posterior ellipses computed for
 * a principal plane apply to it unchanged. Its rows C are the unit vectors of the two dimensions, so a code lands at
 * its own values in them; m is the codes' mean with those two entries set to 0, so a plane point (x, y) maps back to
 * the latent vector whose two dimensions are x and y and whose other dimensions sit at the codes' mean, the same
 * values the principal plane passes through. Projected through it, the diagonal Gaussians of the posteriors and the
 * prior become their marginals in the two dimensions.
 *
 * <p>The {@link Pca#explainedVariance()} of the result holds the codes' variance along the x dimension, then the y
 * dimension, then the other dimensions in order, so {@link Pca#explainedRatio(int)} of 1 and 2 are the shares of
 * the total variance the plane's x axis and both its axes carry.
 */
public final class AxisPlane {

    private AxisPlane() {
    }

    /**
     * The plane of dimensions {@code xDim} and {@code yDim} (0-based, different) of {@code count} codes of length
     * {@code dim} (row-major).
     */
    public static Pca of(float[] codes, int count, int dim, int xDim, int yDim) {
        Checks.atLeast("count", count, 1);
        Checks.atLeast("dim", dim, 2);
        Checks.holds("codes", codes, count, dim);
        Checks.dimensionIndex("the x dimension", xDim, dim);
        Checks.dimensionIndex("the y dimension", yDim, dim);
        if (xDim == yDim) {
            throw new IllegalArgumentException("the plane needs two different dimensions, got " + xDim + " twice");
        }
        double[] mean = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < dim; k++) {
                mean[k] += codes[i * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= count;
        }
        double[] variance = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < dim; k++) {
                double centred = codes[i * dim + k] - mean[k];
                variance[k] += centred * centred;
            }
        }
        double[] ordered = new double[dim];
        ordered[0] = variance[xDim];
        ordered[1] = variance[yDim];
        int next = 2;
        for (int k = 0; k < dim; k++) {
            if (k != xDim && k != yDim) {
                ordered[next++] = variance[k];
            }
        }
        for (int k = 0; k < dim; k++) {
            ordered[k] /= Math.max(1, count - 1);
        }
        double[][] components = new double[2][dim];
        components[0][xDim] = 1;
        components[1][yDim] = 1;
        mean[xDim] = 0;
        mean[yDim] = 0;
        return new Pca(mean, components, ordered);
    }
}
