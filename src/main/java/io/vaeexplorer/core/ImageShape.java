package io.vaeexplorer.core;

/**
 * The shape of one image as the data sets hold it and the models take it: {@code channels x rows x cols} values,
 * channel-major (a whole plane of red, then green, then blue; grey images have the one plane).
 *
 * @param channels 1 (grey) or 3 (red, green, blue)
 * @param rows     image height in pixels, >= 1
 * @param cols     image width in pixels, >= 1
 */
public record ImageShape(int channels, int rows, int cols) {

    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 (grey) or 3 (colour) channels, got " + channels);
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("image size must be at least 1 x 1, got " + rows + " x " + cols);
        }
    }

    /** A grey image of {@code rows x cols} pixels. */
    public static ImageShape grey(int rows, int cols) {
        return new ImageShape(1, rows, cols);
    }

    /** A colour image of {@code rows x cols} pixels. */
    public static ImageShape rgb(int rows, int cols) {
        return new ImageShape(3, rows, cols);
    }

    /** Values per image: channels x rows x cols. */
    public int size() {
        return Math.multiplyExact(channels, pixels());
    }

    /** Pixels per image (values per channel): rows x cols. */
    public int pixels() {
        return Math.multiplyExact(rows, cols);
    }

    public boolean isColour() {
        return channels == 3;
    }

    /** As the command line and the error messages write sizes: {@code 28x28} for grey, {@code 32x32x3} for colour. */
    @Override
    public String toString() {
        return rows + "x" + cols + (channels == 1 ? "" : "x" + channels);
    }
}
