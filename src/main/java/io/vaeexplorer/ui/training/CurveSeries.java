package io.vaeexplorer.ui.training;

import io.vaeexplorer.ui.training.LossCurves.Curve;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;

/** Copies a {@link Curve} into a chart series, changing only what differs. FX thread only. */
final class CurveSeries {

    private CurveSeries() {
    }

    /**
     * Makes the series' points those of the curve, cheaply: each change to a series' data costs the chart a pass
     * over all its points, so points before the curve's first (the shown part moved on) go in one removal, points
     * that differ are changed in place, and new ones at the end come in one addition: while a run trains an
     * update only appends. A series without points hides its line.
     *
     * @param symbol makes the symbol of a new point (the chart styles a given node as this series' symbol); null
     *               for none
     */
    static void sync(XYChart.Series<Number, Number> series, Curve curve, Supplier<Node> symbol) {
        ObservableList<XYChart.Data<Number, Number>> data = series.getData();
        if (curve.size() > 0 && data.size() > 1) {
            int first = indexOfStep(data, curve.steps()[0]);
            if (first > 0) {
                data.remove(0, first);
            }
        }
        int common = Math.min(data.size(), curve.size());
        for (int i = 0; i < common; i++) {
            XYChart.Data<Number, Number> point = data.get(i);
            if (point.getXValue().longValue() != curve.steps()[i]) {
                point.setXValue(curve.steps()[i]);
            }
            if (Double.compare(point.getYValue().doubleValue(), curve.values()[i]) != 0) {
                point.setYValue(curve.values()[i]);
            }
        }
        if (data.size() > curve.size()) {
            data.remove(curve.size(), data.size());
        } else if (curve.size() > common) {
            List<XYChart.Data<Number, Number>> added = new ArrayList<>(curve.size() - common);
            for (int i = common; i < curve.size(); i++) {
                XYChart.Data<Number, Number> point = new XYChart.Data<>(curve.steps()[i], curve.values()[i]);
                if (symbol != null) {
                    point.setNode(symbol.get());
                }
                added.add(point);
            }
            data.addAll(added);
        }
        // JavaFX's LineChart keeps drawing the old line of a series whose data was emptied (a new run after a
        // loaded model): hide the line while there is nothing to draw
        if (series.getNode() != null) {
            series.getNode().setVisible(!data.isEmpty());
        }
    }

    /** The index of the point at {@code step} in points in step order; -1 when there is none. */
    private static int indexOfStep(List<XYChart.Data<Number, Number>> data, long step) {
        int low = 0;
        int high = data.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = data.get(mid).getXValue().longValue();
            if (at < step) {
                low = mid + 1;
            } else if (at > step) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
