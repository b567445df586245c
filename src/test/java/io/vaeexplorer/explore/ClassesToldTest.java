package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassesToldTest {

    /** Five classes, one latent dimension: decoding z at class c gives {z, c}; told c, sigma is c + 1. */
    private final ClassTellingModel model = new ClassTellingModel(1, 5);

    @Test
    void ownClassesReconstructEachImageToldItsClassBothWays() {
        LatentModel told = ClassesTold.ownClasses(model, new int[] {2, 0, 4});
        float[] reconstructed = ReconstructionFigure.of(told, new float[] {0.1f, 0, 0.2f, 0, 0.3f, 0}, 3, 3)
                .reconstructions().pixels();
        assertArrayEquals(new float[] {0.1f, 2, 0.2f, 0, 0.3f, 4}, reconstructed);
        assertEquals(List.of("encode [2, 0, 4]", "decode [2, 0, 4]"), model.calls);
        assertEquals(5, told.conditionClasses());
    }

    @Test
    void restyledEncodesTheImageAsItsClassAndDecodesEveryVectorAsTheChosenOne() {
        LatentModel restyled = ClassesTold.restyled(model, new int[] {3}, 1);
        float[][] posterior = restyled.encode(new float[] {0.5f, 0}, 1);
        assertEquals(0.5f, posterior[0][0]);
        assertEquals(4f, posterior[1][0], "encoded told class 3");
        ImageGrid variants = SampleFigure.variants(restyled, new float[] {0.5f, 0}, 4, 9, 5);
        for (int i = 1; i <= 4; i++) {
            assertEquals(1f, variants.image(i)[1], "variant " + i + " decoded as class 1");
        }
        assertEquals("decode [1, 1, 1, 1]", model.calls.get(model.calls.size() - 1));
        // the explicit calls and another class pass straight through
        assertArrayEquals(new float[] {7, 2}, restyled.decode(new float[] {7}, new int[] {2}, 1));
        assertEquals(3f, restyled.atClass(3).decode(new float[] {0}, 1)[1]);
    }

    @Test
    void aPlainModelIsUsedAsItIsAndWrongClassesOrCountsAreRefused() {
        CodeImageModel plain = new CodeImageModel(2);
        assertSame(plain, ClassesTold.ownClasses(plain, new int[] {1}));
        assertSame(plain, ClassesTold.restyled(plain, new int[] {1}, 3));
        assertEquals("class 5 is outside 0..4", assertThrows(IllegalArgumentException.class,
                () -> ClassesTold.restyled(model, new int[] {0}, 5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassesTold.ownClasses(model, new int[] {-1}));
        LatentModel told = ClassesTold.ownClasses(model, new int[] {1, 2});
        assertEquals("told the classes of 2 images, asked for 3", assertThrows(IllegalArgumentException.class,
                () -> told.encode(new float[6], 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> told.decode(new float[1], 1));
    }
}
