package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.explore.AggregatePosterior.Area;
import io.vaeexplorer.explore.AggregatePosterior.Grid;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregatePosteriorTest {

    private static final double R2 = Math.sqrt(0.5);
    private static final Area WIDE = new Area(-8, 8, -8, 8, 200, 200);

    /** Density of N(c, S) at (x, y), S = {sxx, sxy, syy}. */
    private static double gaussian(double x, double y, double cx, double cy, double[] s) {
        double det = s[0] * s[2] - s[1] * s[1];
        double dx = x - cx;
        double dy = y - cy;
        double q = (s[2] * dx * dx - 2 * s[1] * dx * dy + s[0] * dy * dy) / det;
        return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
    }

    /** Mahalanobis distance squared, to tell pixels inside the cut-off from those beyond. */
    private static double mahalanobis2(double x, double y, double cx, double cy, double[] s) {
        double det = s[0] * s[2] - s[1] * s[1];
        double dx = x - cx;
        double dy = y - cy;
        return (s[2] * dx * dx - 2 * s[1] * dx * dy + s[0] * dy * dy) / det;
    }

    private static void assertGridIsGaussian(Grid grid, double cx, double cy, double[] s, double tolerance) {
        Area a = grid.area();
        int inside = 0;
        for (int row = 0; row < a.height(); row++) {
            for (int col = 0; col < a.width(); col++) {
                double x = a.x(col);
                double y = a.y(row);
                double m = mahalanobis2(x, y, cx, cy, s);
                if (m < 15.9) {
                    double expected = gaussian(x, y, cx, cy, s);
                    assertEquals(expected, grid.at(col, row), tolerance * expected, "pixel " + col + "," + row);
                    inside++;
                } else if (m > 16.1) {
                    assertEquals(0.0, grid.at(col, row), "beyond the cut-off at " + col + "," + row);
                }
            }
        }
        assertTrue(inside > 100, "the test must cover many pixels, got " + inside);
    }

    @Test
    void areaSamplesPixelCentresTopRowFirst() {
        Area a = new Area(0, 4, -1, 1, 4, 2);
        assertEquals(0.5, a.x(0), 1e-15);
        assertEquals(3.5, a.x(3), 1e-15);
        assertEquals(0.5, a.y(0), 1e-15);
        assertEquals(-0.5, a.y(1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new Area(0, 0, 0, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Area(0, 1, 0, 1, 0, 2));
    }

    @Test
    void aSingleTwoDimensionalCodeGivesItsGaussian() {
        float[] mu = {0.5f, -0.3f};
        float[] sigma = {0.4f, 0.7f};
        Grid grid = AggregatePosterior.density(mu, sigma, 1, 2, null, new Area(-2, 3, -3, 2, 120, 100));
        double[] s = {(double) 0.4f * 0.4f, 0, (double) 0.7f * 0.7f};
        assertGridIsGaussian(grid, 0.5f, -0.3f, s, 1e-12);
    }

    @Test
    void aSingleCodeThroughAPlaneGivesTheCorrelatedGaussian() {
        // the plane of PosteriorEllipseTest: covariance [[2.5, 1.5], [1.5, 2.5]] about (sqrt2, -sqrt2)
        Pca plane = new Pca(new double[] {1, 1, 0}, new double[][] {{R2, R2, 0}, {-R2, R2, 0}}, new double[3]);
        Grid grid = AggregatePosterior.density(new float[] {3, 1, 5}, new float[] {1, 2, 7}, 1, 3, plane, WIDE);
        assertGridIsGaussian(grid, Math.sqrt(2), -Math.sqrt(2), new double[] {2.5, 1.5, 2.5}, 1e-9);
    }

    @Test
    void theMixtureIntegratesToOneOverAWideRectangle() {
        Random random = new Random(5);
        int n = 500;
        float[] mu2 = new float[n * 2];
        float[] sigma2 = new float[n * 2];
        fill(random, mu2, sigma2);
        assertEquals(1.0, AggregatePosterior.density(mu2, sigma2, n, 2, null, WIDE).mass(), 2e-3);

        int d = 6;
        float[] mu = new float[n * d];
        float[] sigma = new float[n * d];
        fill(random, mu, sigma);
        Pca pca = Pca.fit(mu, n, d);
        Grid projected = AggregatePosterior.density(mu, sigma, n, d, pca, WIDE);
        assertEquals(1.0, projected.mass(), 2e-3);

        // the same mixture is the mean of its single-component grids
        Grid first = AggregatePosterior.density(slice(mu, 0, d), slice(sigma, 0, d), 1, d, pca, WIDE);
        Grid second = AggregatePosterior.density(slice(mu, 1, d), slice(sigma, 1, d), 1, d, pca, WIDE);
        Grid both = AggregatePosterior.density(mu, sigma, 2, d, pca, WIDE);
        for (int i = 0; i < both.density().length; i += 37) {
            double expected = (first.density()[i] + second.density()[i]) / 2;
            assertEquals(expected, both.density()[i], 1e-12 * Math.max(1, expected));
        }
    }

    @Test
    void componentsNarrowerThanAPixelKeepTheirMass() {
        // sigma 0.001 on a grid of 0.08 cells would fall between pixel centres; widened, all the mass shows
        // (both codes inside the grid; the pixel sum of a Gaussian 3/4 of a cell wide is within 1e-4 of 1)
        float[] mu = {0.013f, -0.021f, 1.5f, 2.5f};
        float[] sigma = {0.001f, 0.001f, 0.002f, 0.0005f};
        Grid grid = AggregatePosterior.density(mu, sigma, 2, 2, null, WIDE);
        assertEquals(1.0, grid.mass(), 2e-3);
    }

    @Test
    void thePriorMatchesItsFormula() {
        Grid prior = AggregatePosterior.prior(2, null, WIDE);
        assertGridIsGaussian(prior, 0, 0, new double[] {1, 0, 1}, 1e-12);
        assertEquals(1 / (2 * Math.PI) * Math.exp(-0.5 * (0.04 * 0.04 * 2)), prior.at(100, 100), 1e-12);
        assertEquals(1.0, prior.mass(), 1e-3);

        // through an orthonormal plane N(0, I) stays N(0, I), about the projection of 0: -C mean
        Pca plane = new Pca(new double[] {2, 0, 1}, new double[][] {{R2, R2, 0}, {-R2, R2, 0}}, new double[3]);
        Grid projected = AggregatePosterior.prior(3, plane, WIDE);
        assertGridIsGaussian(projected, -2 * R2, 2 * R2, new double[] {1, 0, 1}, 1e-9);

        // a non-orthogonal plane gives N(-C mean, C C^T): C C^T = [[1, 0.5], [0.5, 1]]
        Pca skew = new Pca(new double[3], new double[][] {{R2, R2, 0}, {0, R2, R2}}, new double[3]);
        assertGridIsGaussian(AggregatePosterior.prior(3, skew, WIDE), 0, 0, new double[] {1, 0.5, 1}, 1e-9);
    }

    @Test
    void latentSizeOneLiesOnTheXAxis() {
        Grid grid = AggregatePosterior.density(new float[] {1}, new float[] {0.5f}, 1, 1, null, WIDE);
        assertEquals(1.0, grid.mass(), 2e-3);
        assertTrue(grid.at(112, 99) > 0 && grid.at(112, 90) == 0, "a thin band along y = 0");
    }

    @Test
    void theRatioImageShowsHolesInBlueAndCrowdsInRed() {
        // every code near (3, 0): the prior's centre is a hole, (3, 0) is crowded, the far corner is empty
        int n = 50;
        float[] mu = new float[2 * n];
        float[] sigma = new float[2 * n];
        for (int i = 0; i < n; i++) {
            mu[2 * i] = 3 + 0.01f * i;
            sigma[2 * i] = 0.3f;
            sigma[2 * i + 1] = 0.3f;
        }
        Grid q = AggregatePosterior.density(mu, sigma, n, 2, null, WIDE);
        Grid p = AggregatePosterior.prior(2, null, WIDE);
        float[] ratio = AggregatePosterior.logRatio(q, p);
        int centre = 100 * 200 + 100;
        int crowd = 100 * 200 + 138; // x = 3.06
        assertTrue(ratio[centre] < -5 && ratio[crowd] > 5, ratio[centre] + " " + ratio[crowd]);

        int[] argb = AggregatePosterior.ratioImage(q, p);
        assertEquals(200 * 200, argb.length);
        assertEquals(0x2166AC, argb[centre] & 0xFFFFFF, "full blue at the hole");
        assertEquals(0xB2182B, argb[crowd] & 0xFFFFFF, "full red in the crowd");
        // opacity: 1 + log10(density / peak) / 3, the peak being the crowd's (about 1.45 at x = 3.2)
        double peak = q.max();
        assertEquals(Math.round(255 * (1 + Math.log10(p.density()[centre] / peak) / 3)), argb[centre] >>> 24);
        assertEquals(Math.round(255 * (1 + Math.log10(q.density()[crowd] / peak) / 3)), argb[crowd] >>> 24);
        assertTrue((argb[crowd] >>> 24) > 200 && (argb[centre] >>> 24) > 100);
        assertEquals(0, argb[0] >>> 24, "nothing reaches the corner");
    }

    @Test
    void refusesMismatchedOrBrokenInput() {
        assertThrows(IllegalArgumentException.class,
                () -> AggregatePosterior.density(new float[3], new float[3], 1, 3, null, WIDE));
        assertThrows(IllegalArgumentException.class,
                () -> AggregatePosterior.density(new float[2], new float[] {1, Float.NaN}, 1, 2, null, WIDE));
        assertThrows(IllegalArgumentException.class,
                () -> AggregatePosterior.density(new float[2], new float[2], 2, 2, null, WIDE));
        Grid other = AggregatePosterior.prior(2, null, new Area(-1, 1, -1, 1, 10, 10));
        assertThrows(IllegalArgumentException.class,
                () -> AggregatePosterior.logRatio(other, AggregatePosterior.prior(2, null, WIDE)));
    }

    private static void fill(Random random, float[] mu, float[] sigma) {
        for (int i = 0; i < mu.length; i++) {
            mu[i] = (float) (1.2 * random.nextGaussian());
            sigma[i] = 0.1f + 0.6f * random.nextFloat();
        }
    }

    private static float[] slice(float[] rows, int i, int d) {
        float[] row = new float[d];
        System.arraycopy(rows, i * d, row, 0, d);
        return row;
    }
}
