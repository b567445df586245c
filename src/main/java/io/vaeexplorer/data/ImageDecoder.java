package io.vaeexplorer.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
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
 */
final class ImageDecoder {

    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 1L << 24;
    /** Largest difference between red, green and blue still taken for grey (lossy codecs leave small ones). */
    static final int COLOUR_TOLERANCE = 2;

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

    private ImageDecoder() {
    }

    /** The picture's size from its header, without decoding it. */
    static Size readSize(Path file) throws Unusable {
        return read(file, false).size;
    }

    /** The picture as an N x N square. */
    static Square decode(Path file, int n) throws Unusable {
        BufferedImage image = read(file, true).image;
        return square(image, n);
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
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
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

    /** Scales the shorter side to n, crops the longer one centrally, composites onto black. */
    static Square square(BufferedImage image, int n) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = (double) Math.min(w, h) / n; // source pixels per output pixel
        Axis across = Axis.of(w, n, scale);
        Axis down = Axis.of(h, n, scale);
        int rowFirst = down.first[0];
        int rowEnd = down.end();
        int rows = rowEnd - rowFirst;

        // Horizontal pass over the rows the vertical pass needs: rows x n per channel.
        float[][] across3 = new float[3][rows * n];
        PixelRows source = PixelRows.of(image);
        float[][] line = new float[3][w];
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
        byte[] rgb = new byte[3 * n * n];
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
                    rgb[c * n * n + y * n + x] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
                }
            }
        }
        return new Square(rgb, hasColour(rgb, n * n));
    }

    static boolean hasColour(byte[] rgb, int plane) {
        for (int i = 0; i < plane; i++) {
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
        final BufferedImage image;
        final int width;

        PixelRows(BufferedImage image) {
            this.image = image;
            this.width = image.getWidth();
        }

        abstract void row(int y, float[][] out);

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
            super(image);
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
        private final int[] argb;

        ArgbRows(BufferedImage image) {
            super(image);
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
