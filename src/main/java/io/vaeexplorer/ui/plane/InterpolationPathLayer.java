package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.plane.PlaneStyle.OUTLINE;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** The interpolation path over the points, its ends named A and B, with a dot where the slider's t stands. */
final class InterpolationPathLayer {

    private static final Color PATH_COLOR = Color.rgb(255, 200, 0);
    private static final Font PATH_FONT = Font.font(null, FontWeight.BOLD, 12);

    private double[] cursorAt;

    /**
     * @param path plane points {x0, y0, x1, y1, ...}, or null for none
     * @param t the slider's t in [0, 1] along the path; NaN for no dot
     */
    void draw(GraphicsContext gc, PlaneViewport v, double[] path, double t) {
        cursorAt = null;
        if (path == null || path.length < 2) {
            return;
        }
        int n = path.length / 2;
        gc.beginPath();
        for (int i = 0; i < n; i++) {
            double x = v.canvasX(path[2 * i]);
            double y = v.canvasY(path[2 * i + 1]);
            if (i == 0) {
                gc.moveTo(x, y);
            } else {
                gc.lineTo(x, y);
            }
        }
        gc.setStroke(OUTLINE);
        gc.setLineWidth(4);
        gc.stroke();
        gc.setStroke(PATH_COLOR);
        gc.setLineWidth(2);
        gc.stroke();
        endDot(gc, v, path[0], path[1], "A");
        if (n > 1) {
            endDot(gc, v, path[2 * n - 2], path[2 * n - 1], "B");
        }
        double[] at = InterpolationCursor.pointAt(path, t);
        if (at != null) {
            double x = v.canvasX(at[0]);
            double y = v.canvasY(at[1]);
            gc.setFill(Color.WHITE);
            gc.fillOval(x - 6.5, y - 6.5, 13, 13);
            gc.setStroke(OUTLINE);
            gc.setLineWidth(2.5);
            gc.strokeOval(x - 6.5, y - 6.5, 13, 13);
            gc.setFill(OUTLINE);
            gc.fillOval(x - 2.5, y - 2.5, 5, 5);
            cursorAt = new double[] {x, y};
        }
    }

    /** The plot had no room for anything: no dot is on the canvas. */
    void forgetCursor() {
        cursorAt = null;
    }

    /** Canvas position of the dot for the slider's t when last drawn, or null. */
    double[] cursor() {
        return cursorAt == null ? null : cursorAt.clone();
    }

    private static void endDot(GraphicsContext gc, PlaneViewport v, double px, double py, String name) {
        double x = v.canvasX(px);
        double y = v.canvasY(py);
        gc.setFill(PATH_COLOR);
        gc.fillOval(x - 5, y - 5, 10, 10);
        gc.setStroke(OUTLINE);
        gc.setLineWidth(1.5);
        gc.strokeOval(x - 5, y - 5, 10, 10);
        gc.setFont(PATH_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.setLineWidth(3);
        gc.setStroke(Color.WHITE);
        gc.strokeText(name, x + 6, y - 4);
        gc.setFill(OUTLINE);
        gc.fillText(name, x + 6, y - 4);
    }
}
