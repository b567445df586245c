package io.vaeexplorer.ui.plane;

import io.vaeexplorer.core.PlaneRegion;
import java.util.Arrays;

/**
 * The maths of the latent-plane view: which plane point sits at which canvas pixel. The plane is shown with the
 * same scale on both axes (distances in the latent plane look like distances on screen), the y axis pointing up,
 * inside a plot rectangle of the canvas. Immutable: every change returns a new viewport. No JavaFX here, so it is
 * tested with plain JUnit.
 *
 * @param centerX plane x shown at the centre of the plot rectangle
 * @param centerY plane y shown at the centre of the plot rectangle
 * @param scale pixels per plane unit, > 0
 * @param left canvas x of the plot rectangle's left edge
 * @param top canvas y of the plot rectangle's top edge
 * @param width plot rectangle width in pixels, >= 0
 * @param height plot rectangle height in pixels, >= 0
 */
public record PlaneViewport(double centerX, double centerY, double scale, double left, double top, double width,
                            double height) {

    /** Zooming stops here in both directions, so a runaway wheel cannot produce infinities or a zero scale. */
    public static final double MIN_SCALE = 1e-4;
    public static final double MAX_SCALE = 1e7;

    public PlaneViewport {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
        }
        if (!Double.isFinite(centerX) || !Double.isFinite(centerY)) {
            throw new IllegalArgumentException("centre must be finite, got (" + centerX + ", " + centerY + ")");
        }
        width = Math.max(0, width);
        height = Math.max(0, height);
    }

    /** A viewport of a plot rectangle showing at least the region, centred on it. */
    public static PlaneViewport fit(PlaneRegion region, double left, double top, double width, double height) {
        double xRange = Math.max(region.width(), 1e-9);
        double yRange = Math.max(region.height(), 1e-9);
        double w = Math.max(width, 1);
        double h = Math.max(height, 1);
        double scale = clampScale(Math.min(w / xRange, h / yRange));
        return new PlaneViewport((region.xMin() + region.xMax()) / 2, (region.yMin() + region.yMax()) / 2, scale,
                left, top, width, height);
    }

    /** Canvas x of a plane x. */
    public double canvasX(double planeX) {
        return left + width / 2 + (planeX - centerX) * scale;
    }

    /** Canvas y of a plane y (plane y grows upwards, canvas y downwards). */
    public double canvasY(double planeY) {
        return top + height / 2 - (planeY - centerY) * scale;
    }

    public double planeX(double canvasX) {
        return centerX + (canvasX - left - width / 2) / scale;
    }

    public double planeY(double canvasY) {
        return centerY - (canvasY - top - height / 2) / scale;
    }

    public double[] toCanvas(double planeX, double planeY) {
        return new double[] {canvasX(planeX), canvasY(planeY)};
    }

    public double[] toPlane(double canvasX, double canvasY) {
        return new double[] {planeX(canvasX), planeY(canvasY)};
    }

    /** True when the canvas point lies inside the plot rectangle (edges included). */
    public boolean contains(double canvasX, double canvasY) {
        return canvasX >= left && canvasX <= left + width && canvasY >= top && canvasY <= top + height;
    }

    /** The plane region the plot rectangle shows. */
    public PlaneRegion visibleRegion() {
        return new PlaneRegion(planeX(left), planeX(left + width), planeY(top + height), planeY(top));
    }

    /**
     * Zooms by {@code factor} (> 1 magnifies) keeping the plane point under the canvas point where it is, as a
     * mouse wheel over a map does.
     */
    public PlaneViewport zoomedAt(double canvasX, double canvasY, double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            return this;
        }
        double px = planeX(canvasX);
        double py = planeY(canvasY);
        double newScale = clampScale(scale * factor);
        double cx = px - (canvasX - left - width / 2) / newScale;
        double cy = py + (canvasY - top - height / 2) / newScale;
        return new PlaneViewport(cx, cy, newScale, left, top, width, height);
    }

    /** Moves the content by (dx, dy) pixels, as dragging the picture with the mouse does. */
    public PlaneViewport panned(double dx, double dy) {
        return new PlaneViewport(centerX - dx / scale, centerY + dy / scale, scale, left, top, width, height);
    }

    /** The same centre and scale in another plot rectangle (the canvas was resized). */
    public PlaneViewport withPlot(double newLeft, double newTop, double newWidth, double newHeight) {
        return new PlaneViewport(centerX, centerY, scale, newLeft, newTop, newWidth, newHeight);
    }

    private static double clampScale(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    // ---------------------------------------------------------------- fitting and ticks

    /**
     * A region that holds the bulk of the points, robust to outliers: per axis the {@code lowPercentile} ..
     * {@code 100 - lowPercentile} percentile range, widened by {@code margin} (a fraction of that range) on each
     * side. A range narrower than {@code minRange} is widened to it around its middle. Points with NaN or infinite
     * coordinates are ignored. With no usable points the result is [-3, 3] on both axes.
     *
     * @param xy row-major (count x 2) coordinates
     */
    public static PlaneRegion robustBounds(float[] xy, int count, double lowPercentile, double margin, double minRange) {
        float[] xs = new float[count];
        float[] ys = new float[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            float x = xy[2 * i];
            float y = xy[2 * i + 1];
            if (Float.isFinite(x) && Float.isFinite(y)) {
                xs[n] = x;
                ys[n] = y;
                n++;
            }
        }
        if (n == 0) {
            return PlaneRegion.AROUND_PRIOR;
        }
        Arrays.sort(xs, 0, n);
        Arrays.sort(ys, 0, n);
        double[] x = percentileRange(xs, n, lowPercentile, margin, minRange);
        double[] y = percentileRange(ys, n, lowPercentile, margin, minRange);
        return new PlaneRegion(x[0], x[1], y[0], y[1]);
    }

    private static double[] percentileRange(float[] sorted, int n, double lowPercentile, double margin,
                                            double minRange) {
        double p = Math.max(0, Math.min(50, lowPercentile)) / 100.0;
        double lo = sorted[(int) Math.floor(p * (n - 1))];
        double hi = sorted[(int) Math.ceil((1 - p) * (n - 1))];
        double range = hi - lo;
        lo -= range * margin;
        hi += range * margin;
        if (hi - lo < minRange) {
            double mid = (lo + hi) / 2;
            lo = mid - minRange / 2;
            hi = mid + minRange / 2;
        }
        return new double[] {lo, hi};
    }

    /**
     * A "nice" tick spacing (1, 2 or 5 times a power of ten) giving about {@code targetTicks} ticks over
     * {@code range}.
     */
    public static double niceStep(double range, double targetTicks) {
        if (!(range > 0) || !Double.isFinite(range) || !(targetTicks > 0)) {
            return 1;
        }
        double raw = range / targetTicks;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
        return nice * power;
    }

    /** Decimal places needed to print multiples of a tick step without noise (0 for steps of 1 or more). */
    public static int decimalsFor(double step) {
        if (!(step > 0) || step >= 1) {
            return 0;
        }
        return Math.min(12, (int) Math.ceil(-Math.log10(step) - 1e-9));
    }
}
