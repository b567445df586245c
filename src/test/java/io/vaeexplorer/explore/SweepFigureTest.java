package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.CodeImageModel.codeOf;
import static io.vaeexplorer.explore.CodeImageModel.imageOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepFigureTest {

    private static final float[] MU = {0.5f, -1f, 2f};
    private static final float[] SIGMA = {0.25f, 0.5f, 1f};
    private static final float[] IMAGE = imageOf(MU, SIGMA);

    @Test
    void twoDimensionsGiveAGridWithTheLargestEpsOnTop() {
        CodeImageModel model = new CodeImageModel(3);
        SweepFigure sweep = SweepFigure.around(model, IMAGE, EpsilonSweep.Units.SIGMA, 3, 2, 2, 1, false);
        ImageGrid grid = sweep.images();
        assertEquals(9, grid.count());
        assertEquals(3, grid.columns());
        // x = dimension 2 along the row, y = dimension 1 up the picture; eps in {-2, 0, 2} sigma
        assertArrayEquals(new float[] {0.5f, 0f, 0f}, codeOf(grid, 0), 1e-6f, "top left");
        assertArrayEquals(MU, codeOf(grid, 4), 0f, "the centre is mu");
        assertArrayEquals(new float[] {0.5f, -2f, 4f}, codeOf(grid, 8), 1e-6f, "bottom right");
        assertArrayEquals(new double[] {0, 1, 2}, sweep.reach(), 1e-9);
        assertEquals(List.of("encode 1", "decode 9"), model.calls);
    }

    @Test
    void dimensionsOutsideTheModelFallBackToTheFirstTwo() {
        float[] fallback = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.SIGMA, 3, 2, 0, 7,
                false).images().pixels();
        float[] firstTwo = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.SIGMA, 3, 2, 0, 1,
                false).images().pixels();
        assertArrayEquals(firstTwo, fallback, 0f);
        SweepFigure negative = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.SIGMA, 3, 2, -1,
                2, false);
        assertArrayEquals(firstTwo, negative.images().pixels(), 0f);
        assertArrayEquals(new double[] {0.5, 1, 0}, negative.reach(), 1e-9);
    }

    @Test
    void theSameDimensionTwiceIsOneRow() {
        SweepFigure sweep = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.SIGMA, 5, 2, 1, 1,
                false);
        ImageGrid row = sweep.images();
        assertEquals(5, row.count());
        assertEquals(1, row.gridRows());
        for (int j = 0; j < 5; j++) {
            float eps = -2 + j;
            assertArrayEquals(new float[] {0.5f, -1f + eps * 0.5f, 2f}, codeOf(row, j), 1e-6f, "step " + j);
        }
        assertArrayEquals(new double[] {0, 1, 0}, sweep.reach(), 1e-9);
    }

    @Test
    void everyDimensionGivesOneRowEachAndOneDimensionAlwaysDoes() {
        SweepFigure sweep = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.SIGMA, 3, 1, 0, 1,
                true);
        ImageGrid grid = sweep.images();
        assertEquals(9, grid.count());
        assertEquals(3, grid.columns());
        assertArrayEquals(new float[] {0.25f, -1f, 2f}, codeOf(grid, 0), 1e-6f, "row 0 sweeps dimension 0");
        assertArrayEquals(new float[] {0.5f, -0.5f, 2f}, codeOf(grid, 5), 1e-6f, "row 1 sweeps dimension 1");
        assertArrayEquals(new float[] {0.5f, -1f, 3f}, codeOf(grid, 8), 1e-6f, "row 2 sweeps dimension 2");
        assertArrayEquals(new double[] {0.25, 0.5, 1}, sweep.reach(), 1e-9);

        float[] image = imageOf(new float[] {1f}, new float[] {0.5f});
        SweepFigure line = SweepFigure.around(new CodeImageModel(1), image, EpsilonSweep.Units.SIGMA, 3, 2, 0, 1,
                false);
        assertEquals(3, line.images().count(), "d = 1: its one dimension, whatever the dims say");
        assertArrayEquals(new float[] {0f}, codeOf(line.images(), 0), 1e-6f);
        assertArrayEquals(new float[] {2f}, codeOf(line.images(), 2), 1e-6f);
    }

    @Test
    void chosenRowsSweepTheirDimensionsInTheGivenOrderAndOthersAreSkipped() {
        SweepFigure sweep = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.SIGMA, 3, 1, 0, 1,
                true, new int[] {2, 0, 9});
        ImageGrid grid = sweep.images();
        assertEquals(6, grid.count(), "two rows: dimension 9 is not the model's");
        assertArrayEquals(new float[] {0.5f, -1f, 1f}, codeOf(grid, 0), 1e-6f, "row 0 sweeps dimension 2");
        assertArrayEquals(new float[] {0.75f, -1f, 2f}, codeOf(grid, 5), 1e-6f, "row 1 sweeps dimension 0");
        assertArrayEquals(new double[] {0.25, 0, 1}, sweep.reach(), 1e-9, "dimension 1 is left alone");
        SweepFigure none = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.SIGMA, 3, 1, 0, 1,
                true, new int[] {5});
        assertEquals(9, none.images().count(), "no dimension of the model listed: every dimension");
    }

    @Test
    void absoluteUnitsStepOneLatentUnitPerEps() {
        SweepFigure sweep = SweepFigure.around(new CodeImageModel(3), IMAGE, EpsilonSweep.Units.ABSOLUTE, 3, 1.5, 0,
                2, false);
        assertArrayEquals(new float[] {-1f, -1f, 3.5f}, codeOf(sweep.images(), 0), 1e-6f);
        assertArrayEquals(new double[] {1.5, 0, 1.5}, sweep.reach(), 1e-9);
    }
}
