package io.vaeexplorer.ui.gallery;

import io.vaeexplorer.concurrent.ThreadPriority;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.ui.experiments.ExperimentRasterView;
import io.vaeexplorer.ui.fx.RasterImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Two to four models side by side: latent scatters on one scale, the same test images reconstructed by each,
 * the decoded manifold over the same region, and their test -ELBO per epoch on one chart. The pictures are
 * computed on a background thread; this view only shows them, the columns sharing the width and every picture
 * as large as its column (up to {@link #MAX_PICTURE}), again on every resize.
 */
public final class ComparisonView extends VBox {

    static final int RECONSTRUCTIONS = 8;
    /** Narrowest column: four models still fit side by side in a window of ordinary width. */
    static final double MIN_COLUMN_WIDTH = 160;
    /** Largest side of a picture: a whole column of two models would be taller than the pane shows at once. */
    static final double MAX_PICTURE = 480;

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
        getChildren().addAll(status, columns, chart);
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
            config.setWrapText(true);
            // the test images above each model's reconstructions of them, as in the Reconstructions tab
            GreyRaster pairs = io.vaeexplorer.render.ImageTiler.stack(result.originals(), c.reconstructions(), 3);
            column.getChildren().addAll(bold(c.name()), config, new ScatterView(c, result.bounds()),
                    new Label("test images / reconstructions"), pairsView(pairs));
            if (c.manifold() != null) {
                column.getChildren().addAll(new Label("decoded over the same region"), new FittedRaster(c.manifold()));
            }
            column.getStyleClass().add("comparison-column");
            // equal shares of the width: every column starts from the same preferred width and grows alike
            column.setMinWidth(MIN_COLUMN_WIDTH);
            column.setPrefWidth(MIN_COLUMN_WIDTH);
            column.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(column, Priority.ALWAYS);
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

    private static FittedRaster pairsView(GreyRaster pairs) {
        FittedRaster view = new FittedRaster(pairs);
        view.getStyleClass().add("comparison-pairs");
        return view;
    }

    /** The picture's side for a column of this width: all of it, up to {@link #MAX_PICTURE}. */
    private static double pictureSide(double columnWidth) {
        return Math.max(0, Math.min(columnWidth, MAX_PICTURE));
    }

    /**
     * A model's scatter as wide as its column, drawn again at the size it is shown (points stay 3 x 3 screen
     * pixels rather than blocks of a scaled-up picture); its height follows its width.
     */
    static final class ScatterView extends Region {

        private final ComparisonBuilder.Column column;
        private final double[] bounds;
        private final ImageView view = new ImageView();
        private int drawnSize;

        ScatterView(ComparisonBuilder.Column column, double[] bounds) {
            this.column = column;
            this.bounds = bounds.clone();
            view.setSmooth(false);
            view.setStyle("-fx-effect: dropshadow(gaussian, #999, 2, 0, 0, 0);");
            getStyleClass().add("comparison-scatter");
            getChildren().add(view);
        }

        /** The scatter's image (tests look at what is shown). */
        ImageView imageView() {
            return view;
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return ComparisonBuilder.SCATTER_SIZE;
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefHeight(double width) {
            return Math.floor(pictureSide(width < 0 ? ComparisonBuilder.SCATTER_SIZE : width));
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected void layoutChildren() {
            int size = (int) Math.floor(Math.min(pictureSide(getWidth()), getHeight()));
            if (size < 3) {
                view.setImage(null);
                drawnSize = 0;
                return;
            }
            if (size != drawnSize) {
                WritableImage image = new WritableImage(size, size);
                image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(),
                        column.scatter(size, bounds), 0, size);
                view.setImage(image);
                drawnSize = size;
            }
            view.relocate(0, 0);
        }
    }

    /**
     * A raster as wide as its column allows (up to {@link #MAX_PICTURE}), pixels as crisp blocks at the scale
     * {@link ExperimentRasterView#fitScale} picks; its height follows its width.
     */
    static final class FittedRaster extends Region {

        private final GreyRaster raster;
        private final ImageView view;

        FittedRaster(GreyRaster raster) {
            this.raster = raster;
            view = new ImageView(RasterImages.toImage(raster));
            view.setSmooth(false);
            getChildren().add(view);
        }

        ImageView imageView() {
            return view;
        }

        private double scaleFor(double width) {
            double side = pictureSide(width);
            return ExperimentRasterView.fitScale(side, side, raster.width(), raster.height());
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computePrefWidth(double height) {
            return raster.width() * 1.5;
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefHeight(double width) {
            return Math.ceil(raster.height() * scaleFor(width < 0 ? computePrefWidth(-1) : width));
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected void layoutChildren() {
            double scale = scaleFor(getWidth());
            view.setFitWidth(raster.width() * scale);
            view.setFitHeight(raster.height() * scale);
            view.relocate(0, 0);
        }
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
