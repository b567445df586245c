package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.CodeImageModel.codeOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifoldFigureTest {

    @Test
    void aTwoDimensionalSpaceIsGriddedOnItsOwnAxesTopRowHighest() {
        CodeImageModel model = new CodeImageModel(2);
        ImageGrid grid = ManifoldFigure.decode(model, 3, -1, 1, 0, 4, null);
        assertEquals(9, grid.count());
        assertEquals(3, grid.columns());
        assertArrayEquals(new float[] {-1, 4}, codeOf(grid, 0), "top left: smallest x, largest y");
        assertArrayEquals(new float[] {1, 4}, codeOf(grid, 2), "top right");
        assertArrayEquals(new float[] {0, 2}, codeOf(grid, 4), "centre");
        assertArrayEquals(new float[] {1, 0}, codeOf(grid, 8), "bottom right: largest x, smallest y");
        assertEquals(List.of("decode 9"), model.calls, "the whole grid in one batch");
    }

    @Test
    void theRegionArrayGivesTheSameGrid() {
        CodeImageModel model = new CodeImageModel(2);
        assertArrayEquals(ManifoldFigure.decode(model, 4, -2, 3, -1, 5, null).pixels(),
                ManifoldFigure.decode(model, 4, new double[] {-2, 3, -1, 5}, null).pixels());
        assertThrows(IllegalArgumentException.class, () -> ManifoldFigure.decode(model, 4, new double[3], null));
    }

    @Test
    void aLargerSpaceIsGriddedOnItsPcaPlaneAndMappedBack() {
        float[] codes = {0, 0, 0, 2, 1, 0, -2, -1, 0, 1, -1, 0.5f, -1, 1, -0.5f};
        Pca plane = ManifoldFigure.planeOf(codes, 5, 3);
        assertNotNull(plane);
        CodeImageModel model = new CodeImageModel(3);
        ImageGrid grid = ManifoldFigure.decode(model, 2, -1, 1, -2, 2, plane);
        assertEquals(4, grid.count());
        assertArrayEquals(plane.unproject(-1, 2), codeOf(grid, 0), 0f);
        assertArrayEquals(plane.unproject(1, 2), codeOf(grid, 1), 0f);
        assertArrayEquals(plane.unproject(-1, -2), codeOf(grid, 2), 0f);
        assertArrayEquals(plane.unproject(1, -2), codeOf(grid, 3), 0f);
    }

    @Test
    void withoutAPlaneThereIsNoManifold() {
        assertNull(ManifoldFigure.decode(new CodeImageModel(1), 3, -1, 1, -1, 1, null), "d = 1 has no plane");
        assertNull(ManifoldFigure.decode(new CodeImageModel(3), 3, -1, 1, -1, 1, null), "d = 3 needs its PCA");
        assertNull(ManifoldFigure.planeOf(new float[] {1, 2, 3}, 3, 1));
        assertNull(ManifoldFigure.planeOf(new float[] {1, 2, 3, 4}, 2, 2), "d = 2 uses its own axes");
    }

    @Test
    void aPlaneOfAnotherLatentSizeIsRefused() {
        Pca plane = ManifoldFigure.planeOf(new float[] {0, 0, 0, 1, 2, 3, -1, 0, 2}, 3, 3);
        assertThrows(IllegalArgumentException.class,
                () -> ManifoldFigure.decode(new CodeImageModel(4), 3, -1, 1, -1, 1, plane));
    }
}
