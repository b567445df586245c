package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class PosteriorEllipseTest {

    private static final double EPS = 1e-12;
    private static final double R2 = Math.sqrt(0.5);

    /** A hand-made plane through 3-D space: rotated 45 degrees in (z1, z2), blind to z3. */
    private static Pca diagonalPlane() {
        return new Pca(new double[] {1, 1, 0}, new double[][] {{R2, R2, 0}, {-R2, R2, 0}}, new double[] {3, 2, 1});
    }

    @Test
    void latentSizeTwoGivesTheAxisAlignedEllipse() {
        PosteriorEllipse e = PosteriorEllipse.of(new float[] {1, 2}, new float[] {0.5f, 0.25f}, null, 1);
        assertEquals(1, e.centreX(), EPS);
        assertEquals(2, e.centreY(), EPS);
        assertEquals(0.5, e.semiMajor(), EPS);
        assertEquals(0.25, e.semiMinor(), EPS);
        assertEquals(0, e.angle(), EPS);

        PosteriorEllipse tall = PosteriorEllipse.of(new float[] {0, 0}, new float[] {0.25f, 0.5f}, null, 1);
        assertEquals(0.5, tall.semiMajor(), EPS);
        assertEquals(Math.PI / 2, tall.angle(), EPS, "the major axis is vertical");
        assertArrayEquals(new double[] {-0.25, 0.25, -0.5, 0.5}, tall.bounds(), EPS);
    }

    @Test
    void projectedThroughAPlaneTheCovarianceRotates() {
        // variances (1, 4, 49): C diag C^T = [[2.5, 1.5], [1.5, 2.5]] by hand, eigenvalues 4 and 1 along
        // (1, 1) and (-1, 1); the 49 of z3 must not leak onto the plane
        PosteriorEllipse e = PosteriorEllipse.of(new float[] {3, 1, 5}, new float[] {1, 2, 7}, diagonalPlane(), 1);
        assertEquals(Math.sqrt(2), e.centreX(), EPS); // C (mu - mean) = C (2, 0, 5)
        assertEquals(-Math.sqrt(2), e.centreY(), EPS);
        assertEquals(2, e.semiMajor(), EPS);
        assertEquals(1, e.semiMinor(), EPS);
        assertEquals(Math.PI / 4, e.angle(), EPS);
        assertEquals(Math.sqrt(2.5), e.bounds()[1] - e.centreX(), EPS, "half-width is sqrt(sxx)");
    }

    @Test
    void aGeneralLinearProjectionMatchesTheHandComputedCovariance() {
        // non-orthogonal plane c1 = (1, 1, 0)/sqrt2, c2 = (0, 1, 1)/sqrt2, variances (1, 4, 9):
        // sxx = 2.5, sxy = 2, syy = 6.5; eigenvalues 4.5 +- sqrt(8); major axis at 0.5 atan2(4, -4) = 3 pi / 8
        Pca plane = new Pca(new double[3], new double[][] {{R2, R2, 0}, {0, R2, R2}}, new double[] {1, 1, 1});
        PosteriorEllipse e = PosteriorEllipse.of(new float[3], new float[] {1, 2, 3}, plane, 1);
        assertEquals(Math.sqrt(4.5 + Math.sqrt(8)), e.semiMajor(), 1e-7); // float sigma, double maths
        assertEquals(Math.sqrt(4.5 - Math.sqrt(8)), e.semiMinor(), 1e-7);
        assertEquals(3 * Math.PI / 8, e.angle(), 1e-7);
        assertPointsOnEllipse(e.points(64), 0, 0, new double[] {2.5, 2, 6.5}, 1);
    }

    @Test
    void kScalesTheSemiAxesOnly() {
        float[] mu = {3, 1, 5};
        float[] sigma = {1, 2, 7};
        PosteriorEllipse one = PosteriorEllipse.of(mu, sigma, diagonalPlane(), 1);
        PosteriorEllipse two = PosteriorEllipse.of(mu, sigma, diagonalPlane(), 2);
        PosteriorEllipse three = PosteriorEllipse.of(mu, sigma, diagonalPlane(), 3);
        assertEquals(4, two.semiMajor(), EPS);
        assertEquals(2, two.semiMinor(), EPS);
        assertEquals(one.angle(), two.angle(), EPS);
        assertEquals(one.centreX(), three.centreX(), EPS);
        assertEquals(3 * one.semiMinor(), three.semiMinor(), EPS);
        PosteriorEllipse[] pair = PosteriorEllipse.oneAndTwoSigma(mu, sigma, diagonalPlane());
        assertEquals(one, pair[0]);
        assertEquals(two.semiMajor(), pair[1].semiMajor(), EPS);
        assertEquals(two.semiMinor(), pair[1].semiMinor(), EPS);
    }

    @Test
    void everyPointSatisfiesTheEllipseEquation() {
        PosteriorEllipse e = PosteriorEllipse.of(new float[] {3, 1, 5}, new float[] {1, 2, 7}, diagonalPlane(), 2);
        double[] xy = e.points(100);
        assertEquals(200, xy.length);
        assertPointsOnEllipse(xy, Math.sqrt(2), -Math.sqrt(2), new double[] {2.5, 1.5, 2.5}, 2);
        // the first point is the end of the major axis: centre + 4 (cos 45, sin 45)
        assertEquals(Math.sqrt(2) + 4 * R2, xy[0], EPS);
        assertEquals(-Math.sqrt(2) + 4 * R2, xy[1], EPS);

        PosteriorEllipse flat = PosteriorEllipse.of(new float[] {-1, 0.5f}, new float[] {0.3f, 0.1f}, null, 1);
        assertPointsOnEllipse(flat.points(7), -1, 0.5, new double[] {0.09, 0, 0.01}, 1);
    }

    @Test
    void latentSizeOneIsASegmentOnTheXAxis() {
        PosteriorEllipse e = PosteriorEllipse.of(new float[] {1.5f}, new float[] {0.5f}, null, 2);
        assertEquals(1.5, e.centreX(), EPS);
        assertEquals(0, e.centreY(), EPS);
        assertEquals(1, e.semiMajor(), EPS);
        assertEquals(0, e.semiMinor(), EPS);
        assertEquals(0, e.angle(), EPS);
    }

    @Test
    void refusesBadInput() {
        float[] three = {0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> PosteriorEllipse.of(three, three, null, 1),
                "d > 2 needs the PCA plane");
        assertThrows(IllegalArgumentException.class,
                () -> PosteriorEllipse.of(new float[4], new float[4], diagonalPlane(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> PosteriorEllipse.of(new float[2], new float[] {1, -1}, null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> PosteriorEllipse.of(new float[2], new float[] {1, Float.NaN}, null, 1));
        assertThrows(IllegalArgumentException.class, () -> PosteriorEllipse.of(new float[2], new float[2], null, 0));
        assertThrows(IllegalArgumentException.class, () -> PosteriorEllipse.of(new float[2], new float[3], null, 1));
    }

    /** (p - c)^T S^-1 (p - c) == k^2 for S = {sxx, sxy, syy}, written with the adjugate to avoid a library. */
    private static void assertPointsOnEllipse(double[] xy, double cx, double cy, double[] s, double k) {
        double det = s[0] * s[2] - s[1] * s[1];
        for (int i = 0; i < xy.length / 2; i++) {
            double dx = xy[2 * i] - cx;
            double dy = xy[2 * i + 1] - cy;
            double q = (s[2] * dx * dx - 2 * s[1] * dx * dy + s[0] * dy * dy) / det;
            assertEquals(k * k, q, 1e-6 * k * k, "point " + i);
            assertTrue(Double.isFinite(q));
        }
    }
}
