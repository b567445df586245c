package io.vaeexplorer.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Grey-scale images with their class labels, held in flat arrays so that batches can be cut without boxing.
 *
 * <p>Pixels are kept as 8-bit grey levels, the form the image files hold them in: a model sees level / 255 as a
 * float in [0, 1], converted where the batches are made (natively, for training). Keeping floats here as well
 * would hold the training set a second time at four times the size. The arrays are shared, not copied; callers
 * must not modify them.
 *
 * @param count  number of images
 * @param rows   image height in pixels
 * @param cols   image width in pixels
 * @param grey   row-major, image after image: {@code count * rows * cols} unsigned grey levels 0..255
 * @param labels one class label per image, 0..9
 */
public record LabeledImages(int count, int rows, int cols, byte[] grey, byte[] labels) {

    private static final float[] UNIT_FLOAT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT_FLOAT[i] = i / 255f;
        }
    }

    public LabeledImages {
        Objects.requireNonNull(grey, "grey");
        Objects.requireNonNull(labels, "labels");
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad shape: " + count + " images of " + rows + "x" + cols);
        }
        if (grey.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("grey has " + grey.length + " values, expected "
                    + count + "*" + rows + "*" + cols);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " values, expected " + count);
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0..9");
            }
        }
    }

    /**
     * Images given as values in [0, 1], each stored as its nearest grey level.
     *
     * @throws IllegalArgumentException for a value that is not a number in [0, 1]
     */
    public static LabeledImages fromUnitFloats(int count, int rows, int cols, float[] pixels, byte[] labels) {
        byte[] grey = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            float value = pixels[i];
            if (!(value >= 0f && value <= 1f)) {
                throw new IllegalArgumentException("pixel " + i + " is " + value + ", outside [0, 1]");
            }
            grey[i] = (byte) Math.round(value * 255f);
        }
        return new LabeledImages(count, rows, cols, grey, labels);
    }

    /** Pixels per image ({@code rows * cols}). */
    public int imageSize() {
        return rows * cols;
    }

    /** Every pixel as a value in [0, 1], in a new array ({@code count * rows * cols} floats). */
    public float[] pixels() {
        return unitFloats(0, count);
    }

    /** Image {@code i} as values in [0, 1], row-major, in a new array. */
    public float[] image(int i) {
        Objects.checkIndex(i, count);
        return unitFloats(i, 1);
    }

    /** Images {@code first .. first + n - 1} as values in [0, 1], row-major, in a new array. */
    public float[] unitFloats(int first, int n) {
        Objects.checkFromIndexSize(first, n, count);
        int size = imageSize();
        float[] out = new float[n * size];
        int from = first * size;
        for (int j = 0; j < out.length; j++) {
            out[j] = UNIT_FLOAT[grey[from + j] & 0xff];
        }
        return out;
    }

    public int label(int i) {
        Objects.checkIndex(i, count);
        return labels[i];
    }

    /** The first {@code n} images; {@code this} when {@code n <= 0} or {@code n >= count}. */
    public LabeledImages first(int n) {
        if (n <= 0 || n >= count) {
            return this;
        }
        return new LabeledImages(n, rows, cols, Arrays.copyOf(grey, n * imageSize()), Arrays.copyOf(labels, n));
    }

    @Override
    public String toString() {
        return "LabeledImages[" + count + " images of " + rows + "x" + cols + "]";
    }
}
