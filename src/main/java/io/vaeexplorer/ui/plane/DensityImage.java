package io.vaeexplorer.ui.plane;

import io.vaeexplorer.core.PlaneRegion;

/**
 * The density of the aggregate posterior against the prior over a region of the plane, as ARGB pixels (row 0 at
 * the top), with the version of the codes it was computed from.
 */
public record DensityImage(int[] argb, int width, int height, PlaneRegion region, long pointsVersion) {
}
