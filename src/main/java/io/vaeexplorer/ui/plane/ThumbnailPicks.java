package io.vaeexplorer.ui.plane;

/**
 * The test images that get a thumbnail in a region of the plane, one per occupied cell, with their cells.
 *
 * @param count    how many were picked (the arrays may be longer)
 * @param images   the picked test images' indices
 * @param cellLeft the left (smallest x) edge of each picked image's cell, plane units
 * @param cellBottom the bottom (smallest y) edge of each picked image's cell, plane units
 * @param cellSize the cells' side, plane units
 */
public record ThumbnailPicks(int count, int[] images, double[] cellLeft, double[] cellBottom, double cellSize) {

    /** Nothing to draw. */
    public static final ThumbnailPicks NONE = new ThumbnailPicks(0, new int[0], new double[0], new double[0], 0);
}
