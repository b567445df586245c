package io.vaeexplorer.explore;

/**
 * Images laid out as a picture: {@code count} images of {@code rows x cols} pixels, {@code columns} per row, filled
 * row by row. The recipes return this rather than a raster so the explore package needs no image code; the render
 * package turns it into pixels. The pixel array is shared, not copied: treat it as read-only.
 *
 * @param pixels  row-major {@code count x rows * cols} values in [0, 1]
 * @param count   images, >= 1
 * @param columns images per row of the picture, >= 1
 * @param rows    image height in pixels, >= 1
 * @param cols    image width in pixels, >= 1
 */
public record ImageGrid(float[] pixels, int count, int columns, int rows, int cols) {

    public ImageGrid {
        Checks.atLeast("count", count, 1);
        Checks.atLeast("columns", columns, 1);
        Checks.atLeast("rows", rows, 1);
        Checks.atLeast("cols", cols, 1);
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, " + count + " images of "
                    + rows + " x " + cols + " need " + (long) count * rows * cols);
        }
    }

    /** The decodes of {@code count} latent vectors, {@code columns} per row. */
    public static ImageGrid decoded(LatentModel model, float[] z, int count, int columns) {
        return new ImageGrid(model.decode(z, count), count, columns, model.rows(), model.cols());
    }

    /** The decode of one latent vector, alone. */
    public static ImageGrid decodedOne(LatentModel model, float[] z) {
        return decoded(model, z, 1, 1);
    }

    /** Pixels per image. */
    public int imageSize() {
        return rows * cols;
    }

    /** Rows of images in the picture. */
    public int gridRows() {
        return (count + columns - 1) / columns;
    }

    /** A copy of image {@code i}. */
    public float[] image(int i) {
        Checks.dimensionIndex("image index", i, count);
        float[] image = new float[imageSize()];
        System.arraycopy(pixels, i * imageSize(), image, 0, image.length);
        return image;
    }
}
