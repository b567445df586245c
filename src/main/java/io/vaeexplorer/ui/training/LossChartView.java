package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.ui.fx.FxDelay;
import io.vaeexplorer.ui.fx.NodeExport;
import io.vaeexplorer.ui.fx.SaveDialog;
import io.vaeexplorer.ui.training.LossCurves.Curve;
import io.vaeexplorer.ui.training.LossCurves.Part;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;

/**
 * The loss curves of the current run: per-step -ELBO, reconstruction and KL, smoothed (the raw values faint
 * behind), and per-epoch train and test -ELBO with a symbol per epoch. One compact row of controls: a check box
 * per curve (coloured, in place of a legend), a log scale for the loss axis, the part of the run shown (whole or
 * its newest steps, the loss axis fitting what is shown) and the smoothing weight; CSV and PNG export. Moving the
 * mouse over the plot shows the values at the nearest step and epoch.
 *
 * <p>The controls keep their choice while the view lives (the window's lifetime): a new run does not reset them.
 * What is drawn comes from {@link LossCurves} (smoothing, the shown part, decimation to a few hundred points a
 * curve); the view copies it into the chart's series ({@link CurveSeries}), changing only the points that differ.
 * The readout under the mouse is a {@link LossReadout}; the exports are written by the {@link LossChartViewModel}.
 *
 * <p>Use on the FX thread only, like the {@link LossChartViewModel} it reads.
 */
public final class LossChartView extends VBox {

    /**
     * New step points reach the chart at most this often. Each update costs the chart a layout pass over all its
     * points and a repaint of its whole plot, taken from the cores the training runs on, and an update every
     * couple of seconds still reads as live. Clears, epoch points and the controls' changes go at once. Just under
     * two of the intervals at which the training events reach the window, so that the chart changes in the same
     * pulse as the progress bars.
     */
    static final long APPEND_INTERVAL_MILLIS = 1900;

    /** The smoothing weight the chart starts with: the curve follows about the last twenty steps. */
    static final double DEFAULT_SMOOTHING = 0.95;

    /** The part of the run the chart shows. */
    enum ShownPart {
        WHOLE_RUN("whole run", 0), LAST_5000("last 5,000", 5000), LAST_1000("last 1,000", 1000),
        LAST_200("last 200", 200);

        final String label;
        /** The newest steps shown; 0 for all. */
        final long steps;

        ShownPart(String label, long steps) {
            this.label = label;
            this.steps = steps;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The curves in the order of the chart's first five series and of the check boxes. */
    private static final String[] NAMES = {"-ELBO (smoothed)", "reconstruction", "KL", "train -ELBO (epoch)",
            "test -ELBO (epoch)"};
    private static final String[] TOGGLE_NAMES = {"-ELBO", "recon.", "KL", "train", "test"};
    private static final String[] TOGGLE_IDS = {"show-total", "show-reconstruction", "show-kl", "show-train",
            "show-test"};
    private static final String[] TOGGLE_TIPS = {"-ELBO per step (reconstruction + KL), nats per image",
            "reconstruction loss per step", "KL divergence per step", "-ELBO on the training set, per epoch",
            "-ELBO on the test set, per epoch"};
    /** JavaFX's own first five series colours, which these curves had with the stock legend. */
    private static final String[] COLORS = {"#f3622d", "#fba71b", "#57b757", "#41a9c9", "#4258c9"};
    private static final double RAW_OPACITY = 0.3;

    private final LossChartViewModel viewModel;
    private final LossHistory history;
    private final FxDelay appendDelay = new FxDelay(Platform::runLater, this::flushAll);
    private boolean flushQueued;
    private long lastFlushNanos;
    private final LineChart<Number, Number> chart;
    private final NumberAxis steps;
    private final LossAxis nats;
    private final List<XYChart.Series<Number, Number>> smoothedSeries = new ArrayList<>();
    private final List<XYChart.Series<Number, Number>> rawSeries = new ArrayList<>();
    private final XYChart.Series<Number, Number> trainSeries;
    private final XYChart.Series<Number, Number> testSeries;
    private final List<BooleanProperty> shown = new ArrayList<>();
    private final ObjectProperty<ShownPart> shownPart = new SimpleObjectProperty<>(ShownPart.WHOLE_RUN);
    private final Slider smoothing = new Slider(0, LossSmoothing.MAX_WEIGHT, DEFAULT_SMOOTHING);
    private final LossReadout readout;
    private LossCurves curves = LossCurves.of(List.of(), List.of(), 0, 0);
    private long[] runRange;
    private Point2D pointer; // in scene coordinates, while over the chart

    public LossChartView(LossChartViewModel viewModel) {
        this.viewModel = viewModel;
        this.history = viewModel.history();

        steps = new NumberAxis();
        steps.setLabel("optimiser step");
        steps.setAnimated(false);
        nats = new LossAxis();
        nats.setLabel("nats/image");
        chart = new LineChart<>(steps, nats);
        chart.setId("loss-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false); // step curves: no Node per point; epoch points bring their own symbol
        chart.setLegendVisible(false); // the coloured check boxes are the legend, and leave the plot its height
        chart.setMinHeight(100);
        readout = new LossReadout(steps, chart.lookup(".chart-plot-background"));

        for (int i = 0; i < 3; i++) {
            smoothedSeries.add(series(NAMES[i]));
        }
        trainSeries = series(NAMES[3]);
        testSeries = series(NAMES[4]);
        for (int i = 0; i < 3; i++) {
            rawSeries.add(series(NAMES[i] + " raw"));
        }
        chart.getData().addAll(smoothedSeries);
        chart.getData().addAll(List.of(trainSeries, testSeries));
        chart.getData().addAll(rawSeries);
        for (int i = 0; i < 3; i++) {
            smoothedSeries.get(i).getNode().setStyle("-fx-stroke: " + COLORS[i] + "; -fx-stroke-width: 2px;");
            Node raw = rawSeries.get(i).getNode();
            raw.setStyle("-fx-stroke: " + COLORS[i] + "; -fx-stroke-width: 1px;");
            raw.setOpacity(RAW_OPACITY);
            raw.setViewOrder(1); // behind the smoothed curves, which are added before them to keep their indices
        }
        trainSeries.getNode().setStyle("-fx-stroke: " + COLORS[3] + "; -fx-stroke-width: 1.5px;");
        testSeries.getNode().setStyle("-fx-stroke: " + COLORS[4] + "; -fx-stroke-width: 1.5px;");

        HBox toolbar = new HBox(6);
        toolbar.setId("loss-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(3, 6, 3, 6));
        for (int i = 0; i < NAMES.length; i++) {
            BooleanProperty show = new SimpleBooleanProperty(true);
            show.addListener(o -> scheduleFlush(true));
            shown.add(show);
            CheckBox box = new CheckBox(TOGGLE_NAMES[i]);
            box.setId(TOGGLE_IDS[i]);
            box.setGraphic(swatch(COLORS[i], i >= 3));
            box.setGraphicTextGap(3);
            box.setTooltip(new Tooltip(TOGGLE_TIPS[i]));
            box.setMinWidth(Region.USE_PREF_SIZE);
            box.selectedProperty().bindBidirectional(show);
            toolbar.getChildren().add(box);
        }

        CheckBox log = new CheckBox("log");
        log.setId("log-scale");
        log.setTooltip(new Tooltip("logarithmic loss axis: the first steps' hundreds of nats no longer flatten "
                + "the rest"));
        log.setMinWidth(Region.USE_PREF_SIZE);
        log.selectedProperty().bindBidirectional(nats.logScaleProperty());
        nats.logScaleProperty().addListener((obs, was, isLog) -> {
            nats.setLabel(isLog ? "nats/image (log)" : "nats/image");
            scheduleFlush(true);
        });

        ChoiceBox<ShownPart> part = new ChoiceBox<>();
        part.getItems().setAll(ShownPart.values());
        part.setId("shown-part");
        part.setTooltip(new Tooltip("show the whole run or only its newest steps; the loss axis fits what is "
                + "shown"));
        part.setMinWidth(Region.USE_PREF_SIZE);
        part.valueProperty().bindBidirectional(shownPart);
        shownPart.addListener(o -> scheduleFlush(true));

        smoothing.setId("smoothing");
        smoothing.setPrefWidth(70);
        smoothing.setMinWidth(40);
        smoothing.setBlockIncrement(0.05);
        Label smoothingValue = new Label();
        smoothingValue.setId("smoothing-value");
        smoothingValue.setMinWidth(Region.USE_PREF_SIZE);
        smoothingValue.textProperty().bind(smoothing.valueProperty().asString(Locale.ROOT, "%.2f"));
        Label smoothingLabel = new Label("smooth");
        smoothingLabel.setId("smoothing-label");
        smoothingLabel.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip smoothingTip = new Tooltip("exponential moving average of the step losses, as TensorBoard draws it: "
                + "0 draws the raw losses; the raw curve stays faint behind the smoothed one");
        smoothing.setTooltip(smoothingTip);
        smoothingLabel.setTooltip(smoothingTip);
        smoothing.valueProperty().addListener(o -> scheduleFlush(true));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        MenuItem csv = new MenuItem("CSV of every step...");
        csv.setId("export-csv");
        csv.setOnAction(e -> SaveDialog.choose(this, "Export losses as CSV", "losses.csv", "CSV file", "*.csv")
                .ifPresent(viewModel::exportCsv));
        MenuItem png = new MenuItem("PNG of the chart...");
        png.setId("export-png");
        png.setOnAction(e -> SaveDialog.choose(this, "Export loss chart as PNG", "losses.png", "PNG image", "*.png")
                .ifPresent(this::exportPng));
        MenuButton export = new MenuButton("Export", null, csv, png);
        export.setId("export-menu");
        export.setMinWidth(Region.USE_PREF_SIZE);
        toolbar.getChildren().addAll(log, part, smoothingLabel, smoothing, smoothingValue, spacer, export);

        chart.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            pointer = new Point2D(e.getSceneX(), e.getSceneY());
            updateReadout();
        });
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            pointer = null;
            updateReadout();
        });
        StackPane plotArea = new StackPane(chart, readout);
        plotArea.setMinHeight(100);
        VBox.setVgrow(plotArea, Priority.ALWAYS);

        Label exportMessage = new Label();
        exportMessage.setId("export-message");
        exportMessage.textProperty().bind(viewModel.exportMessageProperty());
        exportMessage.managedProperty().bind(exportMessage.textProperty().isNotEmpty());
        exportMessage.visibleProperty().bind(exportMessage.managedProperty());

        KlWeightChart klWeight = new KlWeightChart(viewModel.klCurveProperty(), steps);
        getChildren().addAll(toolbar, plotArea, klWeight, exportMessage);

        history.steps().addListener((ListChangeListener<LossHistory.StepPoint>) change -> {
            boolean appended = true;
            while (change.next()) {
                appended &= change.wasAdded() && !change.wasRemoved() && !change.wasPermutated()
                        && !change.wasUpdated();
            }
            scheduleFlush(!appended);
        });
        history.epochs().addListener((ListChangeListener<EpochRecord>) change -> scheduleFlush(true));
        viewModel.runStepsProperty().addListener((obs, was, range) -> pinSteps(range));
        runRange = viewModel.runStepsProperty().get();
        flushAll();
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        return series;
    }

    /** A check box's legend: a line for a step curve, a dot for epoch points. */
    private static Node swatch(String color, boolean epoch) {
        return epoch ? new Circle(4, Color.web(color)) : new Rectangle(12, 3, Color.web(color));
    }

    /** The chart itself (for tests and for embedding in a report). */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** The part of the run shown. */
    ObjectProperty<ShownPart> shownPartProperty() {
        return shownPart;
    }

    /** The smoothing weight, 0 (raw) to {@link LossSmoothing#MAX_WEIGHT}, to two decimals as the slider shows it. */
    double smoothing() {
        return Math.min(LossSmoothing.MAX_WEIGHT, Math.max(0, Math.round(smoothing.getValue() * 100) / 100.0));
    }

    /** Whether the loss axis is logarithmic. */
    BooleanProperty logScaleProperty() {
        return nats.logScaleProperty();
    }

    /**
     * While a run trains the step axis spans the whole run, so new points do not re-range it and re-measure its
     * tick labels at every update (a good part of the chart's layout); otherwise it fits the data. Showing only the
     * newest steps pins it to those instead.
     */
    void pinSteps(long[] range) {
        runRange = range;
        applyStepAxis();
    }

    private void applyStepAxis() {
        long recent = shownPart.get().steps;
        boolean runFitsWindow = runRange != null && runRange[1] - runRange[0] <= recent;
        if (recent > 0 && !curves.isEmpty() && !runFitsWindow) {
            // the newest steps, on round bounds that move now and then rather than at every update
            double unit = niceTickUnit(recent);
            double half = unit / 2;
            long newest = curves.newestStep();
            double lower = Math.floor(Math.max(newest - recent, curves.firstStep()) / half) * half;
            double upper = Math.max(Math.ceil(newest / half) * half, lower + half);
            pinStepAxis(lower, upper, unit);
        } else if (runRange != null && runRange[1] > runRange[0]) {
            double unit = niceTickUnit(runRange[1] - runRange[0]);
            // a whole number of ticks: the axis labels its upper bound, and a label that is no whole tick is cut off
            // at the plot's edge
            pinStepAxis(runRange[0], runRange[0] + Math.ceil((runRange[1] - runRange[0]) / unit) * unit, unit);
        } else {
            steps.setAutoRanging(true);
        }
    }

    private void pinStepAxis(double lower, double upper, double unit) {
        steps.setAutoRanging(false);
        steps.setLowerBound(lower);
        steps.setUpperBound(upper);
        steps.setTickUnit(unit);
    }

    /** A tick unit giving at most eight ticks over the span, at 1, 2 or 5 times a power of ten. */
    static double niceTickUnit(double span) {
        return LossAxis.niceStepAtLeast(span / 8);
    }

    /**
     * Hands a picture of the chart as it is shown now, drawn at the export size, to the view-model, which writes it
     * as PNG.
     */
    void exportPng(Path file) {
        viewModel.exportPng(file, NodeExport.snapshot(chart, viewModel.exportScale()));
    }

    /**
     * Brings the chart up to the history and the controls at the end of the current FX event, or (for appended
     * steps) when {@link #APPEND_INTERVAL_MILLIS} have passed since the last update; all series change in the same
     * pulse.
     */
    private void scheduleFlush(boolean urgent) {
        if (flushQueued) {
            return;
        }
        long wait = lastFlushNanos + APPEND_INTERVAL_MILLIS * 1_000_000L - System.nanoTime();
        if (urgent || wait <= 0) {
            appendDelay.cancel();
            flushQueued = true;
            Platform.runLater(this::flushAll);
        } else {
            appendDelay.schedule(wait / 1_000_000L);
        }
    }

    private void flushAll() {
        flushQueued = false;
        appendDelay.cancel();
        lastFlushNanos = System.nanoTime();
        double weight = smoothing();
        curves = LossCurves.of(history.steps(), history.epochs(), shownPart.get().steps, weight);
        boolean log = nats.isLogScale();
        Curve none = new Curve(new long[0], new double[0]);
        for (Part part : Part.values()) {
            int i = part.ordinal();
            boolean show = shown.get(i).get();
            CurveSeries.sync(smoothedSeries.get(i), show ? curves.stepCurve(part, true, log) : none, null);
            // with no smoothing the raw curve is the drawn one
            CurveSeries.sync(rawSeries.get(i), show && weight > 0 ? curves.stepCurve(part, false, log) : none, null);
        }
        CurveSeries.sync(trainSeries, shown.get(3).get() ? curves.epochCurve(false, log) : none, StackPane::new);
        CurveSeries.sync(testSeries, shown.get(4).get() ? curves.epochCurve(true, log) : none, StackPane::new);
        applyStepAxis();
        updateReadout();
    }

    private void updateReadout() {
        readout.update(pointer, curves, smoothing() > 0);
    }
}
