package io.vaeexplorer.data;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the PNG files that picture folders hold almost always (8-bit grey, grey with alpha, RGB and RGBA; grey
 * and palette pictures of 1, 2, 4 or 8 bits, with palette transparency; not interlaced) from bytes in memory, and
 * hands their rows to {@link ImageDecoder} with the same levels ImageIO's reader gives.
 *
 * <p>ImageIO's reader costs many times the work of a small picture itself: a stream object, a search of the
 * registered readers, a read call per chunk field, a new {@code BufferedImage} and a colour-model conversion per
 * pixel in {@code getRGB}. Here one reader per thread keeps its {@link Inflater} and buffers from file to file.
 *
 * <p>Anything else (16-bit samples, Adam7 interlacing, a transparent colour in a grey or RGB picture, an unknown
 * critical chunk) and any damage it meets make {@link #read} answer false, and the caller decodes the file with
 * ImageIO, which then gives the same picture or the same reason to skip it as it always did. Like ImageIO, it does
 * not check chunk CRCs, and ancillary chunks (gamma, colour profile, text) are skipped: ImageIO's reader does not
 * apply them to the levels either.
 */
final class PngReader {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504c5445;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454e44;
    private static final int TRNS = 0x74524e53;
    private static final int GREY = 0;
    private static final int RGB = 2;
    private static final int PALETTE = 3;
    private static final int GREY_ALPHA = 4;
    private static final int RGBA = 6;

    private final Inflater inflater = new Inflater();
    private final byte[] overflow = new byte[1];
    private byte[] raw = new byte[0];
    private int width;
    private int height;
    private int bitDepth;
    private int colourType;
    private int stride;
    private int[] palette;

    /** Whether {@code bytes} start with the PNG signature. */
    static boolean isPng(byte[] bytes, int length) {
        return length >= SIGNATURE.length && Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /** The size an IHDR chunk gives, or null when the file does not start with one of a usable size. */
    static ImageDecoder.Size size(byte[] bytes, int length) {
        int at = SIGNATURE.length;
        if (length < at + 16 || intAt(bytes, at) != 13 || intAt(bytes, at + 4) != IHDR) {
            return null;
        }
        int width = intAt(bytes, at + 8);
        int height = intAt(bytes, at + 12);
        if (width <= 0 || height <= 0 || width > ImageDecoder.MAX_SIDE || height > ImageDecoder.MAX_SIDE
                || (long) width * height > ImageDecoder.MAX_PIXELS) {
            return null;
        }
        return new ImageDecoder.Size(width, height);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * Decodes {@code bytes[0, length)}, a PNG file; false when the file needs ImageIO (see the class comment) or
     * its size passes {@link ImageDecoder#MAX_SIDE} or {@link ImageDecoder#MAX_PIXELS}. After true, {@link #rows}
     * reads the picture until the next call.
     */
    boolean read(byte[] bytes, int length) {
        try {
            return decode(bytes, length);
        } catch (DataFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        } finally {
            inflater.reset();
        }
    }

    private boolean decode(byte[] bytes, int length) throws DataFormatException {
        int at = SIGNATURE.length;
        if (!isPng(bytes, length) || length < at + 8 + 13 + 4 || intAt(bytes, at) != 13 || intAt(bytes, at + 4) != IHDR) {
            return false;
        }
        if (!header(bytes, at + 8)) {
            return false;
        }
        at += 8 + 13 + 4;
        palette = null;
        boolean palettePresent = false;
        int entries = 0;
        byte[] alpha = null;
        int expected = height * (stride + 1);
        if (raw.length < expected) {
            raw = new byte[expected];
        }
        int produced = 0;
        boolean seenData = false;
        while (true) {
            if (at + 8 > length) {
                return false; // truncated: no IEND
            }
            int chunkLength = intAt(bytes, at);
            int type = intAt(bytes, at + 4);
            int data = at + 8;
            if (chunkLength < 0 || chunkLength > length - data - 4) {
                return false;
            }
            if (type == IEND) {
                break;
            } else if (type == IDAT) {
                if (colourType == PALETTE && palette == null) {
                    return false;
                }
                seenData = true;
                inflater.setInput(bytes, data, chunkLength);
                while (!inflater.needsInput() && !inflater.finished()) {
                    int n;
                    if (produced < expected) {
                        n = inflater.inflate(raw, produced, expected - produced);
                        produced += n;
                    } else {
                        // all rows are in: what is left is the stream's end and checksum, unless it holds more data
                        n = inflater.inflate(overflow);
                        if (n > 0) {
                            return false;
                        }
                    }
                    if (n == 0 && inflater.needsDictionary()) {
                        return false;
                    }
                }
            } else if (type == PLTE) {
                if (palettePresent || colourType == GREY || colourType == GREY_ALPHA) {
                    return false; // ImageIO warns and ignores it
                }
                palettePresent = true;
                if (colourType == PALETTE) {
                    entries = chunkLength / 3;
                    if (entries > 1 << bitDepth) {
                        return false;
                    }
                    palette = new int[entries];
                    for (int i = 0; i < entries; i++) {
                        int p = data + 3 * i;
                        palette[i] = (bytes[p] & 0xff) << 16 | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff);
                    }
                }
            } else if (type == TRNS) {
                if (colourType != PALETTE || palette == null || chunkLength > roundedLength(entries)) {
                    return false; // a transparent colour (ImageIO makes it an alpha channel), or a warning
                }
                alpha = Arrays.copyOfRange(bytes, data, data + chunkLength);
            } else if ((bytes[at + 4] & 0x20) == 0) {
                return false; // an unknown critical chunk
            }
            at = data + chunkLength + 4;
        }
        if (!seenData || produced != expected || !inflater.finished()) {
            return false;
        }
        if (colourType == PALETTE) {
            completePalette(entries, alpha);
        }
        return unfilter();
    }

    private boolean header(byte[] bytes, int at) {
        width = intAt(bytes, at);
        height = intAt(bytes, at + 4);
        bitDepth = bytes[at + 8] & 0xff;
        colourType = bytes[at + 9] & 0xff;
        int compression = bytes[at + 10];
        int filter = bytes[at + 11];
        int interlace = bytes[at + 12];
        if (width <= 0 || height <= 0 || width > ImageDecoder.MAX_SIDE || height > ImageDecoder.MAX_SIDE
                || (long) width * height > ImageDecoder.MAX_PIXELS || compression != 0 || filter != 0
                || interlace != 0) {
            return false;
        }
        int samples;
        switch (colourType) {
            case GREY, PALETTE -> {
                if (bitDepth != 1 && bitDepth != 2 && bitDepth != 4 && bitDepth != 8) {
                    return false;
                }
                samples = 1;
            }
            case RGB -> samples = 3;
            case GREY_ALPHA -> samples = 2;
            case RGBA -> samples = 4;
            default -> {
                return false;
            }
        }
        if (colourType != GREY && colourType != PALETTE && bitDepth != 8) {
            return false;
        }
        stride = (width * samples * bitDepth + 7) / 8;
        return true;
    }

    /** ImageIO's palette arrays hold 2, 4, 16 or 256 entries: the least of those that holds them all. */
    private static int roundedLength(int entries) {
        return entries > 16 ? 256 : entries > 4 ? 16 : entries > 2 ? 4 : 2;
    }

    /**
     * The palette as ImageIO completes it for the 2^depth possible indices: black up to the rounded length, then
     * the entry before; alphas past the tRNS chunk's are opaque.
     */
    private void completePalette(int entries, byte[] alpha) {
        int rounded = roundedLength(entries);
        int[] full = new int[Math.max(rounded, 1 << bitDepth)];
        for (int i = 0; i < full.length; i++) {
            int colour = i < entries ? palette[i] : i < rounded ? 0 : full[rounded - 1] & 0xffffff;
            int a = alpha != null && i < alpha.length ? alpha[i] & 0xff : 255;
            full[i] = a << 24 | colour;
        }
        palette = full;
    }

    /** Undoes the per-row filters in place; false for an unknown filter type. */
    private boolean unfilter() {
        int bpp = Math.max(1, samplesPerPixel() * bitDepth / 8);
        for (int y = 0; y < height; y++) {
            int row = y * (stride + 1) + 1;
            int previous = row - stride - 1; // the row above; only read when y > 0
            int type = raw[row - 1];
            switch (type) {
                case 0 -> { }
                case 1 -> {
                    for (int i = bpp; i < stride; i++) {
                        raw[row + i] += raw[row + i - bpp];
                    }
                }
                case 2 -> {
                    if (y > 0) {
                        for (int i = 0; i < stride; i++) {
                            raw[row + i] += raw[previous + i];
                        }
                    }
                }
                case 3 -> {
                    for (int i = 0; i < stride; i++) {
                        int left = i >= bpp ? raw[row + i - bpp] & 0xff : 0;
                        int up = y > 0 ? raw[previous + i] & 0xff : 0;
                        raw[row + i] += (byte) ((left + up) >>> 1);
                    }
                }
                case 4 -> {
                    for (int i = 0; i < stride; i++) {
                        int left = i >= bpp ? raw[row + i - bpp] & 0xff : 0;
                        int up = y > 0 ? raw[previous + i] & 0xff : 0;
                        int upLeft = i >= bpp && y > 0 ? raw[previous + i - bpp] & 0xff : 0;
                        raw[row + i] += (byte) paeth(left, up, upLeft);
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private int samplesPerPixel() {
        return switch (colourType) {
            case RGB -> 3;
            case GREY_ALPHA -> 2;
            case RGBA -> 4;
            default -> 1;
        };
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** The decoded picture's rows, as the levels ImageDecoder reads from ImageIO's pictures of the same file. */
    ImageDecoder.PixelRows rows() {
        return new ImageDecoder.PixelRows(width, height) {
            @Override
            void row(int y, float[][] out) {
                readRow(y, out);
            }

            @Override
            boolean copyLevels(byte[] target, int offset) {
                return copyOpaque(target, offset);
            }
        };
    }

    private boolean copyOpaque(byte[] target, int offset) {
        if (bitDepth != 8 || (colourType != RGB && colourType != GREY)) {
            return false;
        }
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            int row = y * (stride + 1) + 1;
            int r = offset + y * width;
            if (colourType == GREY) {
                System.arraycopy(raw, row, target, r, width);
                System.arraycopy(raw, row, target, r + plane, width);
                System.arraycopy(raw, row, target, r + 2 * plane, width);
            } else {
                for (int x = 0; x < width; x++) {
                    int p = row + 3 * x;
                    target[r + x] = raw[p];
                    target[r + plane + x] = raw[p + 1];
                    target[r + 2 * plane + x] = raw[p + 2];
                }
            }
        }
        return true;
    }

    private void readRow(int y, float[][] out) {
        int row = y * (stride + 1) + 1;
        float[] r = out[0];
        float[] g = out[1];
        float[] b = out[2];
        switch (colourType) {
            case GREY -> {
                float max = (1 << bitDepth) - 1;
                for (int x = 0; x < width; x++) {
                    float v = sample(row, x) * 255f / max;
                    r[x] = v;
                    g[x] = v;
                    b[x] = v;
                }
            }
            case GREY_ALPHA -> {
                for (int x = 0; x < width; x++) {
                    int p = row + 2 * x;
                    float v = (raw[p] & 0xff) * 255f / 255f * ((raw[p + 1] & 0xff) / 255f);
                    r[x] = v;
                    g[x] = v;
                    b[x] = v;
                }
            }
            case RGB -> {
                for (int x = 0; x < width; x++) {
                    int p = row + 3 * x;
                    r[x] = raw[p] & 0xff;
                    g[x] = raw[p + 1] & 0xff;
                    b[x] = raw[p + 2] & 0xff;
                }
            }
            case RGBA -> {
                for (int x = 0; x < width; x++) {
                    int p = row + 4 * x;
                    float a = (raw[p + 3] & 0xff) / 255f;
                    r[x] = (raw[p] & 0xff) * a;
                    g[x] = (raw[p + 1] & 0xff) * a;
                    b[x] = (raw[p + 2] & 0xff) * a;
                }
            }
            default -> {
                for (int x = 0; x < width; x++) {
                    int argb = palette[sample(row, x)];
                    float a = (argb >>> 24) / 255f;
                    r[x] = ((argb >> 16) & 0xff) * a;
                    g[x] = ((argb >> 8) & 0xff) * a;
                    b[x] = (argb & 0xff) * a;
                }
            }
        }
    }

    /** Pixel {@code x}'s one sample in a row of 1-, 2-, 4- or 8-bit samples, packed from the high bits down. */
    private int sample(int row, int x) {
        if (bitDepth == 8) {
            return raw[row + x] & 0xff;
        }
        int bit = x * bitDepth;
        int shift = 8 - bitDepth - (bit & 7);
        return (raw[row + (bit >> 3)] >> shift) & ((1 << bitDepth) - 1);
    }
}
