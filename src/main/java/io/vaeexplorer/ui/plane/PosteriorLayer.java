package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.plane.PlaneStyle.OUTLINE;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.explore.PosteriorEllipse;
import io.vaeexplorer.ui.fx.ClassColors;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Posteriors over the points: the picked test images' ellipses and the sketch pad drawing's mean and ellipses. */
final class PosteriorLayer {

    private static final Color SKETCH_COLOR = Color.rgb(200, 0, 90);
    private static final Color ELLIPSE_STROKE = Color.WHITE;
    private static final int ELLIPSE_POINTS = 72;

    private double[] sketchAt;

    /** 1- and 2-sigma ellipses of the picked test images' posteriors, around a dot in their class colour. */
    void drawEllipses(GraphicsContext gc, PlaneViewport v, LatentPoints points, List<Integer> images) {
        if (points == null || images.isEmpty()) {
            return;
        }
        for (int index : images) {
            if (index < 0 || index >= points.count()) {
                continue;
            }
            Color colour = ClassColors.color(points.labels()[index] & 0xff);
            PosteriorEllipse[] rings = PosteriorEllipse.oneAndTwoSigma(points.mu(index), points.sigma(index),
                    points.pca());
            // white over a dark outline: a stroke in the class colour vanishes into the cluster it sits in
            strokeEllipse(gc, v, rings[1], OUTLINE, 3.8);
            strokeEllipse(gc, v, rings[1], ELLIPSE_STROKE, 1.8);
            strokeEllipse(gc, v, rings[0], OUTLINE, 4.5);
            strokeEllipse(gc, v, rings[0], ELLIPSE_STROKE, 2.2);
            double[] c = {v.canvasX(rings[0].centreX()), v.canvasY(rings[0].centreY())};
            gc.setFill(colour);
            gc.fillOval(c[0] - 4, c[1] - 4, 8, 8);
            gc.setStroke(OUTLINE);
            gc.setLineWidth(1.5);
            gc.strokeOval(c[0] - 4, c[1] - 4, 8, 8);
        }
    }

    /** The drawing's posterior mean (a diamond) with its 1- and 2-sigma ellipses; nothing for another model's. */
    void drawSketch(GraphicsContext gc, PlaneViewport v, LatentPoints points, Posterior sketch) {
        sketchAt = null;
        if (sketch == null || (points != null && sketch.mu().length != points.dim())
                || (points == null && sketch.mu().length > 2)) {
            return;
        }
        PosteriorEllipse[] rings = PosteriorEllipse.oneAndTwoSigma(sketch.mu(), sketch.sigma(),
                points == null ? null : points.pca());
        strokeEllipse(gc, v, rings[0], Color.WHITE, 4);
        strokeEllipse(gc, v, rings[0], SKETCH_COLOR, 2);
        gc.setLineDashes(6, 4);
        strokeEllipse(gc, v, rings[1], SKETCH_COLOR, 1.5);
        gc.setLineDashes((double[]) null);
        double x = v.canvasX(rings[0].centreX());
        double y = v.canvasY(rings[0].centreY());
        double r = 7;
        double[] xs = {x, x + r, x, x - r};
        double[] ys = {y - r, y, y + r, y};
        gc.setFill(SKETCH_COLOR);
        gc.fillPolygon(xs, ys, 4);
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(1.5);
        gc.strokePolygon(xs, ys, 4);
        sketchAt = new double[] {x, y};
    }

    /** Canvas position of the drawing's marker when last drawn, or null. */
    double[] sketchMarker() {
        return sketchAt == null ? null : sketchAt.clone();
    }

    private static void strokeEllipse(GraphicsContext gc, PlaneViewport v, PosteriorEllipse e, Color colour,
                                      double width) {
        double[] xy = e.points(ELLIPSE_POINTS);
        double[] xs = new double[ELLIPSE_POINTS];
        double[] ys = new double[ELLIPSE_POINTS];
        for (int i = 0; i < ELLIPSE_POINTS; i++) {
            xs[i] = v.canvasX(xy[2 * i]);
            ys[i] = v.canvasY(xy[2 * i + 1]);
        }
        gc.setStroke(colour);
        gc.setLineWidth(width);
        gc.strokePolygon(xs, ys, ELLIPSE_POINTS);
    }
}
