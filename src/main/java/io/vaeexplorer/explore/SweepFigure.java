package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * The epsilon-sweep figure: decodes of z = mu + eps * step around one encoded image, {@code steps} per row, to show
 * what each latent dimension controls. One rule decides the layout for every caller:
 * <ul>
 *   <li>every dimension ({@code perDimension}, or d = 1): one row per latent dimension, row k sweeping dimension k;
 *   <li>dimensions outside the model (chosen for a bigger one) fall back to the first two;
 *   <li>the same dimension twice: one row sweeping it;
 *   <li>otherwise a {@code steps x steps} grid, x along the row and y up the picture (the top row has the
 *       largest eps), as {@link EpsilonSweep#grid} lays it out.
 * </ul>
 *
 * @param images the decodes, {@code steps} per row
 * @param reach  per latent dimension, how far the sweep moves it either way from mu ({@code step * range}); 0
 *               for the dimensions it leaves alone
 */
public record SweepFigure(ImageGrid images, double[] reach) {

    /**
     * Encodes {@code image} and decodes the sweep around its posterior mean.
     *
     * @param units        what eps is measured in: multiples of each dimension's sigma, or latent units
     * @param steps        eps values per axis, >= 1, spread evenly over [-range, range]
     * @param range        largest |eps|, >= 0
     * @param dimX         the dimension swept along a row
     * @param dimY         the dimension swept up the picture
     * @param perDimension one row per latent dimension instead of a grid of two
     */
    public static SweepFigure around(LatentModel model, float[] image, EpsilonSweep.Units units, int steps,
            double range, int dimX, int dimY, boolean perDimension) {
        return around(model, image, units, steps, range, dimX, dimY, perDimension, null);
    }

    /**
     * As {@link #around(LatentModel, float[], EpsilonSweep.Units, int, double, int, int, boolean)}, with the rows
     * of a per-dimension sweep limited to and ordered as {@code rows} (e.g. the most informative dimensions
     * first); null, or no dimension of this model among them, gives every dimension in order.
     */
    public static SweepFigure around(LatentModel model, float[] image, EpsilonSweep.Units units, int steps,
            double range, int dimX, int dimY, boolean perDimension, int[] rows) {
        float[][] posterior = model.encode(image, 1);
        float[] mu = posterior[0];
        float[] step = units.perUnit(posterior[1]);
        double[] eps = EpsilonSweep.epsilons(steps, range);
        int latent = model.latent();
        // dimensions chosen for a bigger model than this one fall back to the first two
        boolean dimsFit = dimX >= 0 && dimY >= 0 && dimX < latent && dimY < latent;
        int x = dimsFit ? dimX : 0;
        int y = dimsFit ? dimY : 1;
        float[] z;
        double[] reach = new double[latent];
        int[] chosen = rows == null ? null : Arrays.stream(rows).filter(k -> k >= 0 && k < latent).toArray();
        if ((perDimension || latent == 1) && chosen != null && chosen.length > 0) {
            z = EpsilonSweep.dimensions(mu, step, chosen, eps);
            for (int k : chosen) {
                reach[k] = step[k] * range;
            }
        } else if (perDimension || latent == 1) {
            z = EpsilonSweep.everyDimension(mu, step, eps);
            for (int k = 0; k < latent; k++) {
                reach[k] = step[k] * range;
            }
        } else if (x == y) {
            z = EpsilonSweep.oneDimension(mu, step, x, eps);
            reach[x] = step[x] * range;
        } else {
            z = EpsilonSweep.grid(mu, step, x, y, eps);
            reach[x] = step[x] * range;
            reach[y] = step[y] * range;
        }
        int count = z.length / latent;
        return new SweepFigure(ImageGrid.decoded(model, z, count, steps), reach);
    }
}
