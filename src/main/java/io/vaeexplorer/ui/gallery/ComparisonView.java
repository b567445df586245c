package io.vaeexplorer.ui.gallery;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.RasterImages;
import io.vaeexplorer.ui.fx.RasterView;
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
 * the decoded manifold over the same region, and their test -ELBO per epoch on one chart. Its
 * {@link ComparisonViewModel} computes the pictures; this view only shows them, the columns sharing the width and
 * every picture as large as its column (up to {@link #MAX_PICTURE}), again on every resize.
 */
public final class ComparisonView extends VBox {

    /** Narrowest column: four models still fit side by side in a window of ordinary width. */
    static final double MIN_COLUMN_WIDTH = 160;
    /** Largest side of a picture: a whole column of two models would be taller than the pane shows at once. */
    static final double MAX_PICTURE = 480;

    private final ComparisonViewModel comparison;
    private final Label status = new Label();
    private final HBox columns = new HBox(14);
    private final LineChart<Number, Number> chart;

    public ComparisonView(ComparisonViewModel comparison) {
        super(8);
        this.comparison = comparison;
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
        status.textProperty().bind(comparison.statusProperty());
        columns.setId("comparison-columns");
        getChildren().addAll(status, columns, chart);
        comparison.resultProperty().addListener((obs, was, now) -> show(now));
        show(comparison.resultProperty().get());
    }

    /** The comparison on screen, or null (for tests and export). */
    public ComparisonBuilder.Result shown() {
        return comparison.resultProperty().get();
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    private void show(ComparisonBuilder.Result result) {
        columns.getChildren().clear();
        chart.getData().clear();
        // an empty chart with its title reads as a comparison with no data; it appears with the first comparison
        chart.setVisible(result != null);
        chart.setManaged(result != null);
        if (result == null) {
            return;
        }
        for (ComparisonBuilder.Column c : result.columns()) {
            VBox column = new VBox(4);
            column.setAlignment(Pos.TOP_LEFT);
            Label config = new Label(c.checkpoint().config().describe() + ", " + c.checkpoint().epochsDone()
                    + " epochs");
            config.setFont(Font.font(10));
            config.setWrapText(true);
            // the test images above each model's reconstructions of them, as in the Reconstructions tab
            Raster pairs = ImageTiler.stack(result.originals(), c.reconstructions(), 3);
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
    }

    private static FittedRaster pairsView(Raster pairs) {
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
     * {@link RasterView#fitScale} picks; its height follows its width.
     */
    static final class FittedRaster extends Region {

        private final Raster raster;
        private final ImageView view;

        FittedRaster(Raster raster) {
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
            return RasterView.fitScale(side, side, raster.width(), raster.height());
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
}
