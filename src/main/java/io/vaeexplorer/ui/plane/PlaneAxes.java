package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.plane.PlaneStyle.LEGEND_FONT;
import static io.vaeexplorer.ui.plane.PlaneStyle.TEXT;
import static io.vaeexplorer.ui.plane.PlaneStyle.TICK_FONT;
import io.vaeexplorer.ui.fx.ClassColors;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The plane's frame of reference: grid lines at "nice" ticks behind the points, the frame, tick labels and axis
 * titles around the plot, and the class legend in its upper right corner.
 */
final class PlaneAxes {

    private static final Color GRID = Color.rgb(0, 0, 0, 0.09);
    private static final Color ZERO_LINE = Color.rgb(0, 0, 0, 0.22);
    private static final Color FRAME = Color.rgb(120, 120, 120);
    private static final Font TITLE_FONT = Font.font(12);

    /** Width of the legend box for the current class names; measured once per set of names. */
    private double legendWidth = -1;

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

    static void drawGrid(GraphicsContext gc, PlaneViewport v, double[] xTicks, double[] yTicks) {
        gc.setLineWidth(1);
        for (double t : xTicks) {
            double x = Math.floor(v.canvasX(t)) + 0.5;
            gc.setStroke(Math.abs(t) < 1e-12 ? ZERO_LINE : GRID);
            gc.strokeLine(x, v.top(), x, v.top() + v.height());
        }
        for (double t : yTicks) {
            double y = Math.floor(v.canvasY(t)) + 0.5;
            gc.setStroke(Math.abs(t) < 1e-12 ? ZERO_LINE : GRID);
            gc.strokeLine(v.left(), y, v.left() + v.width(), y);
        }
    }

    /** The line around the plot rectangle, just outside it. */
    static void drawFrame(GraphicsContext gc, PlaneViewport v) {
        gc.setStroke(FRAME);
        gc.setLineWidth(1);
        gc.strokeRect(v.left() - 0.5, v.top() - 0.5, v.width() + 1, v.height() + 1);
    }

    /** Tick labels under and left of the plot, and the axis titles (z1, z2 or the principal components). */
    static void drawAxes(GraphicsContext gc, PlaneViewport v, LatentPoints points, double[] xTicks, double[] yTicks,
                         double canvasHeight) {
        gc.setFill(TEXT);
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

    /** The class names changed: the legend is measured again at its next draw. */
    void forgetLegendWidth() {
        legendWidth = -1;
    }

    /** A colour square and the name of every class, in a box at the plot's upper right; none when it would not fit. */
    void drawLegend(GraphicsContext gc, PlaneViewport v, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        if (legendWidth < 0) {
            Text probe = new Text();
            probe.setFont(LEGEND_FONT);
            double widest = 0;
            for (String name : names) {
                probe.setText(shortened(name));
                widest = Math.max(widest, probe.getLayoutBounds().getWidth());
            }
            legendWidth = Math.ceil(widest) + 30;
        }
        double rowHeight = 15;
        double boxHeight = names.size() * rowHeight + 8;
        double x = v.left() + v.width() - legendWidth - 6;
        double y = v.top() + 6;
        if (x < v.left() || boxHeight > v.height() - 12) {
            return; // too small to hold a legend
        }
        gc.setFill(Color.rgb(255, 255, 255, 0.85));
        gc.fillRoundRect(x, y, legendWidth, boxHeight, 6, 6);
        gc.setStroke(Color.rgb(0, 0, 0, 0.25));
        gc.setLineWidth(1);
        gc.strokeRoundRect(x + 0.5, y + 0.5, legendWidth - 1, boxHeight - 1, 6, 6);
        gc.setFont(LEGEND_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < names.size(); i++) {
            double rowY = y + 4 + i * rowHeight + rowHeight / 2;
            gc.setFill(ClassColors.color(i));
            gc.fillRect(x + 7, rowY - 5, 10, 10);
            gc.setFill(TEXT);
            gc.fillText(shortened(names.get(i)), x + 23, rowY);
        }
    }

    /** The longest class name the legend shows whole; folder names can be sentences. */
    static final int LEGEND_NAME_CHARS = 18;

    /** A class name cut to {@link #LEGEND_NAME_CHARS} characters, an ellipsis marking the cut. */
    static String shortened(String name) {
        return name.length() <= LEGEND_NAME_CHARS ? name : name.substring(0, LEGEND_NAME_CHARS - 1) + "\u2026";
    }
}
