package io.vaeexplorer.ui.plane;

import io.vaeexplorer.render.GreyRaster;

/** Images decoded on a regular grid of the plane, tiled without gaps, with the plane region they cover. */
public record ManifoldImage(GreyRaster raster, int gridSize, double xMin, double xMax, double yMin, double yMax) {
}
