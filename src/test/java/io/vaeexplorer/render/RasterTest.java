package io.vaeexplorer.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class RasterTest {

    /** 2 x 1 colour: a red pixel, then a dark teal one. */
    private static Raster redAndTeal() {
        return Raster.rgb(2, 1, new byte[] {(byte) 255, 0, 0, 0, (byte) 128, (byte) 130});
    }

    @Test
    void aColourRasterReadsItsPixelsAsRgbInterleaved() {
        Raster raster = redAndTeal();
        assertTrue(raster.isColour());
        assertEquals(3, raster.channels());
        assertEquals(0xFF0000, raster.rgb(0, 0));
        assertEquals(0x008082, raster.rgb(1, 0));
        assertEquals(128, raster.level(1, 0, 1));
        assertEquals(130, raster.level(1, 0, 2));
        assertArrayEquals(new int[] {0xFFFF0000, 0xFF008082}, raster.toArgb());
        assertThrows(IllegalStateException.class, () -> raster.get(0, 0), "a colour pixel has no one grey level");
        assertThrows(IndexOutOfBoundsException.class, () -> raster.level(0, 0, 3));
    }

    @Test
    void aGreyRasterReadsAsEqualRedGreenAndBlue() {
        Raster grey = Raster.grey(2, 1, new byte[] {7, (byte) 200});
        assertFalse(grey.isColour());
        assertEquals(200, grey.get(1, 0));
        assertEquals(0xC8C8C8, grey.rgb(1, 0));
        assertArrayEquals(new int[] {0xFF070707, 0xFFC8C8C8}, grey.toArgb());

        Raster colour = grey.toRgb();
        assertEquals(3, colour.channels());
        assertArrayEquals(new byte[] {7, 7, 7, (byte) 200, (byte) 200, (byte) 200}, colour.pixels());
        assertSame(colour, colour.toRgb(), "a colour raster is already in colour");
    }

    @Test
    void refusesPixelsThatDoNotFitTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Raster.rgb(2, 2, new byte[4]));
        assertTrue(e.getMessage().contains("colour raster needs 12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Raster(1, 1, 2, new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> Raster.filled(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Raster.filled(1, 1, 256));
        assertThrows(IndexOutOfBoundsException.class, () -> redAndTeal().rgb(2, 0));
    }
}
