package io.vaeexplorer.ui;

import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.model.Checkpoint;
import io.vaeexplorer.model.EpochRecord;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.training.ThreadPriority;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Two to four models side by side: latent scatters on one scale, the same test images reconstructed by each,
 * the decoded manifold over the same region, and their test -ELBO per epoch on one chart. The pictures are
 * computed on a background thread; this view only shows them.
 */
public final class ComparisonView extends VBox {

    static final int RECONSTRUCTIONS = 8;

    private final ExecutorService background = Executors.newSingleThreadExecutor(
            ThreadPriority.backgroundDaemons("vae-compare"));
    private final Label status = new Label("Tick two to four models in the table and press Compare.");
    private final HBox columns = new HBox(14);
    private final LineChart<Number, Number> chart;
    private final Consumer<String> errors;
    private ComparisonBuilder.Result shown;
    private long request;

    public ComparisonView(Consumer<String> errors) {
        super(8);
        this.errors = errors;
        setId("comparison");
        setPadding(new Insets(8));
        NumberAxis epochs = new NumberAxis();
        epochs.setLabel("epoch");
        epochs.setForceZeroInRange(false);
        NumberAxis loss = new NumberAxis();
        loss.setLabel("test -ELBO (nats per image)");
        loss.setForceZeroInRange(false);
        chart = new LineChart<>(epochs, loss);
        chart.setId("comparison-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setPrefHeight(260);
        chart.setTitle("Test loss per epoch");
        status.setId("comparison-status");
        columns.setId("comparison-columns");
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToHeight(true);
        scroll.setPrefViewportHeight(2 * ComparisonBuilder.SCATTER_SIZE + 4 * 29 * 1.5 + 110);
        getChildren().addAll(status, scroll, chart);
    }

    /** Starts computing the comparison of these models on these test images; the newest request wins. */
    public void compare(List<GalleryEntry> entries, LabeledImages test) {
        if (entries.size() < 2 || entries.size() > 4) {
            errors.accept("pick two to four models to compare (" + entries.size() + " picked)");
            return;
        }
        if (test == null) {
            errors.accept("no data set is open to compare the models on");
            return;
        }
        List<String> names = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (GalleryEntry e : entries) {
            names.add(e.name());
            checkpoints.add(e.checkpoint());
        }
        long mine = ++request;
        status.setText("comparing " + String.join(", ", names) + " ...");
        background.execute(() -> {
            try {
                ComparisonBuilder.Result result = ComparisonBuilder.build(names, checkpoints, test, RECONSTRUCTIONS);
                Platform.runLater(() -> {
                    if (mine == request) {
                        show(result);
                    }
                });
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                Platform.runLater(() -> {
                    status.setText("");
                    errors.accept("comparison failed: " + message);
                });
            }
        });
    }

    /** The comparison on screen, or null (for tests and export). */
    public ComparisonBuilder.Result shown() {
        return shown;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    private void show(ComparisonBuilder.Result result) {
        shown = result;
        columns.getChildren().clear();
        chart.getData().clear();
        for (ComparisonBuilder.Column c : result.columns()) {
            VBox column = new VBox(4);
            column.setAlignment(Pos.TOP_LEFT);
            Label config = new Label(c.checkpoint().config().describe() + ", " + c.checkpoint().epochsDone()
                    + " epochs");
            config.setFont(Font.font(10));
            config.setMaxWidth(ComparisonBuilder.SCATTER_SIZE);
            // the test images above each model's reconstructions of them, as in the Reconstructions tab
            GreyRaster pairs = io.vaeexplorer.render.ImageTiler.stack(result.originals(), c.reconstructions(), 3);
            column.getChildren().addAll(bold(c.name()), config, scatter(c), new Label("test images / reconstructions"),
                    view(pairs, 1.5));
            if (c.manifold() != null) {
                column.getChildren().addAll(new Label("decoded over the same region"),
                        fitted(c.manifold(), ComparisonBuilder.SCATTER_SIZE));
            }
            column.getStyleClass().add("comparison-column");
            columns.getChildren().add(column);

            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(c.name());
            for (EpochRecord r : c.checkpoint().history()) {
                series.getData().add(new XYChart.Data<>(r.epoch(), r.test().negElbo()));
            }
            chart.getData().add(series);
        }
        status.setText(String.format("%d models on one scale: plane [%.2f, %.2f] in both axes", result.columns().size(),
                result.bounds()[0], result.bounds()[1]));
    }

    private static ImageView fitted(GreyRaster raster, double size) {
        ImageView view = new ImageView(RasterImages.toImage(raster));
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        return view;
    }

    private static ImageView scatter(ComparisonBuilder.Column c) {
        int size = ComparisonBuilder.SCATTER_SIZE;
        WritableImage image = new WritableImage(size, size);
        image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), c.scatterArgb(), 0, size);
        ImageView view = new ImageView(image);
        view.getStyleClass().add("comparison-scatter");
        view.setStyle("-fx-effect: dropshadow(gaussian, #999, 2, 0, 0, 0);");
        return view;
    }

    private static ImageView view(GreyRaster raster, double scale) {
        ImageView view = new ImageView(RasterImages.toImage(raster));
        view.setFitWidth(raster.width() * scale);
        view.setFitHeight(raster.height() * scale);
        view.setSmooth(false);
        return view;
    }

    private static Label bold(String text) {
        Label label = new Label(text);
        label.setFont(Font.font(null, FontWeight.BOLD, 13));
        return label;
    }

    /** Stops the background thread (the window is closing). */
    public void dispose() {
        background.shutdownNow();
    }
}
