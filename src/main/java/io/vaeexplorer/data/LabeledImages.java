package io.vaeexplorer.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Grey-scale images with their class labels, held in flat arrays so that batches can be cut without boxing.
 * The arrays are shared, not copied (full MNIST is 47 million floats); callers must not modify them.
 *
 * @param count  number of images
 * @param rows   image height in pixels
 * @param cols   image width in pixels
 * @param pixels row-major, image after image: {@code count * rows * cols} values in [0, 1]
 * @param labels one class label per image, 0..9
 */
public record LabeledImages(int count, int rows, int cols, float[] pixels, byte[] labels) {

    public LabeledImages {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad shape: " + count + " images of " + rows + "x" + cols);
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
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

    /** Pixels per image ({@code rows * cols}). */
    public int imageSize() {
        return rows * cols;
    }

    /** A copy of image {@code i}, row-major. */
    public float[] image(int i) {
        Objects.checkIndex(i, count);
        int from = i * imageSize();
        return Arrays.copyOfRange(pixels, from, from + imageSize());
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
        return new LabeledImages(n, rows, cols,
                Arrays.copyOf(pixels, n * imageSize()), Arrays.copyOf(labels, n));
    }

    @Override
    public String toString() {
        return "LabeledImages[" + count + " images of " + rows + "x" + cols + "]";
    }
}
