package io.vaeexplorer.core;

/**
 * A rectangle of the latent plane, [xMin, xMax] x [yMin, yMax], in plane units: what the plane view shows, and
 * what the decoded manifold and the density picture cover.
 */
public record PlaneRegion(double xMin, double xMax, double yMin, double yMax) {

    /** The square around the prior's bulk, shown before any codes are known. */
    public static final PlaneRegion AROUND_PRIOR = new PlaneRegion(-3, 3, -3, 3);

    public double width() {
        return xMax - xMin;
    }

    public double height() {
        return yMax - yMin;
    }

    /** True when the plane point lies inside the region (edges included). */
    public boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    /** The smallest region holding both. */
    public PlaneRegion union(PlaneRegion other) {
        return new PlaneRegion(Math.min(xMin, other.xMin), Math.max(xMax, other.xMax), Math.min(yMin, other.yMin),
                Math.max(yMax, other.yMax));
    }
}
