package io.vaeexplorer.data;

import io.vaeexplorer.core.ImageShape;
import java.util.Arrays;
import java.util.Objects;

/**
 * Images with their class labels, held in flat arrays so that batches can be cut without boxing.
 *
 * <p>Pixels are kept as 8-bit levels, the form the image files hold them in: a model sees level / 255 as a
 * float in [0, 1], converted where the batches are made (natively, for training). Keeping floats here as well
 * would hold the training set a second time at four times the size. The arrays are shared, not copied; callers
 * must not modify them.
 *
 * <p>An image has one channel (grey) or several (red, green, blue). Each image is stored channel-major,
 * {@code channels x rows x cols}, the layout PyTorch and DJL's NCHW convolutions use, so that a colour image is
 * three grey planes one after the other. With one channel this is exactly the row-major grey layout, so code
 * that reads {@link #grey()} with {@link #imageSize()} values per image works for every channel count.
 *
 * @param count    number of images
 * @param channels levels per pixel: 1 for grey, 3 for red, green, blue
 * @param rows     image height in pixels
 * @param cols     image width in pixels
 * @param grey     image after image, each channel-major: {@code count * channels * rows * cols} unsigned levels
 *                 0..255 (grey levels when {@code channels == 1}; {@link #levels()} names it for any count)
 * @param labels   one class label per image, 0..{@value #MAX_LABEL}; 0 for every image of an unlabelled set
 */
public record LabeledImages(int count, int channels, int rows, int cols, byte[] grey, byte[] labels) {

    /** The largest label: labels are stored as signed bytes and read as non-negative class indices. */
    public static final int MAX_LABEL = Byte.MAX_VALUE;

    private static final float[] UNIT_FLOAT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT_FLOAT[i] = i / 255f;
        }
    }

    public LabeledImages {
        Objects.requireNonNull(grey, "grey");
        Objects.requireNonNull(labels, "labels");
        if (count < 0 || channels <= 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad shape: " + count + " images of " + channels + "x" + rows + "x"
                    + cols);
        }
        if (grey.length != (long) count * channels * rows * cols) {
            throw new IllegalArgumentException("grey has " + grey.length + " values, expected "
                    + count + "*" + (channels == 1 ? "" : channels + "*") + rows + "*" + cols);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " values, expected " + count);
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0.."
                        + MAX_LABEL);
            }
        }
    }

    /**
     * Grey images of a digit set: one channel, labels 0..9. The narrower label range catches IDX label files
     * that do not hold digits; sets with other classes use the canonical constructor.
     */
    public LabeledImages(int count, int rows, int cols, byte[] grey, byte[] labels) {
        this(count, 1, rows, cols, grey, labels);
        for (int i = 0; i < count; i++) {
            if (labels[i] > 9) {
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

    /** Levels per image ({@code channels * rows * cols}; the pixel count for grey images). */
    public int imageSize() {
        return channels * rows * cols;
    }

    /** The shape of one image (1 or 3 channels). */
    public ImageShape shape() {
        return new ImageShape(channels, rows, cols);
    }

    /** The stored levels, image after image, each channel-major (the same array as {@link #grey()}). */
    public byte[] levels() {
        return grey;
    }

    /** Every level as a value in [0, 1], in a new array ({@code count * imageSize()} floats). */
    public float[] pixels() {
        return unitFloats(0, count);
    }

    /** Image {@code i} as values in [0, 1], channel-major then row-major, in a new array. */
    public float[] image(int i) {
        Objects.checkIndex(i, count);
        return unitFloats(i, 1);
    }

    /** Images {@code first .. first + n - 1} as values in [0, 1], each laid out as {@link #image}, in a new array. */
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

    /** Every image's label as an int, in order: the classes a conditional model is told. */
    public int[] classes() {
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = labels[i];
        }
        return classes;
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
        return new LabeledImages(n, channels, rows, cols, Arrays.copyOf(grey, n * imageSize()),
                Arrays.copyOf(labels, n));
    }

    @Override
    public String toString() {
        return "LabeledImages[" + count + " images of " + (channels == 1 ? "" : channels + "x") + rows + "x" + cols
                + "]";
    }
}
