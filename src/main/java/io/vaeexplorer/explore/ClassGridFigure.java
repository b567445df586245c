package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * "Generate this class" for a conditional model: one row per class, and in each column the same latent vector,
 * drawn from the prior, decoded at every class. Reading down a column shows one style (slant, thickness, size)
 * carried across the classes; reading along a row shows one class in several styles.
 */
public final class ClassGridFigure {

    private ClassGridFigure() {
    }

    /**
     * The grid of {@code classes} rows (the model's first classes) by {@code columns} latent vectors drawn with
     * {@code seed}.
     *
     * @throws IllegalArgumentException for a plain model, or a class count outside 1..the model's classes
     */
    public static ImageGrid of(LatentModel model, int classes, int columns, long seed) {
        if (model.conditionClasses() == 0) {
            throw new IllegalArgumentException("a class grid needs a conditional model (one trained with its classes,"
                    + " --conditional)");
        }
        if (classes < 1 || classes > model.conditionClasses()) {
            throw new IllegalArgumentException("the model knows " + model.conditionClasses() + " classes, asked for "
                    + classes + " rows");
        }
        Checks.atLeast("columns", columns, 1);
        int d = model.latent();
        float[] shared = PriorSampler.sample(columns, d, seed);
        int count = classes * columns;
        float[] z = new float[count * d];
        int[] labels = new int[count];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(shared, 0, z, c * columns * d, columns * d);
            Arrays.fill(labels, c * columns, (c + 1) * columns, c);
        }
        return new ImageGrid(model.decode(z, labels, count), count, columns, model.imageShape());
    }

    /** The grid with a row for every class the model knows. */
    public static ImageGrid of(LatentModel model, int columns, long seed) {
        return of(model, model.conditionClasses(), columns, seed);
    }
}
