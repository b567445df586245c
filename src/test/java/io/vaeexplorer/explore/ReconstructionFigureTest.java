package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.CodeImageModel.imageOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconstructionFigureTest {

    @Test
    void eachReconstructionIsTheDecodeOfItsOriginalsMeanInTheSameLayout() {
        CodeImageModel model = new CodeImageModel(2);
        float[] first = imageOf(new float[] {0.25f, 0.75f}, new float[] {0.1f, 0.2f});
        float[] second = imageOf(new float[] {1f, 0f}, new float[] {0.3f, 0.4f});
        float[] third = imageOf(new float[] {0.5f, 0.5f}, new float[] {0.5f, 0.6f});
        float[] originals = new float[12];
        System.arraycopy(first, 0, originals, 0, 4);
        System.arraycopy(second, 0, originals, 4, 4);
        System.arraycopy(third, 0, originals, 8, 4);

        ReconstructionFigure figure = ReconstructionFigure.of(model, originals, 3, 2);
        assertSame(originals, figure.originals().pixels());
        assertEquals(2, figure.originals().columns());
        assertEquals(2, figure.reconstructions().columns());
        assertEquals(3, figure.reconstructions().count());
        // through z = mu: the sigma row does not survive, the mean row does
        assertArrayEquals(new float[] {0.25f, 0.75f, 0, 0}, figure.reconstructions().image(0));
        assertArrayEquals(new float[] {1f, 0f, 0, 0}, figure.reconstructions().image(1));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0, 0}, figure.reconstructions().image(2));
        assertEquals(List.of("encode 3", "decode 3"), model.calls, "all images in one batch each way");
    }
}
