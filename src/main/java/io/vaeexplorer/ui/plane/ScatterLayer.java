package io.vaeexplorer.ui.plane;

import io.vaeexplorer.ui.fx.ClassColors;
import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The test images' codes as 3x3 squares in their class colours. The points are written into an {@code int[]} ARGB
 * buffer shared with a {@link PixelBuffer} and drawn with one {@code drawImage}; the buffer is rewritten only after
 * {@link #invalidate()} (new points, another viewport), so a hover or a new marker redraws the canvas but reuses it.
 */
final class ScatterLayer {

    /** Colour of each possible label byte (labels are 0..255), premultiplied ARGB = ARGB since all are opaque. */
    private static final int[] LABEL_ARGB = ClassColors.argbByLabelByte();

    private int[] pixels;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;
    private int bufferWidth;
    private int bufferHeight;
    private boolean dirty = true;
    private int highlighted = -1;
    private PlaneStyle style = PlaneStyle.LIGHT;

    /** The points or the viewport changed: the next draw rewrites the buffer. */
    void invalidate() {
        dirty = true;
    }

    /** Draws the codes of one class in its colour over the others, faded; -1 draws every class in its colour. */
    void highlight(int label) {
        if (label != highlighted) {
            highlighted = label;
            dirty = true;
        }
    }

    /** Draws in another palette (the faded classes' colour and the hover ring change with it). */
    void style(PlaneStyle newStyle) {
        if (newStyle != style) {
            style = newStyle;
            dirty = true;
        }
    }

    /** Draws the points over the plot rectangle, rasterising them first when they changed. */
    void draw(GraphicsContext gc, PlaneViewport v, LatentPoints points) {
        if (dirty || image == null) {
            rasterize(points, v);
        }
        // one to one on screen; in a picture of the plane at 2x the squares grow as squares, not as blurs
        boolean smooth = gc.isImageSmoothing();
        gc.setImageSmoothing(false);
        gc.drawImage(image, v.left(), v.top());
        gc.setImageSmoothing(smooth);
    }

    /** The hovered test image's point, larger and ringed. */
    void drawHovered(GraphicsContext gc, PlaneViewport v, LatentPoints points, int index) {
        if (index < 0 || index >= points.count()) {
            return;
        }
        double x = v.canvasX(points.xy()[2 * index]);
        double y = v.canvasY(points.xy()[2 * index + 1]);
        gc.setFill(ClassColors.color(points.labels()[index] & 0xff));
        gc.fillRect(x - 3, y - 3, 6, 6);
        gc.setStroke(style.hoverRing());
        gc.setLineWidth(2);
        gc.strokeOval(x - 7, y - 7, 14, 14);
    }

    /** Writes every point as a 3x3 square into the int buffer and publishes it to the image. */
    private void rasterize(LatentPoints points, PlaneViewport v) {
        int w = (int) v.width();
        int h = (int) v.height();
        if (pixels == null || w != bufferWidth || h != bufferHeight) {
            pixels = new int[w * h];
            pixelBuffer = new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
            bufferWidth = w;
            bufferHeight = h;
        } else {
            Arrays.fill(pixels, 0);
        }
        int[] px = pixels;
        float[] xy = points.xy();
        byte[] labels = points.labels();
        double scale = v.scale();
        double ox = w / 2.0 - v.centerX() * scale; // buffer x = ox + planeX * scale
        double oy = h / 2.0 + v.centerY() * scale; // buffer y = oy - planeY * scale
        int maxX = w - 1;
        int maxY = h - 1;
        int faded = style.fadedArgb();
        // with a highlight: the faded classes first, the highlighted one over them
        for (int pass = highlighted < 0 ? 1 : 0; pass < 2; pass++) {
            for (int i = 0, n = points.count(); i < n; i++) {
                boolean mine = highlighted < 0 || labels[i] == highlighted;
                if (mine != (pass == 1)) {
                    continue;
                }
                double bx = ox + xy[2 * i] * scale;
                double by = oy - xy[2 * i + 1] * scale;
                if (!(bx >= 1 && bx < maxX && by >= 1 && by < maxY)) {
                    continue; // also drops NaN
                }
                square(px, w, (int) bx, (int) by, mine ? LABEL_ARGB[labels[i] & 0xff] : faded);
            }
        }
        pixelBuffer.updateBuffer(b -> null);
        dirty = false;
    }

    /** A 3x3 square centred on (cx, cy), which lies at least one pixel inside the buffer. */
    private static void square(int[] px, int w, int cx, int cy, int c) {
        int o = (cy - 1) * w + cx - 1;
        px[o] = c;
        px[o + 1] = c;
        px[o + 2] = c;
        o += w;
        px[o] = c;
        px[o + 1] = c;
        px[o + 2] = c;
        o += w;
        px[o] = c;
        px[o + 1] = c;
        px[o + 2] = c;
    }
}
