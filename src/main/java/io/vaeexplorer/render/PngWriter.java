package io.vaeexplorer.render;

import io.vaeexplorer.store.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Saves rasters as PNG files: grey rasters as 8-bit greyscale, colour ones as 8-bit RGB (headless: only
 * java.awt.image and javax.imageio).
 */
public final class PngWriter {

    private PngWriter() {
    }

    /** A copy of the raster: TYPE_BYTE_GRAY for a grey one, TYPE_3BYTE_BGR for a colour one. */
    public static BufferedImage toBufferedImage(Raster raster) {
        BufferedImage image = new BufferedImage(raster.width(), raster.height(),
                raster.isColour() ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        // a pixel's data elements are its samples in band order, red first: the raster's own interleaving
        image.getRaster().setDataElements(0, 0, raster.width(), raster.height(), raster.pixels());
        return image;
    }

    /**
     * Writes the raster to {@code file} as PNG, creating missing parent folders. The PNG goes to a temporary
     * file in the same folder first and is then moved over the target (atomically where the file system
     * allows), so an interrupted write never replaces a good picture with half a file.
     *
     * @return the file written
     * @throws UncheckedIOException naming the file when anything fails
     */
    public static Path write(Raster raster, Path file) {
        return write(toBufferedImage(raster), file);
    }

    /** Writes any image as PNG, atomically (see {@link AtomicFiles}); the message of a failure names the file. */
    public static Path write(BufferedImage image, Path file) {
        try {
            return AtomicFiles.write(file, channel -> {
                if (!ImageIO.write(image, "png", Channels.newOutputStream(channel))) {
                    throw new IOException("no PNG writer available");
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("could not write PNG " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
