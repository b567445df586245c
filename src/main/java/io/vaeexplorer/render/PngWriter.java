package io.vaeexplorer.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Saves rasters as 8-bit greyscale PNG files (headless: only java.awt.image and javax.imageio). */
public final class PngWriter {

    private PngWriter() {
    }

    /** A TYPE_BYTE_GRAY copy of the raster. */
    public static BufferedImage toBufferedImage(GreyRaster raster) {
        BufferedImage image = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_BYTE_GRAY);
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
    public static Path write(GreyRaster raster, Path file) {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
            if (!ImageIO.write(toBufferedImage(raster), "png", temporary.toFile())) {
                throw new IOException("no PNG writer available");
            }
            moveOver(temporary, target);
            return file;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("could not write PNG " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
