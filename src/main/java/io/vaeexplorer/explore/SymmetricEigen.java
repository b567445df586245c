package io.vaeexplorer.explore;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Eigen-decomposition of a real symmetric matrix: Householder reduction to tridiagonal form followed by
 * the implicit QL algorithm (the public-domain JAMA / EISPACK tred2 + tql2 routines). O(d^3), which keeps
 * a 1024 x 1024 covariance at a few seconds where cyclic Jacobi would take far longer.
 */
final class SymmetricEigen {

    /** Eigenvalues, largest first. */
    final double[] values;
    /** {@code vectors[i]} is the unit eigenvector of {@code values[i]}. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code matrix} (square, symmetric; only read, never changed). */
    static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] v = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("matrix must be square, row " + i + " has " + matrix[i].length);
            }
            v[i] = matrix[i].clone();
        }
        double[] d = new double[n];
        double[] e = new double[n];
        if (n > 0) {
            tridiagonalize(v, d, e);
            diagonalize(v, d, e);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> d[i]).reversed());
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
            vectors[i] = v[order[i]];
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * tred2: d becomes the diagonal, e the sub-diagonal and v the transposed orthogonal transform (row i of
     * v is JAMA's column i). The matrix is symmetric, so the input is its own transpose; working on the
     * transpose turns JAMA's column walks into row walks over contiguous arrays (several times faster at d = 1024).
     */
    private static void tridiagonalize(double[][] v, double[] d, double[] e) {
        int n = d.length;
        for (int j = 0; j < n; j++) {
            d[j] = v[j][n - 1];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[j][i - 1];
                    v[j][i] = 0.0;
                    v[i][j] = 0.0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0.0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[i][j] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[j][k] * d[k];
                        e[k] += v[j][k] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[j][k] -= (f * e[k] + g * d[k]);
                    }
                    d[j] = v[j][i - 1];
                    v[j][i] = 0.0;
                }
            }
            d[i] = h;
        }
        // accumulate the transformations
        for (int i = 0; i < n - 1; i++) {
            v[i][n - 1] = v[i][i];
            v[i][i] = 1.0;
            double h = d[i + 1];
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[i + 1][k] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++) {
                        g += v[i + 1][k] * v[j][k];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[j][k] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[i + 1][k] = 0.0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[j][n - 1];
            v[j][n - 1] = 0.0;
        }
        v[n - 1][n - 1] = 1.0;
        e[0] = 0.0;
    }

    /**
     * tql2: implicit QL iterations on the tridiagonal form; d ends as the eigenvalues and row i of
     * {@code vectors} (the transposed tred2 transform) as the vector of d[i]. Rows instead of JAMA's columns
     * make each rotation run over two contiguous arrays.
     */
    private static void diagonalize(double[][] vectors, double[] d, double[] e) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
                m++; // e[n-1] is zero, so the search always stops by n-1
            }
            if (m > l) {
                int iterations = 0;
                do {
                    if (++iterations > 100) {
                        throw new IllegalStateException("eigen-decomposition did not converge");
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Math.hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        rotate(vectors[i], vectors[i + 1], c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }

    /** Plane rotation of two eigenvector rows: (lower, upper) becomes (c*lower - s*upper, s*lower + c*upper). */
    private static void rotate(double[] lower, double[] upper, double c, double s) {
        for (int k = 0; k < lower.length; k++) {
            double h = upper[k];
            upper[k] = s * lower[k] + c * h;
            lower[k] = c * lower[k] - s * h;
        }
    }
}
