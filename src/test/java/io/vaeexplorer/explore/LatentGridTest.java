package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatentGridTest {

    @Test
    void axisIsEvenlySpacedAndIncludesBothEnds() {
        assertArrayEquals(new double[] {-3, -1.5, 0, 1.5, 3}, LatentGrid.axis(5, -3, 3), 1e-12);
        double[] axis = LatentGrid.axis(7, 0.1, 0.7);
        assertEquals(0.1, axis[0]);
        assertEquals(0.7, axis[6]);
    }

    @Test
    void singlePointAxisIsTheMidpoint() {
        assertArrayEquals(new double[] {1.0}, LatentGrid.axis(1, -2, 4), 0);
    }

    @Test
    void planeCornersAreLaidOutAsDisplayed() {
        int n = 4;
        float[] plane = LatentGrid.plane(n, -2, 3);
        assertEquals(n * n * 2, plane.length);
        assertPoint(plane, 0, -2, 3);               // top-left: (min, max)
        assertPoint(plane, n - 1, 3, 3);            // top-right: (max, max)
        assertPoint(plane, (n - 1) * n, -2, -2);    // bottom-left: (min, min)
        assertPoint(plane, n * n - 1, 3, -2);       // bottom-right: (max, min)
        // along a row only z1 changes, increasing to the right; down a column z2 decreases
        assertPoint(plane, 1, -2 + 5.0 / 3, 3);
        assertPoint(plane, n, -2, 3 - 5.0 / 3);
    }

    @Test
    void pcaPlaneMapsGridPositionsThroughUnproject() {
        Pca pca = new Pca(new double[] {1, 2, 3},
                new double[][] {{1, 0, 0}, {0, 0, 1}},
                new double[] {4, 1, 0});
        float[] plane = LatentGrid.plane(3, -1, 1, pca);
        assertEquals(3 * 3 * 3, plane.length);
        assertArrayEquals(new float[] {0, 2, 4}, slice(plane, 0, 3), 1e-6f);   // (x, y) = (-1, 1)
        assertArrayEquals(new float[] {1, 2, 3}, slice(plane, 4, 3), 1e-6f);   // centre = mean
        assertArrayEquals(new float[] {2, 2, 2}, slice(plane, 8, 3), 1e-6f);   // (1, -1)
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatentGrid.plane(0, -1, 1));
        assertTrue(e.getMessage().contains("n"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatentGrid.axis(3, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> LatentGrid.axis(3, Double.NaN, 1));
    }

    private static void assertPoint(float[] plane, int index, double z1, double z2) {
        assertEquals(z1, plane[index * 2], 1e-6, "z1 of point " + index);
        assertEquals(z2, plane[index * 2 + 1], 1e-6, "z2 of point " + index);
    }

    static float[] slice(float[] rows, int index, int width) {
        float[] row = new float[width];
        System.arraycopy(rows, index * width, row, 0, width);
        return row;
    }

    @Test
    void aRectangularPlaneHasItsOwnRangePerAxis() {
        float[] z = LatentGrid.plane(3, -1, 1, 10, 20);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {-1f, 20f}, Arrays.copyOfRange(z, 0, 2));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1f, 10f}, Arrays.copyOfRange(z, 16, 18));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, 15f}, Arrays.copyOfRange(z, 8, 10));
    }
}
