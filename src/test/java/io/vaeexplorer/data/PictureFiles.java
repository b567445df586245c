package io.vaeexplorer.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Small picture files written with ImageIO for the image-folder tests. */
public final class PictureFiles {

    private PictureFiles() {
    }

    /** A {@code width x height} picture of {@code background} with a centred {@code side x side} square. */
    public static BufferedImage centredSquare(int width, int height, Color background, Color shape, int side) {
        return square(width, height, background, shape, (width - side) / 2, (height - side) / 2, side);
    }

    /** A {@code width x height} picture of {@code background} with a {@code side x side} square at (x, y). */
    public static BufferedImage square(int width, int height, Color background, Color shape, int x, int y, int side) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, width, height);
        g.setColor(shape);
        g.fillRect(x, y, side, side);
        g.dispose();
        return image;
    }

    /** How far an RGB pixel is from grey: its largest channel minus its smallest. */
    public static int chroma(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
    }

    /** The largest {@link #chroma} of the image's rows from {@code top} to the bottom. */
    public static int mostColourful(BufferedImage image, int top) {
        int most = 0;
        for (int y = top; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                most = Math.max(most, chroma(image.getRGB(x, y)));
            }
        }
        return most;
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

    /**
     * A PNG file written by hand, to reach what ImageIO's writer never writes: every row filter, image data
     * split over several IDAT chunks, short palettes, 16-bit samples.
     *
     * @param rows      the unfiltered scanlines (without filter bytes), each {@code ceil(width * bits / 8)} bytes
     * @param filters   the filter of each row, 0..4 (5 and up are written as given: an invalid filter)
     * @param palette   PLTE's bytes, or null for none
     * @param alpha     tRNS's bytes, or null for none
     * @param idatParts how many IDAT chunks the compressed data is cut into
     */
    static byte[] png(int width, int height, int colourType, int bitDepth, byte[][] rows, int[] filters,
            byte[] palette, byte[] alpha, int idatParts) {
        return png(width, height, colourType, bitDepth, rows, filters, palette, alpha, idatParts, 0);
    }

    /** As above, with the compressed data's last {@code lastApart} bytes in an IDAT chunk of their own. */
    static byte[] png(int width, int height, int colourType, int bitDepth, byte[][] rows, int[] filters,
            byte[] palette, byte[] alpha, int idatParts, int lastApart) {
        int samples = switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        int bpp = Math.max(1, samples * bitDepth / 8);
        ByteArrayOutputStream filtered = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            byte[] row = rows[y];
            byte[] up = y > 0 ? rows[y - 1] : new byte[row.length];
            filtered.write(filters[y]);
            for (int i = 0; i < row.length; i++) {
                int x = row[i] & 0xff;
                int a = i >= bpp ? row[i - bpp] & 0xff : 0;
                int b = up[i] & 0xff;
                int c = i >= bpp ? up[i - bpp] & 0xff : 0;
                int predicted = switch (filters[y]) {
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) >>> 1;
                    case 4 -> paeth(a, b, c);
                    default -> 0;
                };
                filtered.write((x - predicted) & 0xff);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(filtered.toByteArray());
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] data = compressed.toByteArray();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = (byte) bitDepth;
        header[9] = (byte) colourType;
        chunk(out, "IHDR", header);
        if (palette != null) {
            chunk(out, "PLTE", palette);
        }
        if (alpha != null) {
            chunk(out, "tRNS", alpha);
        }
        int body = data.length - lastApart;
        int part = (body + idatParts - 1) / idatParts;
        for (int from = 0; from < body; from += part) {
            chunk(out, "IDAT", Arrays.copyOfRange(data, from, Math.min(body, from + part)));
        }
        if (lastApart > 0) {
            chunk(out, "IDAT", Arrays.copyOfRange(data, body, data.length));
        }
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
