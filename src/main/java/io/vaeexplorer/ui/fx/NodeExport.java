package io.vaeexplorer.ui.fx;

import io.vaeexplorer.render.PngWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Scale;

/** Writes what a node shows (a chart, the latent plane) to a PNG file, without the javafx-swing module. */
public final class NodeExport {

    private NodeExport() {
    }

    /** Takes the snapshot on the FX thread (call it there); the file is written atomically. */
    public static Path writePng(Node node, Path file) {
        return PngWriter.write(snapshot(node), file);
    }

    /**
     * What the node shows, as an image that may be encoded and written on another thread. Call on the FX thread.
     */
    public static BufferedImage snapshot(Node node) {
        return snapshot(node, 1);
    }

    /**
     * What the node shows, {@code scale} times as wide and high as at 1: the node is drawn again at that scale, so its
     * text and lines stay sharp (a canvas in it is the exception: it is scaled as the picture it holds). Call on the
     * FX thread.
     */
    public static BufferedImage snapshot(Node node, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setTransform(new Scale(scale, scale));
        // the area of a snapshot at 1 (the node's bounds rounded out to whole pixels), scaled: rounding the scaled
        // bounds instead could give one pixel more or less than scale times the picture at 1
        Bounds bounds = node.getBoundsInParent();
        double left = Math.floor(bounds.getMinX());
        double top = Math.floor(bounds.getMinY());
        parameters.setViewport(new Rectangle2D(left * scale, top * scale, (Math.ceil(bounds.getMaxX()) - left) * scale,
                (Math.ceil(bounds.getMaxY()) - top) * scale));
        WritableImage image = node.snapshot(parameters, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            reader.getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }
}
