package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {

    /** Four 2x3 images; grey level = (image * 6 + index) * 10, labels 3, 1, 4, 1. */
    private static LabeledImages sample() {
        byte[] grey = new byte[4 * 6];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) (i * 10);
        }
        return new LabeledImages(4, 2, 3, grey, new byte[] {3, 1, 4, 1});
    }

    @Test
    void accessors() {
        LabeledImages images = sample();
        assertEquals(6, images.imageSize());
        assertArrayEquals(new float[] {60 / 255f, 70 / 255f, 80 / 255f, 90 / 255f, 100 / 255f, 110 / 255f}, images.image(1));
        assertEquals(230 / 255f, images.pixels()[23], "levels above 127 are unsigned");
        assertEquals(4, images.label(2));
        assertThrows(IndexOutOfBoundsException.class, () -> images.image(4));
        assertThrows(IndexOutOfBoundsException.class, () -> images.label(-1));
    }

    @Test
    void imageReturnsACopy() {
        LabeledImages images = sample();
        images.image(0)[0] = 99f;
        assertEquals(0f, images.pixels()[0]);
    }

    @Test
    void firstTakesAPrefixAndClampsTheCount() {
        LabeledImages images = sample();
        LabeledImages two = images.first(2);
        assertEquals(2, two.count());
        assertEquals(2, two.rows());
        assertEquals(3, two.cols());
        assertEquals(12, two.pixels().length);
        assertArrayEquals(new byte[] {3, 1}, two.labels());
        assertArrayEquals(images.image(1), two.image(1));

        assertSame(images, images.first(0));
        assertSame(images, images.first(-3));
        assertSame(images, images.first(4));
        assertSame(images, images.first(1000));
    }

    @Test
    void constructorChecksLengths() {
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(2, 2, 3, new byte[11], new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(2, 2, 3, new byte[12], new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(2, 0, 3, new byte[0], new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(1, 1, 1, new byte[1], new byte[] {10}));
    }

    @Test
    void unitFloatsAreStoredAsTheNearestGreyLevelAndNonNumbersAreRefused() {
        LabeledImages images = LabeledImages.fromUnitFloats(1, 1, 3, new float[] {0f, 0.5f, 1f}, new byte[] {7});
        assertArrayEquals(new float[] {0f, 128 / 255f, 1f}, images.image(0));
        assertThrows(IllegalArgumentException.class,
                () -> LabeledImages.fromUnitFloats(1, 1, 1, new float[] {Float.NaN}, new byte[1]));
        assertThrows(IllegalArgumentException.class,
                () -> LabeledImages.fromUnitFloats(1, 1, 1, new float[] {1.5f}, new byte[1]));
    }

    @Test
    void aRangeOfImagesComesOutAsUnitFloats() {
        LabeledImages images = sample();
        float[] middle = images.unitFloats(1, 2);
        assertEquals(12, middle.length);
        assertArrayEquals(images.image(2), Arrays.copyOfRange(middle, 6, 12));
        assertThrows(IndexOutOfBoundsException.class, () -> images.unitFloats(3, 2));
    }
}
