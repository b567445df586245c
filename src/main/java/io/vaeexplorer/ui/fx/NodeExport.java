package io.vaeexplorer.ui.fx;

import io.vaeexplorer.render.PngWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

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
        WritableImage image = node.snapshot(null, null);
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
