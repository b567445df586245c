package io.vaeexplorer.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.explore.ImageGrid;
import org.junit.jupiter.api.Test;

class ImageTilerTest {

    private static final int BG = ImageTiler.BACKGROUND;

    /** Three 2 x 3 images; image i has pixel (r, c) = values that identify it. */
    private static float[] threeImages() {
        return new float[] {
            // image 0: white top row, black bottom row
            1, 1, 1,
            0, 0, 0,
            // image 1: half grey everywhere but a clamped corner
            0.5f, 0.5f, 0.5f,
            0.5f, 0.5f, 7f,
            // image 2: out-of-range and NaN values
            -1f, Float.NaN, 0.2f,
            1.5f, 0.0f, 1.0f,
        };
    }

    @Test
    void geometryFollowsTheFormula() {
        Raster raster = ImageTiler.tile(threeImages(), 3, ImageShape.grey(2, 3), 2, 1, 2);
        // width = columns*(cols*scale+padding)+padding, 2 tile rows for 3 images in 2 columns
        assertEquals(2 * (3 * 2 + 1) + 1, raster.width());
        assertEquals(2 * (2 * 2 + 1) + 1, raster.height());
        assertEquals(raster.width() * raster.height(), raster.pixels().length);
    }

    @Test
    void pixelsLandAtKnownPositions() {
        Raster raster = ImageTiler.tile(threeImages(), 3, ImageShape.grey(2, 3), 2, 1, 2);
        int tileWidth = 3 * 2 + 1;
        int tileHeight = 2 * 2 + 1;

        // border and gutters are background
        assertEquals(BG, raster.get(0, 0));
        assertEquals(BG, raster.get(tileWidth, 3));     // vertical gutter between tiles
        assertEquals(BG, raster.get(3, tileHeight));    // horizontal gutter
        assertEquals(BG, raster.get(raster.width() - 1, raster.height() - 1));

        // image 0 at tile (0, 0): top image row white, each image pixel a 2 x 2 block
        for (int y = 1; y <= 2; y++) {
            for (int x = 1; x <= 6; x++) {
                assertEquals(255, raster.get(x, y), "white block at " + x + "," + y);
            }
        }
        assertEquals(0, raster.get(1, 3));
        assertEquals(0, raster.get(6, 4));

        // image 1 at tile (0, 1): grey 128 (0.5 rounded), clamped corner white
        int left = 1 + tileWidth;
        assertEquals(128, raster.get(left, 1));
        assertEquals(128, raster.get(left + 3, 4));
        assertEquals(255, raster.get(left + 5, 4));

        // image 2 at tile (1, 0): -1 -> 0, NaN -> 0, 0.2 -> 51, 1.5 -> 255
        int top = 1 + tileHeight;
        assertEquals(0, raster.get(1, top));
        assertEquals(0, raster.get(3, top));
        assertEquals(51, raster.get(5, top + 1));
        assertEquals(255, raster.get(2, top + 2));

        // the unused cell (1, 1) stays background
        assertEquals(BG, raster.get(left + 2, top + 2));
    }

    @Test
    void noPaddingAndScaleOneCopiesPixelsDirectly() {
        float[] images = {0, 1, 1, 0};
        Raster raster = ImageTiler.tile(images, 1, ImageShape.grey(2, 2), 1, 0, 1);
        assertEquals(2, raster.width());
        assertEquals(2, raster.height());
        assertEquals(0, raster.get(0, 0));
        assertEquals(255, raster.get(1, 0));
        assertEquals(255, raster.get(0, 1));
        assertEquals(0, raster.get(1, 1));
    }

    @Test
    void anImageGridTilesInItsOwnLayout() {
        ImageGrid grid = new ImageGrid(threeImages(), 3, 2, ImageShape.grey(2, 3));
        Raster raster = ImageTiler.tile(grid, 1, 2);
        Raster expected = ImageTiler.tile(threeImages(), 3, ImageShape.grey(2, 3), 2, 1, 2);
        assertEquals(expected.width(), raster.width());
        assertEquals(expected.height(), raster.height());
        assertArrayEquals(expected.pixels(), raster.pixels());
    }

    @Test
    void aSingleImageHasNoFrame() {
        float[] image = {0, 1, 1, 0, 0.5f, 1};
        Raster one = ImageTiler.single(image, ImageShape.grey(2, 3));
        assertEquals(3, one.width());
        assertEquals(2, one.height());
        assertArrayEquals(ImageTiler.tile(image, 1, ImageShape.grey(2, 3), 1, 0, 1).pixels(), one.pixels());
        Raster scaled = ImageTiler.single(image, ImageShape.grey(2, 3), 4);
        assertEquals(12, scaled.width());
        assertEquals(8, scaled.height());
        assertEquals(255, scaled.get(4, 0), "pixel (0, 1) as a 4 x 4 block");
        assertEquals(0, scaled.get(3, 7), "pixel (1, 0)");
        assertEquals(128, scaled.get(5, 5), "pixel (1, 1)");
    }

    @Test
    void mnistSizedGrid() {
        Raster raster = ImageTiler.tile(new float[15 * 15 * 784], 225, ImageShape.grey(28, 28), 15, 2, 1);
        assertEquals(15 * 30 + 2, raster.width());
        assertEquals(15 * 30 + 2, raster.height());
    }

    @Test
    void stackPutsTopAboveBottomWithAGap() {
        Raster top = Raster.filled(4, 2, 255);
        Raster bottom = Raster.filled(2, 3, 0);
        Raster stacked = ImageTiler.stack(top, bottom, 1);
        assertEquals(4, stacked.width());
        assertEquals(2 + 1 + 3, stacked.height());
        assertEquals(255, stacked.get(0, 0));
        assertEquals(255, stacked.get(3, 1));
        assertEquals(BG, stacked.get(2, 2));     // gap row
        assertEquals(BG, stacked.get(0, 3));     // margin left of the narrower, centred bottom
        assertEquals(0, stacked.get(1, 3));
        assertEquals(0, stacked.get(2, 5));
        assertEquals(BG, stacked.get(3, 5));
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageTiler.tile(new float[10], 2, ImageShape.grey(2, 3), 2, 1, 1));
        assertTrue(e.getMessage().contains("images"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageTiler.tile(new float[6], 1, ImageShape.grey(2, 3), 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageTiler.tile(new float[6], 1, ImageShape.grey(2, 3), 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageTiler.tile(new float[6], 1, ImageShape.grey(2, 3), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Raster.grey(2, 2, new byte[3]));
        assertThrows(IndexOutOfBoundsException.class, () -> Raster.filled(2, 2, 0).get(2, 0));
    }

    /** Two 2 x 2 colour images, channel-major: image 0 red at (0, 0), green at (0, 1), blue at (1, 0), white at (1, 1). */
    private static float[] twoColourImages() {
        return new float[] {
            // image 0: red plane, green plane, blue plane
            1, 0, 0, 1,
            0, 1, 0, 1,
            0, 0, 1, 1,
            // image 1: one orange-ish colour (0.5, 0.25, 0) everywhere
            0.5f, 0.5f, 0.5f, 0.5f,
            0.25f, 0.25f, 0.25f, 0.25f,
            0, 0, 0, 0,
        };
    }

    @Test
    void colourImagesTileIntoInterleavedRgbWithAGreyFrame() {
        Raster raster = ImageTiler.tile(twoColourImages(), 2, ImageShape.rgb(2, 2), 2, 1, 2);
        assertEquals(3, raster.channels());
        assertEquals(2 * (2 * 2 + 1) + 1, raster.width());
        assertEquals(2 * 2 + 2, raster.height());
        assertEquals(raster.width() * raster.height() * 3, raster.pixels().length);

        int bg = BG << 16 | BG << 8 | BG;
        assertEquals(bg, raster.rgb(0, 0), "the frame is the background grey in colour");
        assertEquals(bg, raster.rgb(5, 3), "the gutter between tiles");
        // image 0 at tile (0, 0), each pixel a 2 x 2 block from (1, 1)
        assertEquals(0xFF0000, raster.rgb(1, 1));
        assertEquals(0xFF0000, raster.rgb(2, 2));
        assertEquals(0x00FF00, raster.rgb(3, 1));
        assertEquals(0x0000FF, raster.rgb(1, 3));
        assertEquals(0xFFFFFF, raster.rgb(4, 4));
        // image 1 at tile (1, 0): 0.5 -> 128, 0.25 -> 64
        assertEquals(0x804000, raster.rgb(6, 1));
        assertEquals(0x804000, raster.rgb(9, 4));
    }

    @Test
    void aColourGridAndASingleColourImageKeepTheirChannels() {
        ImageGrid grid = new ImageGrid(twoColourImages(), 2, 1, ImageShape.rgb(2, 2));
        Raster column = ImageTiler.tile(grid, 0, 1);
        assertEquals(2, column.width());
        assertEquals(4, column.height());
        assertEquals(0x00FF00, column.rgb(1, 0));
        assertEquals(0x804000, column.rgb(0, 3));

        Raster one = ImageTiler.single(grid.image(0), grid.shape(), 3);
        assertEquals(6, one.width());
        assertEquals(0x0000FF, one.rgb(2, 5));
        assertEquals(0xFFFFFF, one.rgb(5, 5));
    }

    @Test
    void enlargeRepeatsEveryPixelOfGreyAndColour() {
        Raster colour = ImageTiler.enlarge(Raster.rgb(2, 1, new byte[] {1, 2, 3, 4, 5, 6}), 3);
        assertEquals(6, colour.width());
        assertEquals(3, colour.height());
        assertEquals(0x010203, colour.rgb(2, 2));
        assertEquals(0x040506, colour.rgb(3, 0));
        Raster grey = ImageTiler.enlarge(Raster.grey(1, 2, new byte[] {9, 99}), 2);
        assertEquals(1, grey.channels());
        assertEquals(9, grey.get(1, 1));
        assertEquals(99, grey.get(0, 2));
    }

    @Test
    void enlargingTwiceMakesEveryPixelATwoByTwoBlockOfItsOwnLevels() {
        // every level different, so a block taken from a neighbour would show
        byte[] greyLevels = new byte[3 * 2];
        byte[] colourLevels = new byte[3 * 2 * 3];
        for (int i = 0; i < colourLevels.length; i++) {
            colourLevels[i] = (byte) (7 * i + 1);
            if (i < greyLevels.length) {
                greyLevels[i] = (byte) (40 * i + 3);
            }
        }
        for (Raster small : new Raster[] {Raster.grey(3, 2, greyLevels), Raster.rgb(3, 2, colourLevels)}) {
            Raster large = ImageTiler.enlarge(small, 2);
            assertEquals(6, large.width());
            assertEquals(4, large.height());
            assertEquals(small.channels(), large.channels());
            for (int y = 0; y < large.height(); y++) {
                for (int x = 0; x < large.width(); x++) {
                    for (int c = 0; c < small.channels(); c++) {
                        assertEquals(small.level(x / 2, y / 2, c), large.level(x, y, c),
                                small.channels() + " channels, (" + x + ", " + y + ") channel " + c);
                    }
                }
            }
        }
    }

    @Test
    void enlargingOnceKeepsTheRasterAndAScaleBelowOneIsRefused() {
        Raster raster = Raster.filled(2, 3, 77);
        assertEquals(raster, ImageTiler.enlarge(raster, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageTiler.enlarge(raster, 0));
    }

    @Test
    void stackingGreyOverColourGivesColour() {
        Raster grey = Raster.filled(2, 1, 200);
        Raster colour = Raster.rgb(1, 1, new byte[] {(byte) 255, 0, 0});
        Raster stacked = ImageTiler.stack(grey, colour, 0);
        assertEquals(3, stacked.channels());
        assertEquals(0xC8C8C8, stacked.rgb(1, 0));
        assertEquals(0xFF0000, stacked.rgb(0, 1), "the narrower one is centred: (2 - 1) / 2 = 0");
        assertEquals(BG << 16 | BG << 8 | BG, stacked.rgb(1, 1));
    }
}
