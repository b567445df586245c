package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassGridFigureTest {

    @Test
    void eachRowIsOneClassAndEachColumnOneLatentVector() {
        ClassTellingModel model = new ClassTellingModel(3, 4);
        ImageGrid grid = ClassGridFigure.of(model, 5, 11);
        assertEquals(20, grid.count());
        assertEquals(5, grid.columns());
        float[] shared = PriorSampler.sample(5, 3, 11);
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 5; col++) {
                float[] image = grid.image(row * 5 + col);
                assertEquals(row, image[3], "row " + row + " is class " + row);
                assertArrayEquals(Arrays.copyOfRange(shared, col * 3, col * 3 + 3), Arrays.copyOf(image, 3),
                        "column " + col + " decodes the same z in every row");
            }
        }
    }

    @Test
    void aPlainModelOrTooManyRowsIsRefused() {
        CodeImageModel plain = new CodeImageModel(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassGridFigure.of(plain, 4, 1));
        assertTrue(e.getMessage().contains("conditional"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassGridFigure.of(new ClassTellingModel(2, 3), 4, 4, 1));
    }

    @Test
    void aModelAtOneClassDecodesAndEncodesEverythingAtThatClass() {
        ClassTellingModel model = new ClassTellingModel(2, 5);
        LatentModel atThree = model.atClass(3);
        float[] decoded = atThree.decode(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2);
        assertArrayEquals(new float[] {0.1f, 0.2f, 3, 0.3f, 0.4f, 3}, decoded);
        assertArrayEquals(new float[] {4, 4, 4, 4}, atThree.encode(decoded, 2)[1], "encoded told class 3");
        assertEquals(1f, atThree.atClass(1).decode(new float[] {0f, 0f}, 1)[2], 1e-6f, "another class replaces it");
        assertThrows(IllegalArgumentException.class, () -> model.atClass(5));
        CodeImageModel plain = new CodeImageModel(2);
        assertSame(plain, plain.atClass(3), "a plain model has no class to fix");
    }
}
