package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.PlaneRegion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plane view's pure maths: {@link PlaneViewport} conversions, zoom, pan, fit and ticks, and the nearest-rank
 * percentile its redraw figures are given in.
 */
class LatentPlaneViewportTest {

    private static final double EPS = 1e-9;

    @Test
    void canvasAndPlaneConversionsAreInverseAndYPointsUp() {
        PlaneViewport v = new PlaneViewport(1, 2, 50, 40, 10, 400, 300);
        // the centre of the plot rectangle shows the centre
        assertArrayEquals(new double[] {240, 160}, v.toCanvas(1, 2), EPS);
        // one plane unit right is 50 px right; one unit up is 50 px up (smaller canvas y)
        assertArrayEquals(new double[] {290, 110}, v.toCanvas(2, 3), EPS);
        for (double[] p : new double[][] {{0, 0}, {-3.5, 7.25}, {1e3, -1e-3}}) {
            double[] c = v.toCanvas(p[0], p[1]);
            assertArrayEquals(p, v.toPlane(c[0], c[1]), 1e-9);
        }
        assertRegion(new PlaneRegion(1 - 4, 1 + 4, 2 - 3, 2 + 3), v.visibleRegion(), EPS);
        assertTrue(v.contains(40, 10));
        assertTrue(v.contains(440, 310));
        assertFalse(v.contains(39.9, 100));
        assertFalse(v.contains(100, 310.1));
    }

    @Test
    void zoomKeepsThePointUnderTheCursorInPlace() {
        PlaneViewport v = new PlaneViewport(0, 0, 40, 50, 10, 500, 400);
        double cx = 123;
        double cy = 321;
        double[] before = v.toPlane(cx, cy);
        PlaneViewport in = v.zoomedAt(cx, cy, 2.5);
        assertEquals(100, in.scale(), EPS);
        assertArrayEquals(before, in.toPlane(cx, cy), 1e-12);
        // every other pixel now shows a point 2.5x closer to the cursor's point
        double[] corner = v.toPlane(50, 10);
        double[] zoomedCorner = in.toPlane(50, 10);
        assertEquals(before[0] + (corner[0] - before[0]) / 2.5, zoomedCorner[0], 1e-9);
        assertEquals(before[1] + (corner[1] - before[1]) / 2.5, zoomedCorner[1], 1e-9);
        // zooming back out restores the viewport
        PlaneViewport back = in.zoomedAt(cx, cy, 1 / 2.5);
        assertEquals(v.centerX(), back.centerX(), 1e-9);
        assertEquals(v.centerY(), back.centerY(), 1e-9);
        assertEquals(v.scale(), back.scale(), 1e-9);
        // nonsense factors change nothing, extreme ones are clamped
        assertEquals(v, v.zoomedAt(cx, cy, 0));
        assertEquals(v, v.zoomedAt(cx, cy, Double.NaN));
        assertEquals(PlaneViewport.MAX_SCALE, v.zoomedAt(cx, cy, 1e300).scale());
        assertEquals(PlaneViewport.MIN_SCALE, v.zoomedAt(cx, cy, 1e-300).scale());
    }

    @Test
    void panMovesTheContentWithTheMouse() {
        PlaneViewport v = new PlaneViewport(0, 0, 20, 0, 0, 200, 200);
        double[] p = v.toPlane(50, 60);
        PlaneViewport moved = v.panned(30, -10);
        // the plane point that was at (50, 60) is now at (80, 50)
        assertArrayEquals(new double[] {80, 50}, moved.toCanvas(p[0], p[1]), 1e-9);
        assertEquals(v.scale(), moved.scale());
    }

    @Test
    void fitShowsTheWholeRegionCentredWithEqualScales() {
        PlaneViewport v = PlaneViewport.fit(new PlaneRegion(-2, 6, -1, 1), 10, 20, 400, 300);
        assertEquals(50, v.scale(), EPS); // 400 px / 8 units limits, 300 px / 2 units would allow 150
        assertEquals(2, v.centerX(), EPS);
        assertEquals(0, v.centerY(), EPS);
        PlaneRegion r = v.visibleRegion();
        assertTrue(r.xMin() <= -2 + EPS && r.xMax() >= 6 - EPS && r.yMin() <= -1 && r.yMax() >= 1);
        // a degenerate region still gives a usable viewport
        PlaneViewport point = PlaneViewport.fit(new PlaneRegion(1, 1, 1, 1), 0, 0, 100, 100);
        assertTrue(point.scale() > 0 && Double.isFinite(point.scale()));
        // resizing keeps the centre and scale
        PlaneViewport bigger = v.withPlot(0, 0, 800, 600);
        assertEquals(v.scale(), bigger.scale());
        assertArrayEquals(new double[] {400, 300}, bigger.toCanvas(2, 0), EPS);
        assertThrows(IllegalArgumentException.class, () -> new PlaneViewport(0, 0, 0, 0, 0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new PlaneViewport(Double.NaN, 0, 1, 0, 0, 10, 10));
    }

    @Test
    void robustBoundsIgnoreOutliersAndNonFiniteCodes() {
        int n = 1000;
        float[] xy = new float[2 * (n + 3)];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = i / (float) (n - 1) * 10f - 5f; // x uniform on [-5, 5]
            xy[2 * i + 1] = i / (float) (n - 1); // y uniform on [0, 1]
        }
        xy[2 * n] = 1e6f; // outliers
        xy[2 * n + 1] = -1e6f;
        xy[2 * n + 2] = Float.NaN;
        xy[2 * n + 3] = 0;
        xy[2 * n + 4] = 0;
        xy[2 * n + 5] = Float.POSITIVE_INFINITY;
        PlaneRegion b = PlaneViewport.robustBounds(xy, n + 3, 1, 0.1, 1e-3);
        // 1st..99th percentile of x is about -4.9..4.9, plus 10% of 9.8 on each side
        assertEquals(-4.9 - 0.98, b.xMin(), 0.05);
        assertEquals(4.9 + 0.98, b.xMax(), 0.05);
        assertEquals(0.01 - 0.098, b.yMin(), 0.01);
        assertEquals(0.99 + 0.098, b.yMax(), 0.01);
        // identical points: widened to the minimum range around them
        PlaneRegion same = PlaneViewport.robustBounds(new float[] {2, 3, 2, 3}, 2, 1, 0.1, 0.5);
        assertRegion(new PlaneRegion(1.75, 2.25, 2.75, 3.25), same, EPS);
        assertRegion(new PlaneRegion(-3, 3, -3, 3), PlaneViewport.robustBounds(new float[0], 0, 1, 0.1, 1), EPS);
    }

    @Test
    void aRegionKnowsItsSizeWhatItHoldsAndItsUnionWithAnother() {
        PlaneRegion r = new PlaneRegion(-1, 5, -4, 1);
        assertEquals(6, r.width(), EPS);
        assertEquals(5, r.height(), EPS);
        assertTrue(r.contains(-1, 1) && r.contains(5, -4) && r.contains(0, 0));
        assertFalse(r.contains(5.01, 0) || r.contains(0, -4.01) || r.contains(Double.NaN, 0));
        assertEquals(new PlaneRegion(-3, 5, -4, 3), r.union(PlaneRegion.AROUND_PRIOR));
        assertEquals(new PlaneRegion(-3, 5, -4, 3), PlaneRegion.AROUND_PRIOR.union(r));
    }

    private static void assertRegion(PlaneRegion expected, PlaneRegion actual, double tolerance) {
        assertArrayEquals(new double[] {expected.xMin(), expected.xMax(), expected.yMin(), expected.yMax()},
                new double[] {actual.xMin(), actual.xMax(), actual.yMin(), actual.yMax()}, tolerance,
                "expected " + expected + ", got " + actual);
    }

    @Test
    void ticksAreNiceAndPrintedWithoutNoise() {
        assertEquals(1, PlaneViewport.niceStep(6, 6), EPS);
        assertEquals(2, PlaneViewport.niceStep(12, 6), EPS);
        assertEquals(0.5, PlaneViewport.niceStep(3, 6), EPS);
        assertEquals(0.05, PlaneViewport.niceStep(0.3, 6), 1e-12);
        assertEquals(50, PlaneViewport.niceStep(300, 6), EPS);
        assertEquals(1, PlaneViewport.niceStep(0, 6), EPS);
        assertEquals(0, PlaneViewport.decimalsFor(2));
        assertEquals(1, PlaneViewport.decimalsFor(0.5));
        assertEquals(1, PlaneViewport.decimalsFor(0.1));
        assertEquals(2, PlaneViewport.decimalsFor(0.05));
        assertEquals(3, PlaneViewport.decimalsFor(0.001));
    }

    @Test
    void percentileUsesTheNearestRank() {
        List<Double> values = List.of(5.0, 1.0, 3.0, 2.0, 4.0);
        assertEquals(3.0, RedrawTimes.percentile(values, 50));
        assertEquals(5.0, RedrawTimes.percentile(values, 99));
        assertEquals(1.0, RedrawTimes.percentile(values, 0));
        assertTrue(Double.isNaN(RedrawTimes.percentile(List.of(), 50)));
    }
}
