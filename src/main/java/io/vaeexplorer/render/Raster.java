package io.vaeexplorer.render;

import java.util.Arrays;

/**
 * An 8-bit picture, grey or colour, row-major, independent of any UI toolkit (Swing, JavaFX and the PNG and GIF
 * files all convert from it). A grey raster holds one level a pixel; a colour one holds red, green and blue a pixel,
 * interleaved, as the picture formats store them. Grey pictures stay grey so that they are written as grey files.
 * The pixel array is shared, not copied, because rasters can be large: treat it as read-only once the raster is
 * built.
 *
 * @param width    pixels per row, >= 1
 * @param height   rows, >= 1
 * @param channels 1 (grey) or 3 (red, green, blue)
 * @param pixels   {@code width * height * channels} levels, read as unsigned bytes (0 dark .. 255 bright)
 */
public record Raster(int width, int height, int channels, byte[] pixels) {

    public Raster {
        checkSize(width, height);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("a raster has 1 (grey) or 3 (colour) channels, got " + channels);
        }
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " entries, a " + width + " x "
                    + height + (channels == 1 ? " grey" : " colour") + " raster needs "
                    + (long) width * height * channels);
        }
    }

    /** A grey raster: one level a pixel. */
    public static Raster grey(int width, int height, byte[] pixels) {
        return new Raster(width, height, 1, pixels);
    }

    /** A colour raster: red, green, blue a pixel, interleaved. */
    public static Raster rgb(int width, int height, byte[] pixels) {
        return new Raster(width, height, 3, pixels);
    }

    /** A grey raster of one uniform level. */
    public static Raster filled(int width, int height, int grey) {
        checkLevel(grey);
        checkSize(width, height);
        byte[] pixels = new byte[Math.multiplyExact(width, height)];
        Arrays.fill(pixels, (byte) grey);
        return grey(width, height, pixels);
    }

    public boolean isColour() {
        return channels == 3;
    }

    /** The grey level at column x, row y, 0..255, of a grey raster (a colour one has {@link #rgb(int, int)}). */
    public int get(int x, int y) {
        if (isColour()) {
            throw new IllegalStateException("a colour raster has no single grey level a pixel: read rgb(x, y)");
        }
        return level(x, y, 0);
    }

    /** The level of {@code channel} (0 for grey; 0 red, 1 green, 2 blue for colour) at column x, row y, 0..255. */
    public int level(int x, int y, int channel) {
        checkInside(x, y);
        if (channel < 0 || channel >= channels) {
            throw new IndexOutOfBoundsException("channel " + channel + " of a raster of " + channels);
        }
        return pixels[(y * width + x) * channels + channel] & 0xFF;
    }

    /** The colour at column x, row y as 0xRRGGBB; a grey level g reads as (g, g, g). */
    public int rgb(int x, int y) {
        checkInside(x, y);
        return rgbAt(y * width + x);
    }

    /** The colour of the i-th pixel (row-major) as 0xRRGGBB, unchecked: for loops over every pixel. */
    int rgbAt(int i) {
        if (channels == 1) {
            int g = pixels[i] & 0xFF;
            return g << 16 | g << 8 | g;
        }
        int at = 3 * i;
        return (pixels[at] & 0xFF) << 16 | (pixels[at + 1] & 0xFF) << 8 | pixels[at + 2] & 0xFF;
    }

    /** Every pixel as an opaque ARGB int, row-major: what toolkits take. */
    public int[] toArgb() {
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | rgbAt(i);
        }
        return argb;
    }

    /** This raster in colour: itself when it is, else each grey level repeated in red, green and blue. */
    public Raster toRgb() {
        if (isColour()) {
            return this;
        }
        byte[] rgb = new byte[Math.multiplyExact(pixels.length, 3)];
        for (int i = 0; i < pixels.length; i++) {
            rgb[3 * i] = pixels[i];
            rgb[3 * i + 1] = pixels[i];
            rgb[3 * i + 2] = pixels[i];
        }
        return rgb(width, height, rgb);
    }

    private void checkInside(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") is outside the " + width + " x " + height
                    + " raster");
        }
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("raster size must be at least 1 x 1, got " + width + " x " + height);
        }
    }

    static void checkLevel(int grey) {
        if (grey < 0 || grey > 255) {
            throw new IllegalArgumentException("grey level must be in 0..255, got " + grey);
        }
    }
}
