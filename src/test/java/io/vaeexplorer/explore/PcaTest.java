package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

    /** Points mean + a*u + b*v on a tilted plane in 3-D, with a wider spread along u than along v. */
    private static final double[] MEAN = {1.0, -2.0, 0.5};
    private static final double[] U = normalised(1, 2, 2);
    private static final double[] V = normalised(2, 1, -2); // orthogonal to U

    private static float[] planeData(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] codes = new float[count * 3];
        for (int i = 0; i < count; i++) {
            double a = 3.0 * (random.nextDouble() * 2 - 1);
            double b = 1.0 * (random.nextDouble() * 2 - 1);
            for (int k = 0; k < 3; k++) {
                codes[i * 3 + k] = (float) (MEAN[k] + a * U[k] + b * V[k]);
            }
        }
        return codes;
    }

    @Test
    void recoversTheKnownPlane() {
        float[] codes = planeData(500, 7);
        Pca pca = Pca.fit(codes, 500, 3);

        assertEquals(1.0, pca.explainedRatio(2), 1e-6);
        assertEquals(0.0, pca.explainedRatio(0));
        assertTrue(pca.explainedRatio(1) > 0.8, "u carries ~9/10 of the variance: " + pca.explainedRatio(1));
        double[] normal = {U[1] * V[2] - U[2] * V[1], U[2] * V[0] - U[0] * V[2], U[0] * V[1] - U[1] * V[0]};
        for (double[] component : pca.components()) {
            assertEquals(0.0, dot(component, normal), 1e-6, "component lies in the plane");
            assertEquals(1.0, dot(component, component), 1e-9, "unit length");
        }
        // within the plane the sample's own spread decides; with 500 points it stays close to u then v
        assertTrue(Math.abs(dot(pca.components()[0], U)) > 0.99);
        assertTrue(Math.abs(dot(pca.components()[1], V)) > 0.99);
        assertEquals(0.0, dot(pca.components()[0], pca.components()[1]), 1e-9);

        float[] projected = pca.project(codes, 500);
        assertEquals(1000, projected.length);
        for (int i = 0; i < 500; i += 37) {
            float[] back = pca.unproject(projected[i * 2], projected[i * 2 + 1]);
            assertArrayEquals(LatentGridTest.slice(codes, i, 3), back, 1e-4f, "round trip of code " + i);
        }
    }

    @Test
    void meanProjectsToTheOrigin() {
        Pca pca = Pca.fit(planeData(200, 3), 200, 3);
        float[] mean = toFloats(pca.mean());
        assertArrayEquals(new float[] {0, 0}, pca.project(mean, 1), 1e-5f);
        assertArrayEquals(mean, pca.unproject(0, 0), 1e-6f);
    }

    @Test
    void signsAreFixedSoMirroredDataGivesTheSameComponents() {
        float[] codes = planeData(300, 11);
        float[] reversed = new float[codes.length]; // same points in the opposite order
        for (int i = 0; i < 300; i++) {
            System.arraycopy(codes, (299 - i) * 3, reversed, i * 3, 3);
        }
        Pca first = Pca.fit(codes, 300, 3);
        Pca second = Pca.fit(reversed, 300, 3);
        for (int c = 0; c < 2; c++) {
            double[] component = first.components()[c];
            int largest = 0;
            for (int k = 1; k < 3; k++) {
                if (Math.abs(component[k]) > Math.abs(component[largest])) {
                    largest = k;
                }
            }
            assertTrue(component[largest] > 0, "largest entry of component " + c + " is positive");
            assertArrayEquals(component, second.components()[c], 1e-9);
        }
        assertEquals(first, Pca.fit(codes, 300, 3)); // deterministic, compared by value
    }

    @Test
    void explainedVarianceMatchesKnownAxisAlignedSpread() {
        // four points: variance 4 along z0, 1 along z2, none along z1 (sample variance, n - 1)
        float[] codes = {
            -2, 5, 0,
            2, 5, 0,
            0, 5, -1,
            0, 5, 1,
        };
        Pca pca = Pca.fit(codes, 4, 3);
        assertArrayEquals(new double[] {8.0 / 3, 2.0 / 3, 0}, pca.explainedVariance(), 1e-9);
        assertArrayEquals(new double[] {1, 0, 0}, pca.components()[0], 1e-9);
        assertArrayEquals(new double[] {0, 0, 1}, pca.components()[1], 1e-9);
        assertEquals(0.8, pca.explainedRatio(1), 1e-9);
        assertArrayEquals(new float[] {-2, 0, 2, 0, 0, -1, 0, 1}, pca.project(codes, 4), 1e-6f);
    }

    @Test
    void twentyDimensionalCodesWithTwoStrongDirections() {
        int dim = 20;
        int count = 2000;
        SplittableRandom random = new SplittableRandom(5);
        float[] codes = new float[count * dim];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < dim; k++) {
                double spread = k == 3 ? 5 : k == 17 ? 3 : 0.1;
                codes[i * dim + k] = (float) (spread * (random.nextDouble() * 2 - 1));
            }
        }
        Pca pca = Pca.fit(codes, count, dim);
        assertEquals(1.0, pca.components()[0][3], 1e-3);
        assertEquals(1.0, pca.components()[1][17], 1e-3);
        assertTrue(pca.explainedRatio(2) > 0.99);
        assertEquals(1.0, pca.explainedRatio(dim), 1e-12);
    }

    @Test
    void eigenDecompositionSatisfiesTheDefinition() {
        int n = 40;
        SplittableRandom random = new SplittableRandom(9);
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                matrix[i][j] = matrix[j][i] = random.nextDouble() * 2 - 1;
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(matrix);
        for (int e = 0; e < n; e++) {
            if (e > 0) {
                assertTrue(eigen.values[e] <= eigen.values[e - 1], "sorted largest first");
            }
            double[] v = eigen.vectors[e];
            assertEquals(1.0, dot(v, v), 1e-10);
            for (int i = 0; i < n; i++) {
                assertEquals(eigen.values[e] * v[i], dot(matrix[i], v), 1e-9, "A v = lambda v, vector " + e);
            }
        }
        assertEquals(0.0, dot(eigen.vectors[0], eigen.vectors[n - 1]), 1e-10);
    }

    @Test
    void identicalCodesGiveAFiniteFitAroundThatCode() {
        float[] codes = {1, 2, 3, 1, 2, 3, 1, 2, 3};
        Pca pca = Pca.fit(codes, 3, 3);
        assertArrayEquals(new double[] {0, 0, 0}, pca.explainedVariance(), 0);
        assertEquals(1.0, pca.explainedRatio(1));
        assertEquals(1.0, dot(pca.components()[0], pca.components()[0]), 1e-12);
        assertArrayEquals(new float[] {1, 2, 3}, pca.unproject(0, 0), 0f);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[6], 3, 3), "too few values");
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[3], 1, 3), "one code");
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[4], 4, 1), "dimension 1");
        Pca pca = Pca.fit(planeData(10, 1), 10, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pca.project(new float[4], 2));
        assertTrue(e.getMessage().contains("codes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pca.explainedRatio(4));
        assertThrows(IllegalArgumentException.class,
                () -> new Pca(new double[3], new double[][] {{1, 0}, {0, 1}}, new double[3]));
    }

    private static double[] normalised(double... v) {
        double norm = Math.sqrt(dot(v, v));
        double[] unit = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            unit[k] = v[k] / norm;
        }
        return unit;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            floats[k] = (float) values[k];
        }
        return floats;
    }
}
