package io.vaeexplorer.ui;

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
            int g = grey[i] & 0xff;
            argb[i] = 0xff000000 | (g << 16) | (g << 8) | g;
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return image;
    }
}
