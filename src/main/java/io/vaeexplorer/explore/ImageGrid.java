package io.vaeexplorer.explore;

import io.vaeexplorer.core.ImageShape;

/**
 * Images laid out as a picture: {@code count} images of one shape, {@code columns} per row, filled row by row. The
 * recipes return this rather than a raster so the explore package needs no image code; the render package turns it
 * into pixels. The pixel array is shared, not copied: treat it as read-only.
 *
 * @param pixels  the images one after another, each channel-major ({@code count x shape.size()} values in [0, 1])
 * @param count   images, >= 1
 * @param columns images per row of the picture, >= 1
 * @param shape   the shape of every image: grey or colour, rows and cols
 */
public record ImageGrid(float[] pixels, int count, int columns, ImageShape shape) {

    public ImageGrid {
        Checks.atLeast("count", count, 1);
        Checks.atLeast("columns", columns, 1);
        if (pixels.length != (long) count * shape.size()) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, " + count + " images of "
                    + shape + " need " + (long) count * shape.size());
        }
    }

    /** The decodes of {@code count} latent vectors, {@code columns} per row. */
    public static ImageGrid decoded(LatentModel model, float[] z, int count, int columns) {
        return new ImageGrid(model.decode(z, count), count, columns, model.imageShape());
    }

    /** The decode of one latent vector, alone. */
    public static ImageGrid decodedOne(LatentModel model, float[] z) {
        return decoded(model, z, 1, 1);
    }

    /** Image height in pixels. */
    public int rows() {
        return shape.rows();
    }

    /** Image width in pixels. */
    public int cols() {
        return shape.cols();
    }

    /** 1 for grey images, 3 for colour. */
    public int channels() {
        return shape.channels();
    }

    /** Values per image (channels x rows x cols). */
    public int imageSize() {
        return shape.size();
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
