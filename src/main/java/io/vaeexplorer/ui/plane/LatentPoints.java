package io.vaeexplorer.ui.plane;

import io.vaeexplorer.explore.AxisPlane;
import io.vaeexplorer.explore.ManifoldFigure;
import io.vaeexplorer.explore.Pca;
import java.util.Locale;

/**
 * The test set placed on the latent plane: the 2-D position of every image with its label, and the way back from a
 * point of the plane to a latent vector. For d <= 2 the position is the posterior mean itself; above, it is the mean
 * projected onto the plane the {@link LatentAxes} choose: the first two principal components, or two latent
 * dimensions (a point of that plane maps back with the other dimensions at the codes' mean, see {@link AxisPlane}).
 *
 * @param xy row-major (count x 2) plane coordinates
 * @param mu row-major (count x dim) posterior means
 * @param sigma row-major (count x dim) posterior standard deviations
 * @param axes what the plane's axes follow for d > 2; {@link LatentAxes#PRINCIPAL_COMPONENTS} for d <= 2, where the
 *             plane is the latent space itself
 * @param pca the plane's projection for d > 2 (the principal plane, or the plane of the two chosen dimensions);
 *            null when the plane is the latent space itself
 * @param principal the codes' principal plane for d > 2, kept so that a return to the principal components needs
 *                  no new fit; null for d <= 2
 * @param snapshotVersion version of the weights these codes came from
 */
public record LatentPoints(int count, int dim, float[] xy, float[] mu, float[] sigma, byte[] labels, LatentAxes axes,
                           Pca pca, Pca principal, long snapshotVersion) {

    /** Posterior mean of image i (a copy). */
    public float[] mu(int i) {
        float[] z = new float[dim];
        System.arraycopy(mu, i * dim, z, 0, dim);
        return z;
    }

    /** Posterior standard deviations of image i (a copy). */
    public float[] sigma(int i) {
        float[] s = new float[dim];
        System.arraycopy(sigma, i * dim, s, 0, dim);
        return s;
    }

    /** Latent vector of a point of the plane. */
    public float[] toLatent(double x, double y) {
        if (pca != null) {
            return pca.unproject(x, y);
        }
        return dim == 1 ? new float[] {(float) x} : new float[] {(float) x, (float) y};
    }

    /** Plane position of a latent vector. */
    public double[] toPlane(float[] z) {
        if (pca != null) {
            float[] p = pca.project(z, 1);
            return new double[] {p[0], p[1]};
        }
        return new double[] {z[0], dim == 1 ? 0 : z[1]};
    }

    public String xAxisLabel() {
        if (pca == null) {
            return "z1";
        }
        if (axes.principal()) {
            return String.format(Locale.ROOT, "PC 1 (%.0f%% of variance)", 100 * pca.explainedRatio(1));
        }
        return String.format(Locale.ROOT, "z%d (%.0f%% of variance)", axes.x(), 100 * pca.explainedRatio(1));
    }

    public String yAxisLabel() {
        if (pca == null) {
            return dim == 1 ? "(none)" : "z2";
        }
        if (axes.principal()) {
            return String.format(Locale.ROOT, "PC 2 (%.0f%% with PC 1)", 100 * pca.explainedRatio(2));
        }
        return String.format(Locale.ROOT, "z%d (%.0f%% of variance)", axes.y(),
                100 * (pca.explainedRatio(2) - pca.explainedRatio(1)));
    }

    /**
     * The same codes on the plane of other axes; itself when the axes are the ones shown already or the plane is
     * the latent space itself (d <= 2). Dimensions the codes do not have give the principal components.
     */
    public LatentPoints withAxes(LatentAxes chosen) {
        LatentAxes target = chosen.fits(dim) ? chosen : LatentAxes.PRINCIPAL_COMPONENTS;
        if (principal == null || target.equals(axes)) {
            return this;
        }
        Pca plane = target.principal() ? principal : AxisPlane.of(mu, count, dim, target.x(), target.y());
        return new LatentPoints(count, dim, plane.project(mu, count), mu, sigma, labels, target, plane, principal,
                snapshotVersion);
    }

    /** Builds the plane positions from means: the means themselves for d <= 2, a PCA projection above. */
    public static LatentPoints of(int count, int dim, float[] mu, float[] sigma, byte[] labels, long version) {
        Pca pca = ManifoldFigure.planeOf(mu, count, dim);
        if (pca != null) {
            return new LatentPoints(count, dim, pca.project(mu, count), mu, sigma, labels,
                    LatentAxes.PRINCIPAL_COMPONENTS, pca, pca, version);
        }
        float[] xy = new float[count * 2];
        for (int i = 0; i < count; i++) {
            xy[2 * i] = mu[i * dim];
            xy[2 * i + 1] = dim == 1 ? 0f : mu[i * dim + 1];
        }
        return new LatentPoints(count, dim, xy, mu, sigma, labels, LatentAxes.PRINCIPAL_COMPONENTS, null, null,
                version);
    }
}
