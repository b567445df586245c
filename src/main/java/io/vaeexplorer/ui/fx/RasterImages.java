package io.vaeexplorer.ui.fx;

import io.vaeexplorer.render.Raster;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Converts rasters (from the render package), grey or colour, into JavaFX images. */
public final class RasterImages {

    private RasterImages() {
    }

    /** An opaque image of the raster, one image pixel per raster pixel (scale it when drawing). */
    public static WritableImage toImage(Raster raster) {
        int w = raster.width();
        int h = raster.height();
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), raster.toArgb(), 0, w);
        return image;
    }

    /**
     * Writes the raster, enlarged to the target's size by repeating pixels (nearest neighbour), into a reused
     * image, to draw unscaled. Software rendering scales an image through its slow general path, on the cores
     * training needs; enlarging here is cheap, and reusing the image and buffer keeps a drag's stream of decodes
     * from making garbage at the rate it decodes.
     *
     * @param argb scratch of at least width x height ints
     */
    public static void enlargeInto(Raster raster, WritableImage target, int[] argb) {
        int width = (int) target.getWidth();
        int height = (int) target.getHeight();
        int w = raster.width();
        int h = raster.height();
        int channels = raster.channels();
        byte[] levels = raster.pixels();
        for (int y = 0; y < height; y++) {
            int row = (int) ((long) y * h / height) * w;
            int out = y * width;
            for (int x = 0; x < width; x++) {
                int at = (row + (int) ((long) x * w / width)) * channels;
                argb[out + x] = channels == 1 ? opaqueGrey(levels[at]) : opaque(levels[at], levels[at + 1],
                        levels[at + 2]);
            }
        }
        target.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    }

    /** An unsigned grey byte as an opaque ARGB pixel. */
    private static int opaqueGrey(byte grey) {
        return opaque(grey, grey, grey);
    }

    private static int opaque(byte red, byte green, byte blue) {
        return 0xff000000 | (red & 0xff) << 16 | (green & 0xff) << 8 | blue & 0xff;
    }
}
