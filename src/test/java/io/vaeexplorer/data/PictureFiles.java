package io.vaeexplorer.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Small picture files written with ImageIO for the image-folder tests. */
public final class PictureFiles {

    private PictureFiles() {
    }

    /** A {@code width x height} picture of {@code background} with a centred {@code side x side} square. */
    public static BufferedImage centredSquare(int width, int height, Color background, Color shape, int side) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(shape);
        g.fillRect((width - side) / 2, (height - side) / 2, side, side);
        g.dispose();
        return image;
    }

    public static BufferedImage filled(int width, int height, Color colour) {
        return centredSquare(width, height, colour, colour, 0);
    }

    /** A one-channel picture of one grey level; saved as PNG it is a grey-type PNG. */
    public static BufferedImage grey(int width, int height, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, level);
            }
        }
        return image;
    }

    /** Writes {@code image} in the format its file name's extension names, creating folders. */
    public static Path write(Path file, BufferedImage image) {
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1);
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeBytes(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid 1x1 PNG whose IHDR (with a matching CRC) claims {@code width x height} pixels. */
    public static Path pngClaiming(Path file, int width, int height) {
        write(file, filled(1, 1, Color.WHITE));
        try {
            byte[] png = Files.readAllBytes(file);
            // Signature (8), IHDR length (4), "IHDR" at 12, width at 16, height at 20, 13 data bytes, CRC at 29.
            putInt(png, 16, width);
            putInt(png, 20, height);
            CRC32 crc = new CRC32();
            crc.update(png, 12, 17);
            putInt(png, 29, (int) crc.getValue());
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
