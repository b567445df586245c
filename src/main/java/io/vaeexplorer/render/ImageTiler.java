package io.vaeexplorer.render;

import io.vaeexplorer.explore.ImageGrid;
import java.util.Arrays;

/** Lays decoded images out as one picture: the manifold grid, sample sheets, sweeps, interpolations. */
public final class ImageTiler {

    /** Padding grey: dark enough for contrast, light enough to separate white-on-black digits. */
    public static final int BACKGROUND = 40;

    private ImageTiler() {
    }

    /**
     * Tiles {@code count} images of {@code rows x cols} pixels (row-major, values in [0, 1], clamped; NaN
     * shows black) into a grid {@code columns} tiles wide and ceil(count / columns) tiles high, filled row
     * by row. {@code padding} background pixels separate tiles and frame the border; each image pixel
     * becomes a {@code scale x scale} block. Size: width = columns * (cols * scale + padding) + padding,
     * height = tileRows * (rows * scale + padding) + padding. Unused cells of the last row stay background.
     */
    public static GreyRaster tile(float[] images, int count, int rows, int cols, int columns, int padding,
            int scale) {
        atLeast("count", count, 1);
        atLeast("rows", rows, 1);
        atLeast("cols", cols, 1);
        atLeast("columns", columns, 1);
        atLeast("padding", padding, 0);
        atLeast("scale", scale, 1);
        int pixelsPerImage = Math.multiplyExact(rows, cols);
        if (images.length != (long) count * pixelsPerImage) {
            throw new IllegalArgumentException("images has " + images.length + " values, " + count + " images of "
                    + rows + " x " + cols + " need " + (long) count * pixelsPerImage);
        }
        int tileRows = (count + columns - 1) / columns;
        int tileWidth = cols * scale + padding;
        int tileHeight = rows * scale + padding;
        int width = Math.addExact(Math.multiplyExact(columns, tileWidth), padding);
        int height = Math.addExact(Math.multiplyExact(tileRows, tileHeight), padding);

        byte[] pixels = new byte[Math.multiplyExact(width, height)];
        Arrays.fill(pixels, (byte) BACKGROUND);
        for (int image = 0; image < count; image++) {
            int left = padding + (image % columns) * tileWidth;
            int top = padding + (image / columns) * tileHeight;
            int offset = image * pixelsPerImage;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    byte grey = toGrey(images[offset + r * cols + c]);
                    for (int dy = 0; dy < scale; dy++) {
                        int start = (top + r * scale + dy) * width + left + c * scale;
                        Arrays.fill(pixels, start, start + scale, grey);
                    }
                }
            }
        }
        return new GreyRaster(width, height, pixels);
    }

    /** The picture of a recipe's images, laid out as the grid says, with the given padding and pixel scale. */
    public static GreyRaster tile(ImageGrid grid, int padding, int scale) {
        return tile(grid.pixels(), grid.count(), grid.rows(), grid.cols(), grid.columns(), padding, scale);
    }

    /** One image of {@code rows x cols} pixels alone, one raster pixel per image pixel, no frame. */
    public static GreyRaster single(float[] image, int rows, int cols) {
        return single(image, rows, cols, 1);
    }

    /** One image alone, each image pixel a {@code scale x scale} block, no frame (e.g. an animation frame). */
    public static GreyRaster single(float[] image, int rows, int cols, int scale) {
        return tile(image, 1, rows, cols, 1, 0, scale);
    }

    /**
     * {@code top} above {@code bottom} with {@code gap} background rows between (e.g. originals above their
     * reconstructions); the narrower one is centred horizontally on a background margin.
     */
    public static GreyRaster stack(GreyRaster top, GreyRaster bottom, int gap) {
        atLeast("gap", gap, 0);
        int width = Math.max(top.width(), bottom.width());
        int height = Math.addExact(Math.addExact(top.height(), gap), bottom.height());
        byte[] pixels = new byte[Math.multiplyExact(width, height)];
        Arrays.fill(pixels, (byte) BACKGROUND);
        copyInto(top, pixels, width, (width - top.width()) / 2, 0);
        copyInto(bottom, pixels, width, (width - bottom.width()) / 2, top.height() + gap);
        return new GreyRaster(width, height, pixels);
    }

    private static void copyInto(GreyRaster source, byte[] target, int targetWidth, int left, int top) {
        for (int y = 0; y < source.height(); y++) {
            System.arraycopy(source.pixels(), y * source.width(), target, (top + y) * targetWidth + left,
                    source.width());
        }
    }

    /** [0, 1] to 0..255, rounded; out-of-range values clamp, NaN is black. */
    static byte toGrey(float value) {
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
