package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.LatentGridTest.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpsilonSweepTest {

    private static final float[] MU = {0.5f, -1.0f, 2.0f, 0.25f};
    private static final float[] SIGMA = {0.1f, 0.2f, 0.4f, 0.8f};

    @Test
    void epsilonsAreSymmetricAndEvenlySpaced() {
        assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, EpsilonSweep.epsilons(5, 2), 0);
        assertArrayEquals(new double[] {-1.5, -0.5, 0.5, 1.5}, EpsilonSweep.epsilons(4, 1.5), 1e-12);
        assertArrayEquals(new double[] {0}, EpsilonSweep.epsilons(1, 3), 0);
    }

    @Test
    void gridCentreIsMuAndCornersMoveTheChosenDimensions() {
        double[] eps = EpsilonSweep.epsilons(5, 2);
        int dimX = 2;
        int dimY = 3;
        float[] grid = EpsilonSweep.grid(MU, SIGMA, dimX, dimY, eps);
        assertEquals(25 * 4, grid.length);

        assertArrayEquals(MU, slice(grid, 12, 4), 0f); // centre: eps = 0 in both

        // top-left: dimX at -2 sigma, dimY at +2 sigma (largest eps on the top row)
        assertArrayEquals(new float[] {0.5f, -1.0f, 2.0f - 0.8f, 0.25f + 1.6f}, slice(grid, 0, 4), 1e-6f);
        // top-right: both at +2 sigma
        assertArrayEquals(new float[] {0.5f, -1.0f, 2.8f, 1.85f}, slice(grid, 4, 4), 1e-6f);
        // bottom-right: dimX at +2 sigma, dimY at -2 sigma
        assertArrayEquals(new float[] {0.5f, -1.0f, 2.8f, 0.25f - 1.6f}, slice(grid, 24, 4), 1e-6f);
        // bottom-left: both at -2 sigma
        assertArrayEquals(new float[] {0.5f, -1.0f, 1.2f, -1.35f}, slice(grid, 20, 4), 1e-6f);
    }

    @Test
    void oneDimensionMovesOnlyThatDimension() {
        float[] sweep = EpsilonSweep.oneDimension(MU, SIGMA, 1, new double[] {-1, 0, 3});
        assertEquals(12, sweep.length);
        assertArrayEquals(new float[] {0.5f, -1.2f, 2.0f, 0.25f}, slice(sweep, 0, 4), 1e-6f);
        assertArrayEquals(MU, slice(sweep, 1, 4), 0f);
        assertArrayEquals(new float[] {0.5f, -0.4f, 2.0f, 0.25f}, slice(sweep, 2, 4), 1e-6f);
    }

    @Test
    void everyDimensionHasOneRowPerDimension() {
        double[] eps = EpsilonSweep.epsilons(3, 1);
        float[] rows = EpsilonSweep.everyDimension(MU, SIGMA, eps);
        assertEquals(4 * 3 * 4, rows.length);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(EpsilonSweep.oneDimension(MU, SIGMA, k, eps),
                    Arrays.copyOfRange(rows, k * 12, (k + 1) * 12), 0f, "row " + k);
            float[] last = slice(rows, k * 3 + 2, 4);
            assertEquals(MU[k] + SIGMA[k], last[k], 1e-6f, "row " + k + " ends at mu + sigma in dim " + k);
        }
    }

    @Test
    void absoluteUnitsMoveEveryDimensionByEpsItself() {
        assertArrayEquals(SIGMA, EpsilonSweep.Units.SIGMA.perUnit(SIGMA), 0f);
        float[] step = EpsilonSweep.Units.ABSOLUTE.perUnit(SIGMA);
        assertArrayEquals(new float[] {1, 1, 1, 1}, step, 0f);
        float[] grid = EpsilonSweep.grid(MU, step, 2, 3, EpsilonSweep.epsilons(3, 0.5));
        // top-left: dimX at -0.5, dimY at +0.5, whatever the posterior's sigma
        assertArrayEquals(new float[] {0.5f, -1.0f, 1.5f, 0.75f}, slice(grid, 0, 4), 1e-6f);
        assertArrayEquals(MU, slice(grid, 4, 4), 0f);
    }

    @Test
    void rejectsBadArguments() {
        double[] eps = {-1, 0, 1};
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> EpsilonSweep.grid(MU, new float[3], 0, 1, eps));
        assertTrue(mismatch.getMessage().contains("dimension mismatch"), mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpsilonSweep.grid(MU, SIGMA, 1, 1, eps));
        assertThrows(IllegalArgumentException.class, () -> EpsilonSweep.grid(MU, SIGMA, 0, 4, eps));
        assertThrows(IllegalArgumentException.class, () -> EpsilonSweep.oneDimension(MU, SIGMA, -1, eps));
        assertThrows(IllegalArgumentException.class,
                () -> EpsilonSweep.oneDimension(MU, SIGMA, 0, new double[] {1, 0}), "descending eps");
        assertThrows(IllegalArgumentException.class, () -> EpsilonSweep.epsilons(0, 1));
        assertThrows(IllegalArgumentException.class, () -> EpsilonSweep.epsilons(3, -1));
    }
}
