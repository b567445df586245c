package io.vaeexplorer.explore;

/**
 * Turns a high-resolution drawing of one digit into a 28 x 28 image the way MNIST's digits were made (LeCun et
 * al.): the ink's bounding box is scaled, keeping its aspect ratio, so that its longer side is 20 pixels, with
 * anti-aliasing (area averaging), and placed in a 28 x 28 frame so that the centre of mass of its grey levels is
 * at the frame's centre. An encoder trained on MNIST only ever saw digits framed like this; a raw downscaled
 * drawing (small, off-centre) lands far from the training data in latent space.
 *
 * <p>Images are row-major floats, 0 paper and 1 ink, as the data set loader delivers MNIST.
 */
public final class DigitNormaliser {

    /** Width and height of the result. */
    public static final int SIZE = 28;
    /** The longer side of the scaled bounding box, as in MNIST. */
    public static final int BOX = 20;
    /** Levels at or below this (half an 8-bit grey level) are paper: faint brush fringes do not widen the box. */
    public static final float INK_THRESHOLD = 0.5f / 255f;

    private static final double CENTRE = SIZE / 2.0;

    private DigitNormaliser() {
    }

    /**
     * The 28 x 28 MNIST-style image of a drawing; all zero when the drawing has no ink.
     *
     * @param drawing {@code width * height} levels, clamped into [0, 1]; NaN is refused
     * @return a new array of {@code SIZE * SIZE} levels in [0, 1]
     */
    public static float[] normalise(float[] drawing, int width, int height) {
        Checks.atLeast("width", width, 1);
        Checks.atLeast("height", height, 1);
        if (drawing.length != (long) width * height) {
            throw new IllegalArgumentException("drawing has " + drawing.length + " entries, a " + width + " x "
                    + height + " drawing needs " + (long) width * height);
        }
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = drawing[y * width + x];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("drawing holds NaN at (" + x + ", " + y + ")");
                }
                if (v > INK_THRESHOLD) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        float[] out = new float[SIZE * SIZE];
        if (maxX < 0) {
            return out;
        }
        int boxW = maxX - minX + 1;
        int boxH = maxY - minY + 1;
        double scale = (double) BOX / Math.max(boxW, boxH);

        // centre of mass of the crop in continuous coordinates (pixel j spans [j, j + 1)); scaling keeps it
        double mass = 0;
        double momentX = 0;
        double momentY = 0;
        for (int y = 0; y < boxH; y++) {
            for (int x = 0; x < boxW; x++) {
                double v = clamp(drawing[(minY + y) * width + minX + x]);
                mass += v;
                momentX += v * (x + 0.5);
                momentY += v * (y + 0.5);
            }
        }
        double offsetX = placement(momentX / mass, boxW, scale);
        double offsetY = placement(momentY / mass, boxH, scale);

        // Rendering straight into the frame at a fractional offset centres the mass to within a few hundredths
        // of a pixel (MNIST shifted by whole pixels) and costs no second resampling, which would blur. Separable: rows first, then columns,
        // with each source column's and row's overlaps worked out once.
        Overlaps columns = new Overlaps(boxW, offsetX, scale);
        Overlaps lines = new Overlaps(boxH, offsetY, scale);
        float[] rows = new float[boxH * SIZE];
        for (int y = 0; y < boxH; y++) {
            int src = (minY + y) * width + minX;
            int base = y * SIZE;
            for (int x = 0; x < boxW; x++) {
                float v = clamp(drawing[src + x]);
                if (v != 0) {
                    for (int k = columns.start[x]; k < columns.start[x + 1]; k++) {
                        rows[base + columns.target[k]] += v * columns.weight[k];
                    }
                }
            }
        }
        for (int y = 0; y < boxH; y++) {
            int base = y * SIZE;
            for (int k = lines.start[y]; k < lines.start[y + 1]; k++) {
                int outBase = lines.target[k] * SIZE;
                float w = lines.weight[k];
                for (int x = 0; x < SIZE; x++) {
                    out[outBase + x] += rows[base + x] * w;
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = clamp(out[i]); // rounding can overshoot 1 by an ulp
        }
        return out;
    }

    /**
     * Centre of mass of an image's levels in pixel-index coordinates ({@code {x, y}}, pixel (0, 0) at (0, 0));
     * the frame's centre is {@code (SIZE - 1) / 2 = 13.5}. NaN for an image with no ink.
     */
    public static double[] centreOfMass(float[] image, int width, int height) {
        if (image.length != (long) width * height) {
            throw new IllegalArgumentException("image has " + image.length + " entries, not " + width + " x " + height);
        }
        double mass = 0;
        double momentX = 0;
        double momentY = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = image[y * width + x];
                mass += v;
                momentX += v * x;
                momentY += v * y;
            }
        }
        return mass > 0 ? new double[] {momentX / mass, momentY / mass} : new double[] {Double.NaN, Double.NaN};
    }

    /**
     * Where the scaled box starts so that its centre of mass lands on the frame's centre; held inside the frame
     * when the mass sits so far to one side that centring would cut ink off (losing a stroke is worse than a
     * centre a pixel or two off).
     */
    private static double placement(double centreOfMass, int boxLength, double scale) {
        double offset = CENTRE - scale * centreOfMass;
        return Math.max(0, Math.min(SIZE - scale * boxLength, offset));
    }

    /**
     * Along one axis: source pixel j covers [from + scale * j, from + scale * (j + 1)) of the frame; it adds
     * weight[k] of itself to frame pixel target[k] for k in [start[j], start[j + 1]), the length of the overlap.
     */
    private static final class Overlaps {
        final int[] start;
        final int[] target;
        final float[] weight;

        Overlaps(int sourceLength, double from, double scale) {
            int perSource = (int) Math.ceil(scale) + 1;
            start = new int[sourceLength + 1];
            target = new int[sourceLength * perSource];
            weight = new float[sourceLength * perSource];
            int k = 0;
            for (int j = 0; j < sourceLength; j++) {
                start[j] = k;
                double a = from + scale * j;
                double b = a + scale;
                int first = Math.max(0, (int) Math.floor(a));
                int last = Math.min(SIZE - 1, (int) Math.ceil(b) - 1);
                for (int i = first; i <= last; i++) {
                    double overlap = Math.min(i + 1, b) - Math.max(i, a);
                    if (overlap > 0) {
                        target[k] = i;
                        weight[k] = (float) overlap;
                        k++;
                    }
                }
            }
            start[sourceLength] = k;
        }
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, 1f);
    }
}
