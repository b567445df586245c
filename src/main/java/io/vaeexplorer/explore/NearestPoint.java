package io.vaeexplorer.explore;

/**
 * Finds the plotted code under the mouse. A linear scan: 10k points take well under a millisecond,
 * so a spatial index would only add code.
 */
public final class NearestPoint {

    private NearestPoint() {
    }

    /**
     * Index of the point among {@code count} (x, y) pairs closest to (x, y), the lowest index on ties;
     * -1 when {@code count == 0} (or every point has NaN coordinates, which are never chosen).
     */
    public static int nearest(float[] points2d, int count, double x, double y) {
        Checks.atLeast("count", count, 0);
        Checks.holds("points2d", points2d, count, 2);
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double dx = points2d[i * 2] - x;
            double dy = points2d[i * 2 + 1] - y;
            double distance = dx * dx + dy * dy; // squared: same order, no sqrt
            if (distance < bestDistance || (best < 0 && !Double.isNaN(distance))) { // an infinite query still gets an answer
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }
}
