package io.vaeexplorer.explore;

/**
 * The reconstruction figure: given images and their reconstructions through the posterior mean, laid out alike so
 * each reconstruction can sit under its original.
 *
 * @param originals       the given images
 * @param reconstructions their reconstructions, in the same layout
 */
public record ReconstructionFigure(ImageGrid originals, ImageGrid reconstructions) {

    /**
     * Reconstructs {@code count} images (row-major, of the model's size), {@code columns} per row.
     */
    public static ReconstructionFigure of(LatentModel model, float[] originals, int count, int columns) {
        ImageGrid given = new ImageGrid(originals, count, columns, model.imageShape());
        return new ReconstructionFigure(given,
                new ImageGrid(model.reconstruct(originals, count), count, columns, model.imageShape()));
    }
}
