package io.vaeexplorer.ui.plane;

import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;

/**
 * The selected latent vector's marker: a ring with four ticks, white over a dark outline so it shows on any
 * colour, centred on (0, 0). A node over the canvas, not pixels in it: moving it repaints a small square instead of
 * the whole plane, so a click's new image reaches the screen without waiting for a full-plane software render.
 */
final class PlaneMarker extends Group {

    PlaneMarker() {
        for (int layer = 0; layer < 2; layer++) {
            Color colour = layer == 0 ? PlaneStyle.OUTLINE : Color.WHITE;
            double width = layer == 0 ? 4.5 : 2;
            double r = 8;
            Circle ring = new Circle(0, 0, r, null);
            ring.setStroke(colour);
            ring.setStrokeWidth(width);
            getChildren().add(ring);
            double[][] ticks = {{-r - 6, 0, -r + 3, 0}, {r - 3, 0, r + 6, 0}, {0, -r - 6, 0, -r + 3}, {0, r - 3, 0, r + 6}};
            for (double[] t : ticks) {
                Line line = new Line(t[0], t[1], t[2], t[3]);
                line.setStroke(colour);
                line.setStrokeWidth(width);
                getChildren().add(line);
            }
        }
        setManaged(false);
        setMouseTransparent(true);
        setVisible(false);
        setId("plane-marker");
    }

    /**
     * Moves the marker to the selected latent vector; hidden when there is none, it belongs to another model, or
     * it is out of view.
     *
     * @param z the selected latent vector, or null
     * @param points the codes on the plane (their projection places z), or null
     * @param canvasX the canvas's x in the parent's coordinates
     * @param canvasY the canvas's y in the parent's coordinates
     */
    void place(float[] z, LatentPoints points, PlaneViewport v, double canvasX, double canvasY) {
        double[] p = null;
        if (z != null && z.length > 0) {
            if (points != null && z.length == points.dim()) {
                p = points.toPlane(z);
            } else if (points == null && z.length <= 2) {
                p = new double[] {z[0], z.length > 1 ? z[1] : 0};
            } // else a vector of another model: no marker
        }
        if (p == null || v.width() < 2 || v.height() < 2) {
            setVisible(false);
            return;
        }
        double x = v.canvasX(p[0]);
        double y = v.canvasY(p[1]);
        boolean inside = x >= v.left() && x <= v.left() + v.width() && y >= v.top() && y <= v.top() + v.height();
        setVisible(inside);
        setLayoutX(canvasX + x);
        setLayoutY(canvasY + y);
    }
}
