package io.vaeexplorer.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads one picture file and brings it to an N x N square of red, green and blue levels.
 *
 * <p>The square is torchvision's {@code Resize(N)} followed by {@code CenterCrop(N)}: the shorter side is scaled
 * to N and the longer side is cut equally on both ends. Padding to a square instead would give every
 * non-square picture borders that the VAE would spend capacity reconstructing; stretching would distort the
 * shapes. Scaling down averages each output pixel over the source area it covers (a box filter with
 * fractional edges), which keeps thin strokes and avoids the aliasing of point sampling; scaling up, where
 * there is no area to average, interpolates bilinearly.
 *
 * <p>Transparent pixels are composited onto black: MNIST-style sets have a zero background, and a sparse,
 * mostly-zero target is what a Bernoulli (BCE) decoder fits best. Compositing onto black is the same as
 * multiplying colour by alpha, which is also the right form to average in (no colour bleeding from invisible
 * pixels).
 *
 * <p>The file's header is read first and a picture with a side over {@link #MAX_SIDE} or more than
 * {@link #MAX_PIXELS} pixels is refused before any pixel is decoded: a few bytes can claim a picture that would
 * need gigabytes.
 *
 * <p>A file is read whole into a buffer the decoder keeps. Common PNG files are decoded by {@link PngReader};
 * every other file, and any PNG it leaves alone, by ImageIO from that buffer. Both give the same levels.
 */
final class ImageDecoder {

    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 1L << 24;
    /** Largest difference between red, green and blue still taken for grey (lossy codecs leave small ones). */
    static final int COLOUR_TOLERANCE = 2;
    /** Files up to this size are read whole and decoded from memory; larger ones are streamed to ImageIO. */
    static final int IN_MEMORY_LIMIT = 32 << 20;

    /** A file that cannot be used, with the reason for the log. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A picture brought to N x N: {@code rgb} is channel-major (all red, then green, then blue). */
    record Square(byte[] rgb, boolean colour) {
    }

    record Size(int width, int height) {
    }

    /** What {@link #decodeInto} found: the picture's own size and whether it has colour. */
    record Decoded(Size size, boolean colour) {
    }

    private final PngReader png;
    private byte[] file = new byte[1 << 14];
    private byte[] square = new byte[0];
    private float[][] line = new float[3][0];
    private float[][] across3 = new float[3][0];

    /** A decoder with buffers of its own, kept from picture to picture: one per thread. */
    ImageDecoder() {
        this(true);
    }

    /** With {@code ownPngReader} false, every file goes through ImageIO (to compare the two). */
    ImageDecoder(boolean ownPngReader) {
        png = ownPngReader ? new PngReader() : null;
    }

    /** The picture's size from its header, without decoding it. */
    Size readSize(Path path) throws Unusable {
        int length = readFile(path);
        if (length >= 0 && PngReader.isPng(file, length)) {
            Size size = PngReader.size(file, length);
            if (size != null) {
                return size;
            }
        }
        return length >= 0 ? read(new MemoryCacheImageInputStream(new ByteArrayInputStream(file, 0, length)), false)
                .size : read(path, false).size;
    }

    /** The picture as an N x N square. */
    static Square decode(Path file, int n) throws Unusable {
        byte[] rgb = new byte[3 * n * n];
        Decoded decoded = new ImageDecoder().decodeInto(file, n, rgb, 0, 3);
        return new Square(rgb, decoded.colour());
    }

    /**
     * Decodes {@code file} as an N x N square into {@code target} from {@code offset}: 3 channel-major planes
     * (red, green, blue), or with {@code channels == 1} one grey plane of {@code 0.299 R + 0.587 G + 0.114 B}
     * (rounded from the 8-bit levels, as {@link ImageFolderLoader} describes).
     */
    Decoded decodeInto(Path path, int n, byte[] target, int offset, int channels) throws Unusable {
        int length = readFile(path);
        Size size;
        PixelRows rows;
        if (png != null && length >= 0 && PngReader.isPng(file, length) && png.read(file, length)) {
            size = new Size(png.width(), png.height());
            rows = png.rows();
        } else {
            Read read = length >= 0 ? read(new MemoryCacheImageInputStream(new ByteArrayInputStream(file, 0, length)),
                    true) : read(path, true);
            size = read.size;
            rows = PixelRows.of(read.image);
        }
        int plane = n * n;
        if (channels == 3) {
            return new Decoded(size, square(rows, n, target, offset));
        }
        if (square.length < 3 * plane) {
            square = new byte[3 * plane];
        }
        boolean colour = square(rows, n, square, 0);
        for (int p = 0; p < plane; p++) {
            int r = square[p] & 0xff;
            int g = square[plane + p] & 0xff;
            int b = square[2 * plane + p] & 0xff;
            target[offset + p] = (byte) Math.round(0.299f * r + 0.587f * g + 0.114f * b);
        }
        return new Decoded(size, colour);
    }

    /** Reads the file into {@link #file} and gives its length, or -1 when it is too large to read whole. */
    private int readFile(Path path) throws Unusable {
        try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
            long bytes = in.length();
            if (bytes == 0) {
                throw new Unusable("empty file");
            }
            if (bytes > IN_MEMORY_LIMIT) {
                return -1;
            }
            int length = (int) bytes;
            if (file.length < length) {
                file = new byte[Math.max(length, 2 * file.length)];
            }
            in.readFully(file, 0, length);
            return length;
        } catch (EOFException e) {
            throw new Unusable("unreadable (the file shrank while it was read)");
        } catch (IOException e) {
            throw new Unusable("unreadable (" + describe(e) + ")");
        }
    }

    private record Read(Size size, BufferedImage image) {
    }

    private static Read read(Path file, boolean decode) throws Unusable {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new Unusable("unreadable (" + e.getMessage() + ")");
        }
        if (bytes == 0) {
            throw new Unusable("empty file");
        }
        ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (IOException e) {
            throw new Unusable("unreadable (" + describe(e) + ")");
        }
        return read(in, decode);
    }

    /** Reads the picture in {@code input} with ImageIO, closing the stream. */
    private static Read read(ImageInputStream input, boolean decode) throws Unusable {
        try (ImageInputStream in = input) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Unusable("not a PNG, JPEG, BMP or GIF picture (content not recognised)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new Unusable("header gives a size of " + width + "x" + height);
                }
                if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                    throw new Unusable("too large: header claims " + width + "x" + height + " pixels (at most "
                            + MAX_SIDE + " a side and " + MAX_PIXELS + " in all)");
                }
                Size size = new Size(width, height);
                if (!decode) {
                    return new Read(size, null);
                }
                List<String> warnings = new ArrayList<>();
                // Truncated JPEGs decode "successfully" with a grey lower part and only a warning.
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new Unusable("damaged (" + warnings.get(0) + ")");
                }
                return new Read(size, image);
            } finally {
                reader.dispose();
            }
        } catch (Unusable e) {
            throw e;
        } catch (IIOException e) {
            throw new Unusable("corrupt or truncated (" + describe(e) + ")");
        } catch (IOException e) {
            throw new Unusable("unreadable (" + describe(e) + ")");
        } catch (RuntimeException e) {
            // Decoder plug-ins meet malformed data with assorted runtime exceptions.
            throw new Unusable("corrupt (" + describe(e) + ")");
        }
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 300; t = t.getCause()) {
            if (s.length() > 0) {
                s.append(": ");
            }
            s.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return s.toString().replaceAll("\\s+", " ");
    }

    /**
     * Scales the shorter side to n, crops the longer one centrally, composites onto black; writes the three
     * planes into {@code target} from {@code offset} and says whether the square has colour.
     */
    private boolean square(PixelRows source, int n, byte[] target, int offset) {
        int w = source.width;
        int h = source.height;
        int plane = n * n;
        if (line[0].length < w) {
            line = new float[3][w];
        }
        if (w == n && h == n) {
            // the picture's own size: every output pixel is its source pixel
            if (source.copyLevels(target, offset)) {
                return hasColour(target, offset, plane);
            }
            for (int y = 0; y < n; y++) {
                source.row(y, line);
                for (int c = 0; c < 3; c++) {
                    float[] in = line[c];
                    int base = offset + c * plane + y * n;
                    for (int x = 0; x < n; x++) {
                        target[base + x] = level(in[x]);
                    }
                }
            }
            return hasColour(target, offset, plane);
        }
        double scale = (double) Math.min(w, h) / n; // source pixels per output pixel
        Axis across = Axis.of(w, n, scale);
        Axis down = Axis.of(h, n, scale);
        int rowFirst = down.first[0];
        int rowEnd = down.end();
        int rows = rowEnd - rowFirst;

        // Horizontal pass over the rows the vertical pass needs: rows x n per channel.
        if (across3[0].length < rows * n) {
            across3 = new float[3][rows * n];
        }
        for (int y = rowFirst; y < rowEnd; y++) {
            source.row(y, line);
            int base = (y - rowFirst) * n;
            for (int c = 0; c < 3; c++) {
                float[] in = line[c];
                float[] out = across3[c];
                for (int x = 0; x < n; x++) {
                    float[] wx = across.weights[x];
                    int from = across.first[x];
                    float sum = 0;
                    for (int k = 0; k < wx.length; k++) {
                        sum += wx[k] * in[from + k];
                    }
                    out[base + x] = sum;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            float[] in = across3[c];
            for (int y = 0; y < n; y++) {
                float[] wy = down.weights[y];
                int from = down.first[y] - rowFirst;
                for (int x = 0; x < n; x++) {
                    float sum = 0;
                    for (int k = 0; k < wy.length; k++) {
                        sum += wy[k] * in[(from + k) * n + x];
                    }
                    target[offset + c * plane + y * n + x] = level(sum);
                }
            }
        }
        return hasColour(target, offset, plane);
    }

    private static byte level(float value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }

    static boolean hasColour(byte[] rgb, int offset, int plane) {
        for (int i = offset; i < offset + plane; i++) {
            int r = rgb[i] & 0xff;
            int g = rgb[plane + i] & 0xff;
            int b = rgb[2 * plane + i] & 0xff;
            if (Math.abs(r - g) > COLOUR_TOLERANCE || Math.abs(g - b) > COLOUR_TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resampling weights along one axis: output pixel j reads {@code weights[j].length} source pixels from
     * {@code first[j]}. The output covers source positions {@code [(j + offset) * scale, (j + offset + 1) *
     * scale)}, where the offset centres the n output pixels on the source.
     */
    static final class Axis {
        final int[] first;
        final float[][] weights;

        private Axis(int[] first, float[][] weights) {
            this.first = first;
            this.weights = weights;
        }

        int end() {
            int end = 0;
            for (int j = 0; j < first.length; j++) {
                end = Math.max(end, first[j] + weights[j].length);
            }
            return end;
        }

        static Axis of(int sourceLength, int n, double scale) {
            double offset = (sourceLength / scale - n) / 2; // in output pixels, cut from each end
            int[] first = new int[n];
            float[][] weights = new float[n][];
            for (int j = 0; j < n; j++) {
                if (scale > 1) {
                    double a = Math.max(0, (j + offset) * scale);
                    double b = Math.min(sourceLength, (j + offset + 1) * scale);
                    int i0 = (int) Math.floor(a);
                    int i1 = Math.max(i0 + 1, (int) Math.ceil(b));
                    float[] w = new float[i1 - i0];
                    double total = 0;
                    for (int i = i0; i < i1; i++) {
                        double cover = Math.max(0, Math.min(b, i + 1) - Math.max(a, i));
                        w[i - i0] = (float) cover;
                        total += cover;
                    }
                    for (int k = 0; k < w.length; k++) {
                        w[k] = total > 0 ? (float) (w[k] / total) : 1f / w.length;
                    }
                    first[j] = i0;
                    weights[j] = w;
                } else {
                    double centre = (j + offset + 0.5) * scale - 0.5;
                    int i0 = (int) Math.floor(centre);
                    float t = (float) (centre - i0);
                    int lo = Math.max(0, Math.min(sourceLength - 1, i0));
                    int hi = Math.max(0, Math.min(sourceLength - 1, i0 + 1));
                    if (hi == lo || t == 0f) {
                        first[j] = lo;
                        weights[j] = new float[] {1f};
                    } else {
                        first[j] = lo;
                        weights[j] = new float[] {1 - t, t};
                    }
                }
            }
            return new Axis(first, weights);
        }
    }

    /**
     * One row at a time as red, green and blue levels already multiplied by alpha. Grey images are read from
     * their raster: {@code BufferedImage.getRGB} would treat their levels as linear light and brighten them on
     * the way to sRGB, while the file's levels are what the picture shows.
     */
    abstract static class PixelRows {
        final int width;
        final int height;

        PixelRows(int width, int height) {
            this.width = width;
            this.height = height;
        }

        /** Row {@code y}'s red, green and blue levels (times alpha) into {@code out[0..2][0, width)}. */
        abstract void row(int y, float[][] out);

        /**
         * Writes the whole picture's three planes into {@code target} from {@code offset} when its levels are
         * whole 8-bit numbers (no alpha to multiply by), the same bytes that rounding {@link #row}'s values gives;
         * false, having written nothing, otherwise.
         */
        boolean copyLevels(byte[] target, int offset) {
            return false;
        }

        static PixelRows of(BufferedImage image) {
            ColorModel model = image.getColorModel();
            if (model instanceof ComponentColorModel
                    && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                    && model.getNumComponents() == (model.hasAlpha() ? 2 : 1)) {
                return new GreyRows(image);
            }
            return new ArgbRows(image);
        }
    }

    private static final class GreyRows extends PixelRows {
        private final Raster raster;
        private final boolean alpha;
        private final float greyMax;
        private final float alphaMax;
        private final int[] samples;

        GreyRows(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            raster = image.getRaster();
            alpha = image.getColorModel().hasAlpha();
            greyMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            alphaMax = alpha ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
            samples = new int[width * (alpha ? 2 : 1)];
        }

        @Override
        void row(int y, float[][] out) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, samples);
            int bands = alpha ? 2 : 1;
            for (int x = 0; x < width; x++) {
                float v = samples[x * bands] * 255f / greyMax;
                if (alpha) {
                    v *= samples[x * bands + 1] / alphaMax;
                }
                out[0][x] = v;
                out[1][x] = v;
                out[2][x] = v;
            }
        }
    }

    private static final class ArgbRows extends PixelRows {
        private final BufferedImage image;
        private final int[] argb;

        ArgbRows(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            this.image = image;
            argb = new int[width];
        }

        @Override
        void row(int y, float[][] out) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int p = argb[x];
                float a = (p >>> 24) / 255f;
                out[0][x] = ((p >> 16) & 0xff) * a;
                out[1][x] = ((p >> 8) & 0xff) * a;
                out[2][x] = (p & 0xff) * a;
            }
        }
    }
}
