package io.vaeexplorer.ui.plane;

import io.vaeexplorer.ui.fx.ClassColors;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.function.Supplier;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Test images drawn as thumbnails at their codes, over the points, each framed in its class colour. Which images
 * come from {@link ThumbnailPicks}: one per cell at least a thumbnail wide, so none overlap; each thumbnail covers
 * its code and stays inside its cell. The tiles are copied (nearest pixel) into an {@code int[]} ARGB buffer shared
 * with a {@link PixelBuffer} and drawn with one {@code drawImage}; the buffer is rewritten only after
 * {@link #invalidate()}, and then costs the visible cells and the plot's pixels, never the number of codes.
 */
final class ThumbnailLayer {

    private static final int[] LABEL_ARGB = ClassColors.argbByLabelByte();

    private int[] pixels;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;
    private int bufferWidth;
    private int bufferHeight;
    private boolean dirty = true;
    /** The thumbnails of the last rewrite (in the buffer still): image index, canvas position of the top left. */
    private int drawn;
    private int[] drawnImages = new int[0];
    private int[] drawnLeft = new int[0];
    private int[] drawnTop = new int[0];
    private int drawnSide;
    /** Whether the last draw showed the layer at all. */
    private boolean showing;
    private PlaneStyle style = PlaneStyle.LIGHT;

    /** The codes, the viewport, the tiles or the picks changed: the next draw rewrites the buffer. */
    void invalidate() {
        dirty = true;
    }

    /** Frames the faded classes' thumbnails in another palette's faded colour. */
    void style(PlaneStyle newStyle) {
        if (newStyle != style) {
            style = newStyle;
            dirty = true;
        }
    }

    /**
     * Draws the thumbnails over the plot rectangle; nothing without tiles.
     *
     * @param picks asked only when the buffer is rewritten
     * @param highlighted the highlighted class (others fade), or -1
     */
    void draw(GraphicsContext gc, PlaneViewport v, LatentPoints points, ThumbnailAtlas atlas,
              Supplier<ThumbnailPicks> picks, int highlighted) {
        showing = atlas != null && points != null;
        if (!showing) {
            return;
        }
        if (dirty || image == null) {
            rasterize(v, points, atlas, picks.get(), highlighted);
        }
        if (drawn > 0) {
            // one to one on screen; in a picture of the plane at 2x the thumbnails grow pixel for pixel
            boolean smooth = gc.isImageSmoothing();
            gc.setImageSmoothing(false);
            gc.drawImage(image, v.left(), v.top());
            gc.setImageSmoothing(smooth);
        }
    }

    /** How many thumbnails the last draw showed (for tests). */
    int drawnCount() {
        return showing ? drawn : 0;
    }

    /** {image, left, top, side} of thumbnail {@code k} of the last draw, canvas coordinates (for tests). */
    int[] drawnBox(int k) {
        return new int[] {drawnImages[k], drawnLeft[k], drawnTop[k], drawnSide};
    }

    private void rasterize(PlaneViewport v, LatentPoints points, ThumbnailAtlas atlas, ThumbnailPicks picks,
                           int highlighted) {
        int w = (int) v.width();
        int h = (int) v.height();
        if (pixels == null || w != bufferWidth || h != bufferHeight) {
            pixels = new int[Math.max(1, w * h)];
            pixelBuffer = new PixelBuffer<>(Math.max(1, w), Math.max(1, h), IntBuffer.wrap(pixels),
                    PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
            bufferWidth = w;
            bufferHeight = h;
        } else {
            clearDrawn(v, w, h);
        }
        dirty = false;
        int side = atlas.drawnSide();
        drawnSide = side;
        if (drawnImages.length < picks.count()) {
            drawnImages = new int[picks.count()];
            drawnLeft = new int[picks.count()];
            drawnTop = new int[picks.count()];
        }
        drawn = 0;
        int tileWidth = atlas.tileWidth();
        int tileHeight = atlas.tileHeight();
        int[] tileX = new int[side];
        int[] tileY = new int[side];
        for (int d = 0; d < side; d++) {
            tileX[d] = d * tileWidth / side;
            tileY[d] = d * tileHeight / side;
        }
        int[] tiles = atlas.argb();
        int tileSize = tileWidth * tileHeight;
        float[] xy = points.xy();
        byte[] labels = points.labels();
        double scale = v.scale();
        double ox = w / 2.0 - v.centerX() * scale; // buffer x = ox + planeX * scale
        double oy = h / 2.0 + v.centerY() * scale; // buffer y = oy - planeY * scale
        double cellPixels = picks.cellSize() * scale;
        for (int k = 0; k < picks.count(); k++) {
            int i = picks.images()[k];
            double bx = ox + xy[2 * i] * scale;
            double by = oy - xy[2 * i + 1] * scale;
            double cellLeft = ox + picks.cellLeft()[k] * scale;
            double cellTop = oy - picks.cellBottom()[k] * scale - cellPixels;
            // centred on the code, then pushed inside the cell: the code stays under its thumbnail
            int left = (int) Math.round(clamp(bx - side / 2.0, cellLeft, cellLeft + cellPixels - side));
            int top = (int) Math.round(clamp(by - side / 2.0, cellTop, cellTop + cellPixels - side));
            if (left >= w || top >= h || left + side <= 0 || top + side <= 0) {
                continue;
            }
            int label = labels[i] & 0xff;
            boolean faded = highlighted >= 0 && label != highlighted;
            int frame = faded ? style.fadedArgb() : LABEL_ARGB[label];
            int tileStart = i * tileSize;
            for (int dy = 0; dy < side; dy++) {
                int y = top + dy;
                if (y < 0 || y >= h) {
                    continue;
                }
                int row = y * w;
                int tileRow = tileStart + tileY[dy] * tileWidth;
                boolean edgeRow = dy == 0 || dy == side - 1;
                for (int dx = 0; dx < side; dx++) {
                    int x = left + dx;
                    if (x < 0 || x >= w) {
                        continue;
                    }
                    int c;
                    if (edgeRow || dx == 0 || dx == side - 1) {
                        c = frame;
                    } else {
                        c = tiles[tileRow + tileX[dx]];
                        if (faded) {
                            c = 0xff000000 | (((c & 0xfefefe) + 0xfefefe) >>> 1); // halfway to white
                        }
                    }
                    pixels[row + x] = c;
                }
            }
            drawnImages[drawn] = i;
            drawnLeft[drawn] = (int) v.left() + left;
            drawnTop[drawn] = (int) v.top() + top;
            drawn++;
        }
        pixelBuffer.updateBuffer(b -> null);
    }

    /** Clears the thumbnails of the last rewrite, not the whole buffer: they cover a small part of it. */
    private void clearDrawn(PlaneViewport v, int w, int h) {
        for (int k = 0; k < drawn; k++) {
            int left = Math.max(0, drawnLeft[k] - (int) v.left());
            int right = Math.min(w, drawnLeft[k] - (int) v.left() + drawnSide);
            int top = Math.max(0, drawnTop[k] - (int) v.top());
            int bottom = Math.min(h, drawnTop[k] - (int) v.top() + drawnSide);
            for (int y = top; y < bottom && left < right; y++) {
                Arrays.fill(pixels, y * w + left, y * w + right, 0);
            }
        }
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
