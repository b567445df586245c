package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;

class AxisPlaneTest {

    /** Three codes of latent size 3: dimension 0 spreads most, dimension 2 least. */
    private static final float[] CODES = {-2, 1, 0.5f, 0, 2, 1, 2, 3, 1.5f};

    @Test
    void codesLandAtTheirValuesInTheTwoDimensionsAndPointsMapBackThroughTheOthersMean() {
        Pca plane = AxisPlane.of(CODES, 3, 3, 2, 0);
        assertArrayEquals(new float[] {0.5f, -2, 1, 0, 1.5f, 2}, plane.project(CODES, 3));
        assertArrayEquals(new float[] {-1, 2, 4}, plane.unproject(4, -1), "dimension 1 at the codes' mean, 2");
    }

    @Test
    void theVarianceSharesFollowTheAxes() {
        Pca plane = AxisPlane.of(CODES, 3, 3, 2, 0);
        // variances 4, 1 and 0.25: the x axis (dimension 2) carries 0.25 of 5.25, both axes 4.25
        assertEquals(0.25 / 5.25, plane.explainedRatio(1), 1e-12);
        assertEquals(4.25 / 5.25, plane.explainedRatio(2), 1e-12);
    }

    @Test
    void theDensityOfThePlaneIsTheMarginalInTheTwoDimensions() {
        float[] sigma = {0.5f, 0.2f, 0.3f, 0.4f, 0.6f, 0.1f, 0.3f, 0.3f, 0.9f};
        AggregatePosterior.Area area = new AggregatePosterior.Area(-3, 4, -3, 4, 50, 50);
        AggregatePosterior.Grid onPlane = AggregatePosterior.density(CODES, sigma, 3, 3, AxisPlane.of(CODES, 3, 3, 1,
                2), area);
        float[] mu12 = {1, 0.5f, 2, 1, 3, 1.5f};
        float[] sigma12 = {0.2f, 0.3f, 0.6f, 0.1f, 0.3f, 0.9f};
        AggregatePosterior.Grid marginal = AggregatePosterior.density(mu12, sigma12, 3, 2, null, area);
        assertArrayEquals(marginal.density(), onPlane.density(), 1e-15);
    }

    @Test
    void oneDimensionTwiceOrOneOutsideTheCodesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AxisPlane.of(CODES, 3, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> AxisPlane.of(CODES, 3, 3, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> AxisPlane.of(CODES, 3, 3, -1, 0));
    }
}
