package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledImagesChannelsTest {

    /** Two 3-channel 1x2 images; level = index * 10; labels 12 and 0 (more than ten classes are allowed). */
    private static LabeledImages colour() {
        byte[] levels = new byte[2 * 3 * 2];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (byte) (i * 10);
        }
        return new LabeledImages(2, 3, 1, 2, levels, new byte[] {12, 0});
    }

    @Test
    void imagesAreChannelMajorAndSizedByAllChannels() {
        LabeledImages images = colour();
        assertEquals(6, images.imageSize());
        assertSame(images.grey(), images.levels());
        assertArrayEquals(new float[] {60 / 255f, 70 / 255f, 80 / 255f, 90 / 255f, 100 / 255f, 110 / 255f},
                images.image(1));
        assertEquals(12, images.label(0));
        LabeledImages one = images.first(1);
        assertEquals(3, one.channels());
        assertEquals(6, one.levels().length);
        assertEquals("LabeledImages[1 images of 3x1x2]", one.toString());
    }

    @Test
    void theGreyConstructorHasOneChannelAndDigitLabels() {
        LabeledImages grey = new LabeledImages(1, 2, 2, new byte[4], new byte[] {9});
        assertEquals(1, grey.channels());
        assertEquals(4, grey.imageSize());
        assertThrows(IllegalArgumentException.class, () -> new LabeledImages(1, 2, 2, new byte[4], new byte[] {10}));
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(1, 3, 2, 2, new byte[4], new byte[1]), "levels must cover every channel");
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(1, 1, 1, 1, new byte[1], new byte[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(1, 0, 1, 1, new byte[0], new byte[1]));
    }

    @Test
    void aDatasetNeedsOneChannelCountAndIsLabelledWhenItNamesClasses() {
        LabeledImages train = colour();
        Dataset data = new Dataset("pictures", train, train.first(1), List.of("a"));
        assertEquals(3, data.channels());
        assertEquals(6, data.imageSize());
        assertTrue(data.labelled());
        assertFalse(new Dataset("plain", train, train, List.of()).labelled());
        LabeledImages grey = new LabeledImages(1, 1, 2, new byte[2], new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> new Dataset("mixed", train, grey, List.of()));
    }
}
