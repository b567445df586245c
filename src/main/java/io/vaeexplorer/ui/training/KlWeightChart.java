package io.vaeexplorer.ui.training;

import javafx.beans.value.ObservableValue;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * A strip under the loss chart with the run's KL weight (or capacity) per step, on the loss chart's step axis, so a
 * bend of the loss can be read against the schedule that caused it. Shown only while the run's schedule varies.
 */
final class KlWeightChart extends LineChart<Number, Number> {

    /** Points drawn along the run: the schedules are piecewise linear, and this shows their corners sharply. */
    static final int POINTS = 400;

    KlWeightChart(ObservableValue<KlCurve> curve, NumberAxis lossSteps) {
        super(new NumberAxis(), new NumberAxis());
        NumberAxis steps = (NumberAxis) getXAxis();
        NumberAxis value = (NumberAxis) getYAxis();
        setId("kl-weight-chart");
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        setPrefHeight(120);
        setMinHeight(90);
        steps.setAutoRanging(false);
        steps.setTickLabelsVisible(false);
        steps.lowerBoundProperty().bind(lossSteps.lowerBoundProperty());
        steps.upperBoundProperty().bind(lossSteps.upperBoundProperty());
        steps.tickUnitProperty().bind(lossSteps.tickUnitProperty());
        value.setForceZeroInRange(true);
        curve.addListener((obs, was, now) -> show(now));
        show(curve.getValue());
    }

    private void show(KlCurve curve) {
        getData().clear();
        boolean shown = curve != null && curve.varies();
        setVisible(shown);
        setManaged(shown);
        if (!shown) {
            return;
        }
        ((NumberAxis) getYAxis()).setLabel(curve.label());
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        long first = curve.firstStep();
        long last = curve.lastStep();
        for (int i = 0; i <= POINTS; i++) {
            long step = first + Math.round((double) (last - first) * i / POINTS);
            series.getData().add(new XYChart.Data<>(step, curve.valueAt(step)));
        }
        getData().add(series);
    }
}
