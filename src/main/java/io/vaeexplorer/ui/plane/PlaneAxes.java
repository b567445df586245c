package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.plane.PlaneStyle.TICK_FONT;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The plane's frame of reference: grid lines at "nice" ticks behind the points, the frame, tick labels and axis
 * titles around the plot.
 */
final class PlaneAxes {

    private static final Font TITLE_FONT = Font.font(12);

    /** Plane positions of about {@code target} nice ticks between min and max; none when there would be too many. */
    static double[] ticks(double min, double max, double target) {
        double step = PlaneViewport.niceStep(max - min, Math.max(2, target));
        long first = (long) Math.ceil(min / step);
        long last = (long) Math.floor(max / step);
        if (last - first > 200 || last < first) {
            return new double[0];
        }
        double[] out = new double[(int) (last - first + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (first + i) * step;
        }
        return out;
    }

    static void drawGrid(GraphicsContext gc, PlaneViewport v, double[] xTicks, double[] yTicks, PlaneStyle style) {
        gc.setLineWidth(1);
        for (double t : xTicks) {
            double x = Math.floor(v.canvasX(t)) + 0.5;
            gc.setStroke(Math.abs(t) < 1e-12 ? style.zeroLine() : style.grid());
            gc.strokeLine(x, v.top(), x, v.top() + v.height());
        }
        for (double t : yTicks) {
            double y = Math.floor(v.canvasY(t)) + 0.5;
            gc.setStroke(Math.abs(t) < 1e-12 ? style.zeroLine() : style.grid());
            gc.strokeLine(v.left(), y, v.left() + v.width(), y);
        }
    }

    /** The line around the plot rectangle, just outside it. */
    static void drawFrame(GraphicsContext gc, PlaneViewport v, PlaneStyle style) {
        gc.setStroke(style.frame());
        gc.setLineWidth(1);
        gc.strokeRect(v.left() - 0.5, v.top() - 0.5, v.width() + 1, v.height() + 1);
    }

    /**
     * Tick labels under and left of the plot, and the axis titles (z1, z2, the principal components or the chosen
     * latent dimensions).
     */
    static void drawAxes(GraphicsContext gc, PlaneViewport v, LatentPoints points, double[] xTicks, double[] yTicks,
                         double canvasHeight, PlaneStyle style) {
        gc.setFill(style.text());
        gc.setFont(TICK_FONT);
        int xDecimals = xTicks.length > 1 ? PlaneViewport.decimalsFor(xTicks[1] - xTicks[0]) : 2;
        int yDecimals = yTicks.length > 1 ? PlaneViewport.decimalsFor(yTicks[1] - yTicks[0]) : 2;
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        double bottom = v.top() + v.height();
        for (double t : xTicks) {
            gc.fillText(format(t, xDecimals), v.canvasX(t), bottom + 4);
        }
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (double t : yTicks) {
            gc.fillText(format(t, yDecimals), v.left() - 5, v.canvasY(t));
        }
        String xTitle = points != null ? points.xAxisLabel() : "z1";
        String yTitle = points != null ? points.yAxisLabel() : "z2";
        gc.setFont(TITLE_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText(xTitle, v.left() + v.width() / 2, canvasHeight - 4);
        gc.save();
        gc.translate(14, v.top() + v.height() / 2);
        gc.rotate(-90);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(yTitle, 0, 0);
        gc.restore();
    }

    private static String format(double value, int decimals) {
        if (decimals == 0) {
            return Long.toString(Math.round(value));
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
    }
}
