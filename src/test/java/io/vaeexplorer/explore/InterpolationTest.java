package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.LatentGridTest.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    @Test
    void atIsLinear() {
        float[] a = {0, 2, -4};
        float[] b = {4, 2, 4};
        assertArrayEquals(a, Interpolation.at(a, b, 0), 0f);
        assertArrayEquals(b, Interpolation.at(a, b, 1), 0f);
        assertArrayEquals(new float[] {1, 2, -2}, Interpolation.at(a, b, 0.25), 1e-6f);
    }

    @Test
    void linearIncludesBothEndsEvenlySpaced() {
        float[] a = {0.1f, 0.3f};
        float[] b = {0.7f, -0.9f};
        float[] path = Interpolation.linear(a, b, 4);
        assertEquals(8, path.length);
        assertArrayEquals(a, slice(path, 0, 2), 0f);
        assertArrayEquals(b, slice(path, 3, 2), 0f);
        assertArrayEquals(new float[] {0.3f, -0.1f}, slice(path, 1, 2), 1e-6f);
    }

    @Test
    void slerpHitsTheEndsAndKeepsTheNormOfEqualLengthVectors() {
        float[] a = {3, 0, 0};
        float[] b = {0, 0, 3};
        float[] path = Interpolation.spherical(a, b, 9);
        assertArrayEquals(a, slice(path, 0, 3), 0f);
        assertArrayEquals(b, slice(path, 8, 3), 0f);
        for (int i = 0; i < 9; i++) {
            assertEquals(3.0, norm(slice(path, i, 3)), 1e-5, "norm of step " + i);
        }
        // midpoint of a quarter circle: 45 degrees
        float h = (float) (3 / Math.sqrt(2));
        assertArrayEquals(new float[] {h, 0, h}, slice(path, 4, 3), 1e-5f);
        // the straight line dips to 3/sqrt(2) in the middle
        assertEquals(3 / Math.sqrt(2), norm(slice(Interpolation.linear(a, b, 9), 4, 3)), 1e-5);
    }

    @Test
    void slerpBetweenDifferentLengthsChangesNormMonotonically() {
        float[] a = {1, 0};
        float[] b = {0, 2};
        float[] path = Interpolation.spherical(a, b, 11);
        double previous = norm(slice(path, 0, 2));
        for (int i = 1; i < 11; i++) {
            double current = norm(slice(path, i, 2));
            assertTrue(current >= previous - 1e-6, "norm grows from |a| to |b| at step " + i);
            previous = current;
        }
        assertEquals(2.0, previous, 1e-6);
    }

    @Test
    void slerpFallsBackToLinearForParallelOrZeroVectors() {
        float[] a = {1, 1};
        float[] b = {2, 2};
        assertArrayEquals(Interpolation.linear(a, b, 5), Interpolation.spherical(a, b, 5), 0f);
        float[] zero = {0, 0};
        assertArrayEquals(Interpolation.linear(zero, b, 3), Interpolation.spherical(zero, b, 3), 0f);
        float[] opposite = {-1, -1};
        assertArrayEquals(Interpolation.linear(a, opposite, 3), Interpolation.spherical(a, opposite, 3), 0f);
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interpolation.linear(new float[2], new float[3], 4));
        assertTrue(e.getMessage().contains("dimension mismatch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Interpolation.spherical(new float[2], new float[2], 1));
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
