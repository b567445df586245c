package io.vaeexplorer.explore;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The aggregate posterior q(z) = 1/N sum_i N(z; mu_i, diag sigma_i^2) of a set of codes, and the prior N(0, I),
 * as densities on the 2-D latent plane, so the "holes" of the tutorials show: regions the prior covers but no
 * posterior does, where samples from the prior decode to nonsense. For latent size > 2 both are the densities
 * of the plane's projection p = C (z - mean) ({@link Pca}): component i becomes N(C (mu_i - mean),
 * C diag(sigma_i^2) C^T) and the prior N(-C mean, C C^T). Densities are per unit area of the plane.
 *
 * <p>Fast enough for 10,000 codes on a 200 x 200 grid on every view change: each Gaussian is cut off beyond
 * {@link #CUTOFF} standard deviations (Mahalanobis radius), diagonal ones (latent size <= 2) are evaluated
 * separably (one exp per row and per column, then products), correlated ones row by row with a multiplicative
 * recurrence (no exp per pixel), and bands of rows run in parallel, each owning its rows (no locking, and the
 * same result whatever the thread count).
 */
public final class AggregatePosterior {

    /** Mahalanobis radius beyond which a component counts as 0 (loses exp(-8) = 0.03% of its mass in 2-D). */
    public static final double CUTOFF = 4.0;

    /** Log-ratio at which {@link #ratioImage} reaches full colour: a factor of 20 either way. */
    public static final double FULL_COLOUR_LOG_RATIO = Math.log(20);

    /**
     * Narrowest standard deviation drawn, in cells: the pixel sum of a Gaussian this wide is within 1e-4 of its
     * mass wherever its centre falls (half a cell would be off by up to 1.4%), and it still looks like a dot.
     */
    public static final double MIN_SIGMA_CELLS = 0.75;

    /** Below the grid's peak density by this many decades, {@link #ratioImage} fades out completely. */
    public static final double FADE_DECADES = 3.0;

    private AggregatePosterior() {
    }

    /**
     * A rectangle of the plane sampled at the centres of {@code width x height} pixels; row 0 is the top
     * (largest y), columns run left to right, as the image is drawn over the rectangle.
     */
    public record Area(double xMin, double xMax, double yMin, double yMax, int width, int height) {

        public Area {
            Checks.range(xMin, xMax);
            Checks.range(yMin, yMax);
            if (!(xMax > xMin) || !(yMax > yMin)) {
                throw new IllegalArgumentException("the area must have a positive width and height, got x in ["
                        + xMin + ", " + xMax + "], y in [" + yMin + ", " + yMax + "]");
            }
            Checks.atLeast("width", width, 1);
            Checks.atLeast("height", height, 1);
        }

        public double cellWidth() {
            return (xMax - xMin) / width;
        }

        public double cellHeight() {
            return (yMax - yMin) / height;
        }

        /** Plane x of the centre of column {@code col}. */
        public double x(int col) {
            return xMin + (col + 0.5) * cellWidth();
        }

        /** Plane y of the centre of row {@code row} (row 0 at the top). */
        public double y(int row) {
            return yMax - (row + 0.5) * cellHeight();
        }
    }

    /**
     * A density sampled on an {@link Area}.
     *
     * @param density row-major {@code height x width}, row 0 at the top; shared, treat as read-only
     */
    public record Grid(Area area, double[] density) {

        public Grid {
            if (density.length != (long) area.width() * area.height()) {
                throw new IllegalArgumentException("density has " + density.length + " values, the area needs "
                        + (long) area.width() * area.height());
            }
        }

        /** Density at the centre of pixel (col, row). */
        public double at(int col, int row) {
            return density[row * area.width() + col];
        }

        public double max() {
            double max = 0;
            for (double d : density) {
                max = Math.max(max, d);
            }
            return max;
        }

        /** Midpoint-rule integral over the area: the probability mass inside it. */
        public double mass() {
            double sum = 0;
            for (double d : density) {
                sum += d;
            }
            return sum * area.cellWidth() * area.cellHeight();
        }
    }

    /**
     * The aggregate posterior of {@code count} codes on the plane. Components narrower than
     * {@link #MIN_SIGMA_CELLS} of a pixel are widened to that (their variance along any direction is raised to
     * (0.75 max(cellWidth, cellHeight))^2), so a very confident posterior still shows with its full mass instead of
     * falling between pixel centres; wider ones are exact.
     *
     * @param mu    row-major {@code count x dim} posterior means
     * @param sigma row-major {@code count x dim} posterior standard deviations (finite, >= 0)
     * @param pca   the plane's projection for dim > 2, null when the plane is the latent space (dim <= 2; dim 1
     *              lies on the x axis, as the plane places it)
     */
    public static Grid density(float[] mu, float[] sigma, int count, int dim, Pca pca, Area area) {
        Checks.atLeast("count", count, 1);
        Checks.holds("mu", mu, count, dim);
        Checks.holds("sigma", sigma, count, dim);
        double[][] c = PosteriorEllipse.projection(dim, pca);
        double[] origin = PosteriorEllipse.origin(dim, pca);
        Components components = new Components(count);
        double floor = varianceFloor(area);
        IntStream.range(0, count).parallel().forEach(i -> {
            int offset = i * dim;
            for (int j = 0; j < dim; j++) {
                float s = sigma[offset + j];
                if (!(s >= 0) || !Float.isFinite(s) || !Float.isFinite(mu[offset + j])) {
                    throw new IllegalArgumentException("code " + i + " has mu " + mu[offset + j] + " and sigma " + s
                            + " in dimension " + j + " (need finite values, sigma >= 0)");
                }
            }
            double[] centre = PosteriorEllipse.project(c, mu, offset, origin);
            components.set(i, centre[0], centre[1], PosteriorEllipse.covariance(c, sigma, offset), floor);
        });
        return new Grid(area, components.evaluate(area, 1.0 / count));
    }

    /** The prior N(0, I) on the plane: N(0, I) itself for dim 2, N(-C mean, C C^T) through a PCA plane. */
    public static Grid prior(int dim, Pca pca, Area area) {
        double[][] c = PosteriorEllipse.projection(dim, pca);
        float[] zero = new float[dim];
        float[] one = new float[dim];
        Arrays.fill(one, 1f);
        double[] centre = PosteriorEllipse.project(c, zero, 0, PosteriorEllipse.origin(dim, pca));
        Components prior = new Components(1);
        prior.set(0, centre[0], centre[1], PosteriorEllipse.covariance(c, one, 0), varianceFloor(area));
        return new Grid(area, prior.evaluate(area, 1.0));
    }

    /**
     * ln(q / p) per pixel, both floored at 1e-12 of the larger peak so empty regions give 0 rather than NaN:
     * positive where the codes crowd more than the prior expects, negative in the holes.
     */
    public static float[] logRatio(Grid q, Grid p) {
        sameArea(q, p);
        double tiny = 1e-12 * Math.max(q.max(), p.max()) + Double.MIN_NORMAL;
        float[] ratio = new float[q.density.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = (float) Math.log((q.density[i] + tiny) / (p.density[i] + tiny));
        }
        return ratio;
    }

    /**
     * A picture of q against p as ARGB pixels (row-major, row 0 at the top, ready for an IntArgb pixel writer or
     * a TYPE_INT_ARGB image): blue where the prior has mass the codes do not cover (the holes), red where the
     * codes crowd beyond the prior, near white where the two agree; full colour at a ratio of 20
     * ({@link #FULL_COLOUR_LOG_RATIO}). Opacity follows the larger of the two densities on a log scale, opaque at
     * the grid's peak and transparent {@link #FADE_DECADES} decades below, so regions neither distribution
     * reaches stay clear.
     */
    public static int[] ratioImage(Grid q, Grid p) {
        float[] ratio = logRatio(q, p);
        double peak = Math.max(q.max(), p.max());
        int[] argb = new int[ratio.length];
        if (peak <= 0) {
            return argb; // nothing anywhere: fully transparent
        }
        for (int i = 0; i < argb.length; i++) {
            double mass = Math.max(q.density[i], p.density[i]);
            double alpha = mass <= 0 ? 0 : clamp(1 + Math.log10(mass / peak) / FADE_DECADES, 0, 1);
            argb[i] = (int) Math.round(alpha * 255) << 24 | ratioRgb(ratio[i]);
        }
        return argb;
    }

    /**
     * The colour {@link #ratioImage} gives a log-ratio ln(q / p), as 0xRRGGBB: blue below 1, near-white at 1, red
     * above, full colour from a factor of {@code exp(FULL_COLOUR_LOG_RATIO)} either way (a key draws its ramp with it).
     */
    public static int ratioRgb(double logRatio) {
        double t = clamp(logRatio / FULL_COLOUR_LOG_RATIO, -1, 1);
        // ColorBrewer RdBu ends and its near-white middle
        int r = t < 0 ? lerp(247, 33, -t) : lerp(247, 178, t);
        int g = t < 0 ? lerp(247, 102, -t) : lerp(247, 24, t);
        int b = t < 0 ? lerp(247, 172, -t) : lerp(247, 43, t);
        return r << 16 | g << 8 | b;
    }

    private static void sameArea(Grid q, Grid p) {
        if (!q.area().equals(p.area())) {
            throw new IllegalArgumentException("the two grids cover different areas: " + q.area() + " and " + p.area());
        }
    }

    private static double varianceFloor(Area area) {
        double narrowest = MIN_SIGMA_CELLS * Math.max(area.cellWidth(), area.cellHeight());
        return narrowest * narrowest;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static int lerp(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    /** Plane Gaussians as parallel arrays (centre and 2 x 2 covariance), and their summed density on a grid. */
    private static final class Components {
        final int count;
        final double[] cx;
        final double[] cy;
        final double[] sxx;
        final double[] sxy;
        final double[] syy;

        Components(int count) {
            this.count = count;
            cx = new double[count];
            cy = new double[count];
            sxx = new double[count];
            sxy = new double[count];
            syy = new double[count];
        }

        /** Stores component i with the covariance's eigenvalues raised to at least {@code floor}. */
        void set(int i, double x, double y, double[] s, double floor) {
            cx[i] = x;
            cy[i] = y;
            if (s[1] == 0) {
                sxx[i] = Math.max(s[0], floor); // axis-aligned: the eigenvalues are the diagonal
                syy[i] = Math.max(s[2], floor);
                return;
            }
            PosteriorEllipse axes = PosteriorEllipse.fromCovariance(0, 0, s, 1);
            double large = Math.max(axes.semiMajor() * axes.semiMajor(), floor);
            double small = Math.max(axes.semiMinor() * axes.semiMinor(), floor);
            double cos = Math.cos(axes.angle());
            double sin = Math.sin(axes.angle());
            sxx[i] = large * cos * cos + small * sin * sin;
            sxy[i] = (large - small) * cos * sin;
            syy[i] = large * sin * sin + small * cos * cos;
        }

        double[] evaluate(Area area, double weight) {
            double[] out = new double[area.width() * area.height()];
            boolean diagonal = true;
            for (int i = 0; i < count && diagonal; i++) {
                diagonal = sxy[i] == 0;
            }
            int height = area.height();
            int bands = Math.min(height, 8 * Runtime.getRuntime().availableProcessors());
            boolean separable = diagonal;
            IntStream.range(0, bands).parallel().forEach(band -> {
                int first = (int) ((long) height * band / bands);
                int last = (int) ((long) height * (band + 1) / bands) - 1;
                if (separable) {
                    separableBand(area, weight, first, last, out);
                } else {
                    correlatedBand(area, weight, first, last, out);
                }
            });
            return out;
        }

        /**
         * Rows first..last of axis-aligned components: g(x) g(y), one exp per column and per row, then products
         * inside the cut-off ellipse.
         */
        private void separableBand(Area area, double weight, int first, int last, double[] out) {
            int width = area.width();
            double cw = area.cellWidth();
            double ch = area.cellHeight();
            double[] gx = new double[width];
            double limit = CUTOFF * CUTOFF;
            for (int i = 0; i < count; i++) {
                double halfY = CUTOFF * Math.sqrt(syy[i]);
                int rowLo = Math.max(first, ceilIndex((area.yMax() - cy[i] - halfY) / ch - 0.5));
                int rowHi = Math.min(last, floorIndex((area.yMax() - cy[i] + halfY) / ch - 0.5));
                if (rowLo > rowHi) {
                    continue;
                }
                double halfX = CUTOFF * Math.sqrt(sxx[i]);
                int colLo = Math.max(0, ceilIndex((cx[i] - halfX - area.xMin()) / cw - 0.5));
                int colHi = Math.min(width - 1, floorIndex((cx[i] + halfX - area.xMin()) / cw - 0.5));
                if (colLo > colHi) {
                    continue;
                }
                double inverseX = -0.5 / sxx[i];
                for (int col = colLo; col <= colHi; col++) {
                    double dx = area.x(col) - cx[i];
                    gx[col] = Math.exp(inverseX * dx * dx);
                }
                double norm = weight / (2 * Math.PI * Math.sqrt(sxx[i] * syy[i]));
                for (int row = rowLo; row <= rowHi; row++) {
                    double dy = area.y(row) - cy[i];
                    double t = dy * dy / syy[i];
                    if (t > limit) {
                        continue;
                    }
                    // the row's chord of the cut-off ellipse, so both paths cut at the same Mahalanobis radius
                    double chord = Math.sqrt((limit - t) * sxx[i]);
                    int from = Math.max(colLo, ceilIndex((cx[i] - chord - area.xMin()) / cw - 0.5));
                    int to = Math.min(colHi, floorIndex((cx[i] + chord - area.xMin()) / cw - 0.5));
                    double wy = norm * Math.exp(-0.5 * t);
                    int base = row * width;
                    for (int col = from; col <= to; col++) {
                        out[base + col] += wy * gx[col];
                    }
                }
            }
        }

        /**
         * Rows first..last of correlated components. Along a row at offset dy, the exponent is
         * -dy^2 / (2 syy) - (x - x0)^2 / (2 v) with x0 = cx + dy sxy / syy and v = sxx - sxy^2 / syy (x's variance
         * given y); the cut-off ellipse is the span where the sum reaches -CUTOFF^2 / 2. Successive pixels differ by
         * a factor that itself changes by exp(-h^2 / v) per step, so a row costs two exps in all.
         */
        private void correlatedBand(Area area, double weight, int first, int last, double[] out) {
            int width = area.width();
            double cw = area.cellWidth();
            double ch = area.cellHeight();
            double limit = CUTOFF * CUTOFF;
            for (int i = 0; i < count; i++) {
                double halfY = CUTOFF * Math.sqrt(syy[i]);
                int rowLo = Math.max(first, ceilIndex((area.yMax() - cy[i] - halfY) / ch - 0.5));
                int rowHi = Math.min(last, floorIndex((area.yMax() - cy[i] + halfY) / ch - 0.5));
                if (rowLo > rowHi) {
                    continue;
                }
                double det = sxx[i] * syy[i] - sxy[i] * sxy[i];
                double norm = weight / (2 * Math.PI * Math.sqrt(det));
                double slope = sxy[i] / syy[i];
                double v = det / syy[i];
                double step = Math.exp(-cw * cw / v);
                double step2 = step * step;
                double step4 = step2 * step2;
                double step6 = step4 * step2;
                double step16 = step4 * step4 * step4 * step4;
                for (int row = rowLo; row <= rowHi; row++) {
                    double dy = area.y(row) - cy[i];
                    double t = dy * dy / syy[i];
                    if (t > limit) {
                        continue;
                    }
                    double x0 = cx[i] + slope * dy;
                    double halfX = Math.sqrt((limit - t) * v);
                    int colLo = Math.max(0, ceilIndex((x0 - halfX - area.xMin()) / cw - 0.5));
                    int colHi = Math.min(width - 1, floorIndex((x0 + halfX - area.xMin()) / cw - 0.5));
                    if (colLo > colHi) {
                        continue;
                    }
                    double u = area.x(colLo) - x0;
                    // four interleaved recurrences, each 4 pixels apart, so the multiplications do not wait on
                    // each other (one chain costs a multiply's latency per pixel)
                    double g0 = norm * Math.exp(-0.5 * t - 0.5 * u * u / v);
                    double r0 = Math.exp(-(u * cw + 0.5 * cw * cw) / v);
                    double g1 = g0 * r0;
                    double g2 = g1 * r0 * step;
                    double g3 = g2 * r0 * step2;
                    double q0 = r0 * r0 * r0 * r0 * step6; // r_k r_k+1 r_k+2 r_k+3 with r_k = r0 step^k
                    double q1 = q0 * step4;
                    double q2 = q1 * step4;
                    double q3 = q2 * step4;
                    int at = row * width + colLo;
                    int end = row * width + colHi;
                    for (; at + 3 <= end; at += 4) {
                        out[at] += g0;
                        out[at + 1] += g1;
                        out[at + 2] += g2;
                        out[at + 3] += g3;
                        g0 *= q0;
                        g1 *= q1;
                        g2 *= q2;
                        g3 *= q3;
                        q0 *= step16;
                        q1 *= step16;
                        q2 *= step16;
                        q3 *= step16;
                    }
                    if (at <= end) {
                        out[at] += g0;
                    }
                    if (at + 1 <= end) {
                        out[at + 1] += g1;
                    }
                    if (at + 2 <= end) {
                        out[at + 2] += g2;
                    }
                }
            }
        }

        /** ceil to an int, saturating: far-away components give huge values that must not wrap around. */
        private static int ceilIndex(double value) {
            return (int) Math.max(-1, Math.min(Integer.MAX_VALUE / 2, Math.ceil(value)));
        }

        private static int floorIndex(double value) {
            return (int) Math.max(-1, Math.min(Integer.MAX_VALUE / 2, Math.floor(value)));
        }
    }
}
