package io.vaeexplorer.render;

import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.explore.ImageGrid;
import java.util.Arrays;

/**
 * Lays decoded images out as one picture: the manifold grid, sample sheets, sweeps, interpolations. Grey images
 * give a grey raster, colour images a colour one.
 */
public final class ImageTiler {

    /** Padding grey: dark enough for contrast, light enough to separate white-on-black digits. */
    public static final int BACKGROUND = 40;

    private ImageTiler() {
    }

    /**
     * Tiles {@code count} images of one shape (each channel-major, values in [0, 1], clamped; NaN shows black) into
     * a grid {@code columns} tiles wide and ceil(count / columns) tiles high, filled row by row. {@code padding}
     * background pixels separate tiles and frame the border; each image pixel becomes a {@code scale x scale}
     * block. Size: width = columns * (cols * scale + padding) + padding, height = tileRows * (rows * scale +
     * padding) + padding. Unused cells of the last row stay background. The raster has the images' channels.
     */
    public static Raster tile(float[] images, int count, ImageShape shape, int columns, int padding, int scale) {
        atLeast("count", count, 1);
        atLeast("columns", columns, 1);
        atLeast("padding", padding, 0);
        atLeast("scale", scale, 1);
        int rows = shape.rows();
        int cols = shape.cols();
        int channels = shape.channels();
        int valuesPerImage = shape.size();
        if (images.length != (long) count * valuesPerImage) {
            throw new IllegalArgumentException("images has " + images.length + " values, " + count + " images of "
                    + shape + " need " + (long) count * valuesPerImage);
        }
        int tileRows = (count + columns - 1) / columns;
        int tileWidth = cols * scale + padding;
        int tileHeight = rows * scale + padding;
        int width = Math.addExact(Math.multiplyExact(columns, tileWidth), padding);
        int height = Math.addExact(Math.multiplyExact(tileRows, tileHeight), padding);

        byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
        Arrays.fill(pixels, (byte) BACKGROUND);
        int plane = shape.pixels();
        for (int image = 0; image < count; image++) {
            int left = padding + (image % columns) * tileWidth;
            int top = padding + (image / columns) * tileHeight;
            int offset = image * valuesPerImage;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    // channel-major in, interleaved out; for grey, "red" is the grey level
                    int at = offset + r * cols + c;
                    byte red = toLevel(images[at]);
                    byte green = channels == 1 ? red : toLevel(images[at + plane]);
                    byte blue = channels == 1 ? red : toLevel(images[at + 2 * plane]);
                    for (int dy = 0; dy < scale; dy++) {
                        int start = ((top + r * scale + dy) * width + left + c * scale) * channels;
                        if (channels == 1) {
                            Arrays.fill(pixels, start, start + scale, red);
                        } else {
                            for (int dx = 0; dx < scale; dx++) {
                                int p = start + 3 * dx;
                                pixels[p] = red;
                                pixels[p + 1] = green;
                                pixels[p + 2] = blue;
                            }
                        }
                    }
                }
            }
        }
        return new Raster(width, height, channels, pixels);
    }

    /** The picture of a recipe's images, laid out as the grid says, with the given padding and pixel scale. */
    public static Raster tile(ImageGrid grid, int padding, int scale) {
        return tile(grid.pixels(), grid.count(), grid.shape(), grid.columns(), padding, scale);
    }

    /** One image alone, one raster pixel per image pixel, no frame. */
    public static Raster single(float[] image, ImageShape shape) {
        return single(image, shape, 1);
    }

    /** One image alone, each image pixel a {@code scale x scale} block, no frame (e.g. an animation frame). */
    public static Raster single(float[] image, ImageShape shape, int scale) {
        return tile(image, 1, shape, 1, 0, scale);
    }

    /**
     * The raster with every pixel a {@code scale x scale} block, grey or colour as it was: {@code scale} times as wide
     * and high, every level exactly as it was (no smoothing). The window's exports at 2x and {@code render --scale}
     * both enlarge their pictures this way. At scale 1 the raster itself (rasters are read-only).
     */
    public static Raster enlarge(Raster raster, int scale) {
        atLeast("scale", scale, 1);
        if (scale == 1) {
            return raster;
        }
        int channels = raster.channels();
        int width = Math.multiplyExact(raster.width(), scale);
        int height = Math.multiplyExact(raster.height(), scale);
        byte[] source = raster.pixels();
        byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
        for (int y = 0; y < height; y++) {
            int from = (y / scale) * raster.width() * channels;
            int to = y * width * channels;
            for (int x = 0; x < width; x++) {
                System.arraycopy(source, from + (x / scale) * channels, pixels, to + x * channels, channels);
            }
        }
        return new Raster(width, height, channels, pixels);
    }

    /**
     * {@code top} above {@code bottom} with {@code gap} background rows between (e.g. originals above their
     * reconstructions); the narrower one is centred horizontally on a background margin. When one is in colour, so
     * is the result.
     */
    public static Raster stack(Raster top, Raster bottom, int gap) {
        atLeast("gap", gap, 0);
        if (top.channels() != bottom.channels()) {
            top = top.toRgb();
            bottom = bottom.toRgb();
        }
        int channels = top.channels();
        int width = Math.max(top.width(), bottom.width());
        int height = Math.addExact(Math.addExact(top.height(), gap), bottom.height());
        byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
        Arrays.fill(pixels, (byte) BACKGROUND);
        copyInto(top, pixels, width, (width - top.width()) / 2, 0);
        copyInto(bottom, pixels, width, (width - bottom.width()) / 2, top.height() + gap);
        return new Raster(width, height, channels, pixels);
    }

    private static void copyInto(Raster source, byte[] target, int targetWidth, int left, int top) {
        int channels = source.channels();
        int rowBytes = source.width() * channels;
        for (int y = 0; y < source.height(); y++) {
            System.arraycopy(source.pixels(), y * rowBytes, target, ((top + y) * targetWidth + left) * channels,
                    rowBytes);
        }
    }

    /** [0, 1] to 0..255, rounded; out-of-range values clamp, NaN is black. */
    static byte toLevel(float value) {
        if (!(value > 0f)) {
            return 0; // also catches NaN
        }
        if (value >= 1f) {
            return (byte) 255;
        }
        return (byte) Math.round(value * 255f);
    }

    private static void atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", got " + value);
        }
    }
}
