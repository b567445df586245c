package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import io.vaeexplorer.core.ImageShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    @Test
    void decodedHoldsTheModelsImagesInTheGivenLayout() {
        CodeImageModel model = new CodeImageModel(2);
        ImageGrid grid = ImageGrid.decoded(model, new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertEquals(3, grid.count());
        assertEquals(2, grid.columns());
        assertEquals(2, grid.gridRows(), "3 images, 2 a row");
        assertEquals(2, grid.rows());
        assertEquals(2, grid.cols());
        assertArrayEquals(new float[] {3, 4, 0, 0}, grid.image(1));
        assertEquals(List.of("decode 3"), model.calls, "one batch");

        ImageGrid one = ImageGrid.decodedOne(model, new float[] {7, 8});
        assertEquals(1, one.count());
        assertEquals(1, one.columns());
        assertArrayEquals(new float[] {7, 8, 0, 0}, one.pixels());
    }

    @Test
    void aGridWhosePixelsDoNotFitItsSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(new float[7], 2, 1, ImageShape.grey(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(new float[0], 0, 1, ImageShape.grey(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(new float[4], 1, 0, ImageShape.grey(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(new float[4], 1, 1, ImageShape.grey(2, 2)).image(1));
    }
}
