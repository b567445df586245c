package io.vaeexplorer.ui.plane;

import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.render.Raster;

/**
 * Images decoded on a regular grid of the plane, tiled without gaps, with the plane region they cover (the grid's
 * points are the tiles' centres).
 */
public record ManifoldImage(Raster raster, int gridSize, PlaneRegion region) {
}
