package io.vaeexplorer.ui.plane;

import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.ui.fx.RasterImages;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;

/** The decoded manifold behind the points, faded so the points stay readable over it. */
final class ManifoldLayer {

    private static final double OPACITY = 0.6;

    /** The last manifold drawn and its image, converted once per manifold rather than once per redraw. */
    private ManifoldImage source;
    private Image image;

    void draw(GraphicsContext gc, PlaneViewport v, ManifoldImage m) {
        if (m == null) {
            return;
        }
        if (m != source) {
            source = m;
            image = RasterImages.toImage(m.raster());
        }
        // the grid's points are the tiles' centres: the picture reaches half a tile beyond the region
        int n = Math.max(1, m.gridSize());
        PlaneRegion r = m.region();
        double halfX = n > 1 ? r.width() / (2.0 * (n - 1)) : 0;
        double halfY = n > 1 ? r.height() / (2.0 * (n - 1)) : 0;
        double x0 = v.canvasX(r.xMin() - halfX);
        double x1 = v.canvasX(r.xMax() + halfX);
        double y0 = v.canvasY(r.yMax() + halfY);
        double y1 = v.canvasY(r.yMin() - halfY);
        gc.setGlobalAlpha(OPACITY);
        gc.drawImage(image, x0, y0, x1 - x0, y1 - y0);
        gc.setGlobalAlpha(1);
    }
}
