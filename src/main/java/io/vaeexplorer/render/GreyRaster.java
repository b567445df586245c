package io.vaeexplorer.render;

import java.util.Arrays;

/**
 * An 8-bit grey picture, row-major, independent of any UI toolkit (Swing, JavaFX and PNG files all
 * convert from it). The pixel array is shared, not copied, because rasters can be large: treat it as
 * read-only once the raster is built.
 *
 * @param width  pixels per row, >= 1
 * @param height rows, >= 1
 * @param pixels {@code width * height} grey levels, read as unsigned bytes (0 black .. 255 white)
 */
public record GreyRaster(int width, int height, byte[] pixels) {

    public GreyRaster {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("raster size must be at least 1 x 1, got " + width + " x " + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " entries, a " + width + " x "
                    + height + " raster needs " + (long) width * height);
        }
    }

    /** A raster of one uniform grey level. */
    public static GreyRaster filled(int width, int height, int grey) {
        checkGrey(grey);
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("raster size must be at least 1 x 1, got " + width + " x " + height);
        }
        byte[] pixels = new byte[Math.multiplyExact(width, height)];
        Arrays.fill(pixels, (byte) grey);
        return new GreyRaster(width, height, pixels);
    }

    /** The grey level at column x, row y, 0..255. */
    public int get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") is outside the " + width + " x " + height
                    + " raster");
        }
        return pixels[y * width + x] & 0xFF;
    }

    static void checkGrey(int grey) {
        if (grey < 0 || grey > 255) {
            throw new IllegalArgumentException("grey level must be in 0..255, got " + grey);
        }
    }
}
