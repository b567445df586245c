package io.vaeexplorer.ui.plane;

import io.vaeexplorer.data.LabeledImages;

/**
 * Every test image as an opaque ARGB tile, made once per data set off the FX thread, so that drawing thumbnails
 * only copies pixels. Grey images become grey pixels; colour images (channel-major red, green, blue) their
 * colours. Images larger than {@link #MAX_TILE_SIDE} are averaged down, and a large set gets smaller tiles so
 * that the whole atlas stays within {@link #MAX_PIXELS}: a thumbnail is drawn at most {@link #MAX_DRAWN_SIDE}
 * pixels wide, so finer tiles would not show.
 */
public final class ThumbnailAtlas {

    /** The largest tile side kept. */
    static final int MAX_TILE_SIDE = 64;
    /** The most tile pixels kept for a whole set. */
    static final long MAX_PIXELS = 1L << 23;
    /** The largest side a thumbnail is drawn at on screen, and the smallest. */
    static final int MAX_DRAWN_SIDE = 64;
    static final int MIN_DRAWN_SIDE = 16;

    private final LabeledImages source;
    private final int tileWidth;
    private final int tileHeight;
    private final int drawnSide;
    private final int[] argb;

    private ThumbnailAtlas(LabeledImages source, int tileWidth, int tileHeight, int drawnSide, int[] argb) {
        this.source = source;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.drawnSide = drawnSide;
        this.argb = argb;
    }

    /** Converts every image of the set; seconds for a large set, so call it off the FX thread. */
    public static ThumbnailAtlas of(LabeledImages images) {
        int rows = images.rows();
        int cols = images.cols();
        int count = images.count();
        double scale = Math.min(1, (double) MAX_TILE_SIDE / Math.max(rows, cols));
        if (count > 0) {
            scale = Math.min(scale, Math.sqrt((double) MAX_PIXELS / count / rows / cols));
        }
        int width = Math.max(1, (int) Math.round(cols * scale));
        int height = Math.max(1, (int) Math.round(rows * scale));
        int drawn = Math.max(MIN_DRAWN_SIDE, Math.min(MAX_DRAWN_SIDE, 2 * Math.max(rows, cols)));
        int[] argb = new int[count * width * height];
        int[] x0 = spans(cols, width);
        int[] y0 = spans(rows, height);
        byte[] levels = images.levels();
        int plane = rows * cols;
        int size = images.imageSize();
        boolean colour = images.channels() >= 3;
        int at = 0;
        for (int i = 0; i < count; i++) {
            int base = i * size;
            for (int ty = 0; ty < height; ty++) {
                for (int tx = 0; tx < width; tx++) {
                    int r = 0;
                    int g = 0;
                    int b = 0;
                    int n = 0;
                    for (int y = y0[ty]; y < y0[ty + 1]; y++) {
                        int row = base + y * cols;
                        for (int x = x0[tx]; x < x0[tx + 1]; x++) {
                            r += levels[row + x] & 0xff;
                            if (colour) {
                                g += levels[row + plane + x] & 0xff;
                                b += levels[row + 2 * plane + x] & 0xff;
                            }
                            n++;
                        }
                    }
                    r = (r + n / 2) / n;
                    g = colour ? (g + n / 2) / n : r;
                    b = colour ? (b + n / 2) / n : r;
                    argb[at++] = 0xff000000 | r << 16 | g << 8 | b;
                }
            }
        }
        return new ThumbnailAtlas(images, width, height, drawn, argb);
    }

    /** Where each of {@code parts} equal parts of {@code length} starts, and the end; every part at least 1 long. */
    private static int[] spans(int length, int parts) {
        int[] starts = new int[parts + 1];
        for (int p = 0; p <= parts; p++) {
            starts[p] = (int) ((long) p * length / parts);
        }
        for (int p = 1; p <= parts; p++) {
            starts[p] = Math.max(starts[p], starts[p - 1] + 1);
        }
        return starts;
    }

    /** Whether these are the tiles of that set (the same arrays, not a copy). */
    public boolean isOf(LabeledImages images) {
        return source == images;
    }

    public int count() {
        return source.count();
    }

    public int tileWidth() {
        return tileWidth;
    }

    public int tileHeight() {
        return tileHeight;
    }

    /** The side a thumbnail is drawn at on screen: a few times the source's, within the limits. */
    public int drawnSide() {
        return drawnSide;
    }

    /** The ARGB pixel (x, y) of image {@code image}'s tile. */
    public int pixel(int image, int x, int y) {
        return argb[(image * tileHeight + y) * tileWidth + x];
    }

    /** Every tile, image after image, each row-major: shared, not copied; callers must not modify it. */
    int[] argb() {
        return argb;
    }
}
