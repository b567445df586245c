package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * The plane of the first two principal components of a set of latent codes, used to show a
 * d-dimensional latent space as a 2-D map and to turn map positions back into latent vectors.
 *
 * @param mean              the mean code, length d
 * @param components        the first two principal directions, {@code 2 x d}, unit length, each signed so
 *                          that its largest-magnitude entry is positive (the same data always gives the
 *                          same picture, never a mirrored one)
 * @param explainedVariance the variance along every principal direction, largest first, length d
 *                          (all d are kept so {@link #explainedRatio(int)} has the total to divide by)
 */
public record Pca(double[] mean, double[][] components, double[] explainedVariance) {

    /** Arrays are copied in and out so a Pca can be shared between threads and never changes. */
    public Pca {
        int dim = mean.length;
        Checks.atLeast("dimension", dim, 2);
        if (components.length != 2) {
            throw new IllegalArgumentException("components must hold 2 directions, got " + components.length);
        }
        for (int i = 0; i < 2; i++) {
            if (components[i].length != dim) {
                throw new IllegalArgumentException("dimension mismatch: component " + i + " has "
                        + components[i].length + " entries, mean has " + dim);
            }
        }
        if (explainedVariance.length != dim) {
            throw new IllegalArgumentException("dimension mismatch: explainedVariance has "
                    + explainedVariance.length + " entries, mean has " + dim);
        }
        mean = mean.clone();
        components = new double[][] {components[0].clone(), components[1].clone()};
        explainedVariance = explainedVariance.clone();
    }

    /**
     * Fits the principal plane of {@code count} codes of length {@code dim} (row-major), from the
     * eigen-decomposition of their d x d sample covariance. A 2-D latent space is fitted like any other:
     * the result is a rotation of the original axes onto the directions of largest spread; callers that
     * want the raw axes for d == 2 simply use {@link LatentGrid#plane(int, double, double)} instead.
     */
    public static Pca fit(float[] codes, int count, int dim) {
        Checks.atLeast("count", count, 2);
        Checks.atLeast("dim", dim, 2);
        Checks.holds("codes", codes, count, dim);

        double[] mean = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < dim; k++) {
                mean[k] += codes[i * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= count;
        }

        double[][] covariance = covariance(codes, count, dim, mean);
        SymmetricEigen eigen = SymmetricEigen.of(covariance);

        double[][] components = {signFixed(eigen.vectors[0]), signFixed(eigen.vectors[1])};
        double[] variance = new double[dim];
        for (int k = 0; k < dim; k++) {
            variance[k] = Math.max(0.0, eigen.values[k]); // rounding can leave tiny negatives
        }
        return new Pca(mean, components, variance);
    }

    private static double[][] covariance(float[] codes, int count, int dim, double[] mean) {
        double[][] covariance = new double[dim][dim];
        double[] centred = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < dim; k++) {
                centred[k] = codes[i * dim + k] - mean[k];
                if (!Double.isFinite(centred[k])) {
                    throw new IllegalArgumentException("codes must be finite, code " + i + " entry " + k
                            + " is " + codes[i * dim + k]);
                }
            }
            for (int a = 0; a < dim; a++) {
                double ca = centred[a];
                double[] row = covariance[a];
                for (int b = a; b < dim; b++) {
                    row[b] += ca * centred[b]; // upper triangle only, mirrored below
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                covariance[a][b] /= count - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        return covariance;
    }

    /** Flips the vector so its largest-magnitude entry (the first one, on ties) is positive. */
    private static double[] signFixed(double[] vector) {
        int largest = 0;
        for (int k = 1; k < vector.length; k++) {
            if (Math.abs(vector[k]) > Math.abs(vector[largest])) {
                largest = k;
            }
        }
        double[] fixed = vector.clone();
        if (fixed[largest] < 0) {
            for (int k = 0; k < fixed.length; k++) {
                fixed[k] = -fixed[k];
            }
        }
        return fixed;
    }

    /** The latent dimension d. */
    public int dimension() {
        return mean.length;
    }

    /** Coordinates of {@code count} codes in the principal plane, {@code count x 2}. */
    public float[] project(float[] codes, int count) {
        Checks.atLeast("count", count, 0);
        int dim = mean.length;
        Checks.holds("codes", codes, count, dim);
        double[] c1 = components[0];
        double[] c2 = components[1];
        float[] plane = new float[count * 2];
        for (int i = 0; i < count; i++) {
            double x = 0;
            double y = 0;
            for (int k = 0; k < dim; k++) {
                double centred = codes[i * dim + k] - mean[k];
                x += centred * c1[k];
                y += centred * c2[k];
            }
            plane[i * 2] = (float) x;
            plane[i * 2 + 1] = (float) y;
        }
        return plane;
    }

    /** The latent vector at plane position (x, y): mean + x * c1 + y * c2. */
    public float[] unproject(double x, double y) {
        int dim = mean.length;
        float[] z = new float[dim];
        for (int k = 0; k < dim; k++) {
            z[k] = (float) (mean[k] + x * components[0][k] + y * components[1][k]);
        }
        return z;
    }

    /**
     * Share of the total variance along the first {@code k} principal directions, in [0, 1]
     * ({@code k} in 0..d). Codes that do not vary at all count as fully explained (1 for k >= 1).
     */
    public double explainedRatio(int k) {
        if (k < 0 || k > explainedVariance.length) {
            throw new IllegalArgumentException("k must be in [0, " + explainedVariance.length + "], got " + k);
        }
        double total = 0;
        double explained = 0;
        for (int i = 0; i < explainedVariance.length; i++) {
            total += explainedVariance[i];
            if (i < k) {
                explained += explainedVariance[i];
            }
        }
        if (total == 0) {
            return k == 0 ? 0.0 : 1.0;
        }
        return Math.min(1.0, explained / total);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] components() {
        return new double[][] {components[0].clone(), components[1].clone()};
    }

    @Override
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    // records compare arrays by reference; a PCA is a value, so compare contents
    @Override
    public boolean equals(Object other) {
        return other instanceof Pca that
                && Arrays.equals(mean, that.mean)
                && Arrays.deepEquals(components, that.components)
                && Arrays.equals(explainedVariance, that.explainedVariance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.deepHashCode(components)) + Arrays.hashCode(explainedVariance);
    }

    @Override
    public String toString() {
        return "Pca[dimension=" + mean.length + ", explainedVariance(1,2)=" + explainedVariance[0] + ", "
                + explainedVariance[1] + ", explainedRatio(2)=" + explainedRatio(2) + "]";
    }
}
