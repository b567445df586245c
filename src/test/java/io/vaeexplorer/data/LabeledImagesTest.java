package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabeledImagesTest {

    /** Four 2x3 images; pixel value = (image * 6 + index) / 24, labels 3, 1, 4, 1. */
    private static LabeledImages sample() {
        float[] pixels = new float[4 * 6];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / 24f;
        }
        return new LabeledImages(4, 2, 3, pixels, new byte[] {3, 1, 4, 1});
    }

    @Test
    void accessors() {
        LabeledImages images = sample();
        assertEquals(6, images.imageSize());
        assertArrayEquals(new float[] {6 / 24f, 7 / 24f, 8 / 24f, 9 / 24f, 10 / 24f, 11 / 24f}, images.image(1));
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
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(2, 2, 3, new float[11], new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(2, 2, 3, new float[12], new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(2, 0, 3, new float[0], new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(1, 1, 1, new float[1], new byte[] {10}));
    }
}
