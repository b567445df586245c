package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import org.junit.jupiter.api.Test;

/** The thumbnails' tiles: grey and colour levels become ARGB pixels, large images are averaged down. */
class ThumbnailAtlasTest {

    @Test
    void greyDigitsKeepTheirSizeAndEveryLevel() {
        LabeledImages digits = SmallMnist.slice(10, 50).test();
        ThumbnailAtlas atlas = ThumbnailAtlas.of(digits);
        assertTrue(atlas.isOf(digits));
        assertEquals(50, atlas.count());
        assertEquals(28, atlas.tileWidth());
        assertEquals(28, atlas.tileHeight());
        for (int i : new int[] {0, 17, 49}) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int level = digits.levels()[i * 784 + y * 28 + x] & 0xff;
                    assertEquals(0xff000000 | level << 16 | level << 8 | level, atlas.pixel(i, x, y),
                            "image " + i + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void colourImagesAreReadChannelMajorAndLargeOnesAveragedDown() {
        // two 128x128 colour images: the first red left and blue right, the second one green
        int side = 128;
        int plane = side * side;
        byte[] levels = new byte[2 * 3 * plane];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int p = y * side + x;
                if (x < side / 2) {
                    levels[p] = (byte) 200;
                } else {
                    levels[2 * plane + p] = (byte) 90;
                }
                levels[3 * plane + plane + p] = (byte) 255;
            }
        }
        LabeledImages images = new LabeledImages(2, 3, side, side, levels, new byte[2]);
        ThumbnailAtlas atlas = ThumbnailAtlas.of(images);
        assertEquals(ThumbnailAtlas.MAX_TILE_SIDE, atlas.tileWidth());
        assertEquals(ThumbnailAtlas.MAX_DRAWN_SIDE, atlas.drawnSide());
        assertEquals(0xffc80000, atlas.pixel(0, 0, 0), "red, averaged over 2x2 red pixels");
        assertEquals(0xff00005a, atlas.pixel(0, 63, 63), "blue");
        assertEquals(0xff00ff00, atlas.pixel(1, 31, 10), "the second image is green");
    }
}
