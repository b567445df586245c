package io.vaeexplorer.ui.fx;

import io.vaeexplorer.render.GreyRaster;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Converts grey rasters (from the render package) into JavaFX images. */
public final class RasterImages {

    private RasterImages() {
    }

    /** An opaque image of the raster, one image pixel per raster pixel (scale it when drawing). */
    public static WritableImage toImage(GreyRaster raster) {
        int w = raster.width();
        int h = raster.height();
        int[] argb = new int[w * h];
        byte[] grey = raster.pixels();
        for (int i = 0; i < argb.length; i++) {
            argb[i] = opaqueGrey(grey[i]);
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
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
    public static void enlargeInto(GreyRaster raster, WritableImage target, int[] argb) {
        int width = (int) target.getWidth();
        int height = (int) target.getHeight();
        int w = raster.width();
        int h = raster.height();
        byte[] grey = raster.pixels();
        for (int y = 0; y < height; y++) {
            int row = (int) ((long) y * h / height) * w;
            int out = y * width;
            for (int x = 0; x < width; x++) {
                argb[out + x] = opaqueGrey(grey[row + (int) ((long) x * w / width)]);
            }
        }
        target.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    }

    /** An unsigned grey byte as an opaque ARGB pixel. */
    private static int opaqueGrey(byte grey) {
        int g = grey & 0xff;
        return 0xff000000 | (g << 16) | (g << 8) | g;
    }
}
