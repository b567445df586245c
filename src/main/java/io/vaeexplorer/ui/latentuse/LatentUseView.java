package io.vaeexplorer.ui.latentuse;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The collapse monitor: the KL term of each latent dimension as bars, largest first (inactive units in grey), the
 * number of active units and the mutual information, and a warning when the posterior collapses.
 */
public final class LatentUseView extends VBox {

    /** Bars drawn at most: beyond this the chart would be a smear; the summary still counts every unit. */
    static final int MAX_BARS = 64;

    private final BarChart<String, Number> chart;
    private final CategoryAxis dims;

    public LatentUseView(LatentUseViewModel viewModel) {
        super(6);
        setId("latent-use");
        setPadding(new Insets(8));
        Label summary = new Label();
        summary.setId("latent-use-summary");
        summary.textProperty().bind(viewModel.summaryProperty());
        Label warning = new Label();
        warning.setId("latent-use-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add("warning-text");
        warning.setStyle("-fx-font-weight: bold;");
        warning.textProperty().bind(viewModel.warningProperty());
        Button restart = new Button("Restart with KL warm-up");
        restart.setId("latent-use-restart");
        restart.setTooltip(new Tooltip("Trains a new model with the KL weight rising from 0 over the first half of"
                + " the run, so the decoder learns to use the codes before the KL term pulls them to the prior"));
        restart.setOnAction(e -> viewModel.restartWithWarmup());
        HBox alert = new HBox(10, warning, restart);
        alert.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(warning, Priority.ALWAYS);
        alert.managedProperty().bind(viewModel.warningProperty().isNotEmpty());
        alert.visibleProperty().bind(alert.managedProperty());
        dims = new CategoryAxis();
        dims.setLabel("latent dimension, by KL");
        // a category axis keeps the order in which it first saw its categories; each reading sets its own
        dims.setAutoRanging(false);
        NumberAxis kl = new NumberAxis();
        kl.setLabel("KL (nats per image)");
        chart = new BarChart<>(dims, kl);
        chart.setId("latent-use-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setBarGap(1);
        chart.setCategoryGap(2);
        chart.setMinHeight(160);
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(summary, alert, chart);
        viewModel.readingProperty().addListener((obs, was, now) -> show(now));
        show(viewModel.readingProperty().get());
    }

    private void show(LatentUseViewModel.Reading reading) {
        chart.getData().clear();
        if (reading == null) {
            return;
        }
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        int bars = Math.min(MAX_BARS, reading.byKl().size());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bars; i++) {
            LatentUseViewModel.DimensionKl d = reading.byKl().get(i);
            names.add("z" + d.dimension());
            series.getData().add(new XYChart.Data<>(names.get(i), d.kl()));
        }
        dims.getCategories().setAll(names);
        chart.getData().add(series);
        for (int i = 0; i < bars; i++) {
            if (!reading.byKl().get(i).active() && series.getData().get(i).getNode() != null) {
                series.getData().get(i).getNode().setStyle("-fx-bar-fill: #b0b0b0;");
            }
        }
    }

    /** The chart, for tests and export. */
    BarChart<String, Number> chart() {
        return chart;
    }
}
