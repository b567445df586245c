package io.vaeexplorer.explore;

/**
 * The manifold figure: the decodes of a regular {@code n x n} grid over a rectangle of the latent plane, row 0 at
 * the top (largest y) as {@link LatentGrid} lays it out. The plane is the latent space itself for d = 2 and the
 * plane of the codes' first two principal components for d > 2; a one-dimensional space has no plane to grid.
 */
public final class ManifoldFigure {

    private ManifoldFigure() {
    }

    /**
     * The {@code n x n} decodes over [xMin, xMax] x [yMin, yMax], {@code n} per row; null when the model has no plane
     * to grid: d = 1, or d > 2 without a PCA plane.
     *
     * @param plane the PCA plane of the codes for d > 2 (of the model's latent size); ignored for d = 2, where
     *              the raw axes are the plane
     */
    public static ImageGrid decode(LatentModel model, int n, double xMin, double xMax, double yMin, double yMax,
            Pca plane) {
        Checks.atLeast("n", n, 1);
        int latent = model.latent();
        float[] z;
        if (latent == 2) {
            z = LatentGrid.plane(n, xMin, xMax, yMin, yMax);
        } else if (plane != null && latent > 2) {
            if (plane.dimension() != latent) {
                throw new IllegalArgumentException("dimension mismatch: the PCA plane is for latent size "
                        + plane.dimension() + ", the model has " + latent);
            }
            z = LatentGrid.plane(n, xMin, xMax, yMin, yMax, plane);
        } else {
            return null;
        }
        return ImageGrid.decoded(model, z, n * n, n);
    }

    /** The same over the plane region {xMin, xMax, yMin, yMax}, as the plane views keep it. */
    public static ImageGrid decode(LatentModel model, int n, double[] region, Pca plane) {
        if (region.length != 4) {
            throw new IllegalArgumentException("region must be {xMin, xMax, yMin, yMax}, got " + region.length
                    + " values");
        }
        return decode(model, n, region[0], region[1], region[2], region[3], plane);
    }

    /**
     * The plane {@link #decode} needs for codes of latent size {@code dim}: the principal plane of the {@code count}
     * means (row-major {@code count x dim}) for d > 2, null otherwise (no fit is needed or possible).
     */
    public static Pca planeOf(float[] mu, int count, int dim) {
        return dim > 2 ? Pca.fit(mu, count, dim) : null;
    }
}
