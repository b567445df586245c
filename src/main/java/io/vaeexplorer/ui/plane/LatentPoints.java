package io.vaeexplorer.ui.plane;

import io.vaeexplorer.explore.ManifoldFigure;
import io.vaeexplorer.explore.Pca;

/**
 * The test set placed on the latent plane: the 2-D position of every image (its posterior mean, or the mean
 * projected onto the first two principal components when d > 2) with its label, and the way back from a point
 * of the plane to a latent vector.
 *
 * @param xy row-major (count x 2) plane coordinates
 * @param mu row-major (count x dim) posterior means
 * @param sigma row-major (count x dim) posterior standard deviations
 * @param pca the projection for d > 2, null when the plane is the latent space itself
 * @param snapshotVersion version of the weights these codes came from
 */
public record LatentPoints(int count, int dim, float[] xy, float[] mu, float[] sigma, byte[] labels, Pca pca,
                           long snapshotVersion) {

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
        return pca != null ? String.format("PC 1 (%.0f%% of variance)", 100 * pca.explainedRatio(1)) : "z1";
    }

    public String yAxisLabel() {
        if (pca != null) {
            return String.format("PC 2 (%.0f%% with PC 1)", 100 * pca.explainedRatio(2));
        }
        return dim == 1 ? "(none)" : "z2";
    }

    /** Builds the plane positions from means: the means themselves for d <= 2, a PCA projection above. */
    public static LatentPoints of(int count, int dim, float[] mu, float[] sigma, byte[] labels, long version) {
        Pca pca = ManifoldFigure.planeOf(mu, count, dim);
        if (pca != null) {
            return new LatentPoints(count, dim, pca.project(mu, count), mu, sigma, labels, pca, version);
        }
        float[] xy = new float[count * 2];
        for (int i = 0; i < count; i++) {
            xy[2 * i] = mu[i * dim];
            xy[2 * i + 1] = dim == 1 ? 0f : mu[i * dim + 1];
        }
        return new LatentPoints(count, dim, xy, mu, sigma, labels, null, version);
    }
}
