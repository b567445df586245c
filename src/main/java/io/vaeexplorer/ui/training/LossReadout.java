package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.ui.training.LossCurves.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;

/**
 * The loss chart's readout under the mouse, laid over the chart: a dashed line at the step nearest the pointer and
 * a box beside it with the losses there (smoothed and raw), and with an epoch's train and test losses when the
 * pointer is over that epoch's symbol. It takes no mouse events itself. FX thread only.
 */
final class LossReadout extends Pane {

    /** The readout's names of the step curves' loss parts, in {@link Part} order. */
    private static final String[] PART_LABELS = {"-ELBO", "reconstruction", "KL"};
    /** Pixels from an epoch's symbol within which the readout shows that epoch's values. */
    private static final double EPOCH_HOVER_PIXELS = 8;

    private final NumberAxis steps;
    private final Node plotBackground;
    private final Line marker = new Line();
    private final Label readout = new Label();

    /**
     * @param steps the chart's step axis, which places the marker
     * @param plotBackground the chart's plot area, outside which nothing is shown
     */
    LossReadout(NumberAxis steps, Node plotBackground) {
        this.steps = steps;
        this.plotBackground = plotBackground;
        readout.setId("loss-readout");
        readout.getStyleClass().add("loss-readout");
        readout.setStyle("-fx-padding: 2 5 2 5; -fx-font-size: 11px;");
        readout.setVisible(false);
        marker.setId("loss-marker");
        marker.setStroke(Color.gray(0.4));
        marker.getStrokeDashArray().setAll(3.0, 3.0);
        marker.setVisible(false);
        getChildren().addAll(marker, readout);
        setMouseTransparent(true);
    }

    /**
     * Shows the values at the step nearest the pointer, or hides them when it is not over the plot.
     *
     * @param pointer in scene coordinates; null when the pointer is not over the chart
     * @param smoothed whether the step curves are drawn smoothed (the readout then adds the raw values)
     */
    void update(Point2D pointer, LossCurves curves, boolean smoothed) {
        Bounds plotBounds = pointer == null ? null : plotBackground.localToScene(plotBackground.getBoundsInLocal());
        if (plotBounds == null || !plotBounds.contains(pointer) || curves.isEmpty()) {
            readout.setVisible(false);
            marker.setVisible(false);
            return;
        }
        double step = steps.getValueForDisplay(steps.sceneToLocal(pointer).getX()).doubleValue();
        int sample = curves.nearestSample(step);
        EpochRecord epoch = curves.nearestEpoch(step);
        if (epoch != null && Math.abs(sceneX(epoch.step()) - pointer.getX()) > EPOCH_HOVER_PIXELS
                && sample >= 0) {
            epoch = null; // not over its symbol: the box shows the step under the mouse
        }
        long at = sample >= 0 ? curves.sampleStep(sample) : epoch.step();
        readout.setText(String.join("\n", lines(curves, sample, at, epoch, smoothed)));

        Bounds area = sceneToLocal(plotBounds);
        double x = sceneToLocal(sceneX(at), 0).getX();
        marker.setStartX(x);
        marker.setEndX(x);
        marker.setStartY(area.getMinY());
        marker.setEndY(area.getMaxY());
        marker.setVisible(true);
        readout.setVisible(true);
        double width = readout.prefWidth(-1);
        double pointerX = sceneToLocal(pointer).getX();
        // beside the pointer, on the side with room for it
        double left = pointerX + 12 + width <= area.getMaxX() ? pointerX + 12 : Math.max(area.getMinX(),
                pointerX - 12 - width);
        readout.relocate(left, area.getMinY() + 4);
    }

    private static List<String> lines(LossCurves curves, int sample, long at, EpochRecord epoch, boolean smoothed) {
        List<String> lines = new ArrayList<>();
        if (sample >= 0) {
            int epochNumber = curves.epochOf(at);
            lines.add(String.format(Locale.ROOT, "step %,d", at)
                    + (epochNumber > 0 ? " · epoch " + epochNumber : ""));
            for (Part part : Part.values()) {
                double raw = curves.raw(part, sample);
                String shownValue = formatLoss(smoothed ? curves.smoothed(part, sample) : raw);
                lines.add(PART_LABELS[part.ordinal()] + " " + shownValue
                        + (smoothed ? "  (raw " + formatLoss(raw) + ")" : ""));
            }
        }
        if (epoch != null) {
            lines.add(String.format(Locale.ROOT, "epoch %d ended at step %,d", epoch.epoch(), epoch.step()));
            lines.add("train " + formatParts(epoch.train()));
            lines.add("test " + formatParts(epoch.test()));
        }
        return lines;
    }

    private double sceneX(long step) {
        return steps.localToScene(steps.getDisplayPosition(step), 0).getX();
    }

    private static String formatParts(LossParts parts) {
        return "-ELBO " + formatLoss(parts.negElbo()) + " · reconstruction " + formatLoss(parts.reconstruction())
                + " · KL " + formatLoss(parts.kl());
    }

    /** A loss in nats with about four significant digits. */
    static String formatLoss(double nats) {
        if (!Double.isFinite(nats)) {
            return String.valueOf(nats);
        }
        double size = Math.abs(nats);
        return String.format(Locale.ROOT, size >= 100 ? "%.1f" : size >= 1 ? "%.2f" : "%.4f", nats);
    }
}
