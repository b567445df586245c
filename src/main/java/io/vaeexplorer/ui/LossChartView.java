package io.vaeexplorer.ui;

import io.vaeexplorer.files.AtomicFiles;
import io.vaeexplorer.model.EpochRecord;
import io.vaeexplorer.ui.LossHistory.StepPoint;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The loss curves of the current run: smoothed per-step -ELBO, reconstruction and KL (decimated by
 * {@link LossHistory}, so at most {@link LossHistory#MAX_CHART_POINTS} points each and no symbols), and per-epoch
 * train and test -ELBO with a symbol per epoch. A check box per curve shows or hides it; CSV and PNG export.
 *
 * <p>Use on the FX thread only, like the {@link ExplorerModel} it reads.
 */
public final class LossChartView extends VBox {

    /**
     * New step points reach the chart at most this often. Each update costs the chart a layout pass over all its
     * points and a repaint of its whole plot (about 20 ms of CPU in software rendering), taken from the two
     * cores the training runs on, where a millisecond of window work costs training one to two; every two seconds
     * still reads as live. Clears and epoch points go at once. Just under two of the training events' one-second
     * batches, so that the chart changes in the same pulse as the progress bars.
     */
    static final long APPEND_INTERVAL_MILLIS = 1900;

    private final LossHistory history;
    private final List<SeriesMirror<?>> mirrors = new ArrayList<>();
    private final FxDelay appendDelay = new FxDelay(Platform::runLater, this::flushAll);
    private boolean flushQueued;
    private long lastFlushNanos;
    private final LineChart<Number, Number> chart;
    private final NumberAxis steps;
    private final Label exportMessage = new Label();

    public LossChartView(ExplorerModel model) {
        this.history = model.lossHistory();

        steps = new NumberAxis();
        steps.setLabel("optimiser step");
        steps.setAnimated(false);
        NumberAxis nats = new NumberAxis();
        nats.setLabel("nats per image");
        nats.setForceZeroInRange(false); // so a curve shown alone (KL) fills the height
        nats.setAnimated(false);
        chart = new LineChart<>(steps, nats);
        chart.setId("loss-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false); // step curves: no Node per point; epoch points bring their own symbol
        chart.setMinHeight(200);
        VBox.setVgrow(chart, Priority.ALWAYS);

        List<SeriesMirror<?>> curves = List.of(
                stepCurve("-ELBO (smoothed)", StepPoint::total),
                stepCurve("reconstruction", StepPoint::reconstruction),
                stepCurve("KL", StepPoint::kl),
                epochCurve("train -ELBO (epoch)", e -> e.train().negElbo()),
                epochCurve("test -ELBO (epoch)", e -> e.test().negElbo()));
        // short names: the legend under the chart says what each colour is
        String[] toggleNames = {"-ELBO", "reconstruction", "KL", "train", "test"};
        String[] toggleIds = {"show-total", "show-reconstruction", "show-kl", "show-train", "show-test"};

        HBox toolbar = new HBox(8, new Label("show:"));
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(4, 8, 4, 8));
        for (int i = 0; i < curves.size(); i++) {
            SeriesMirror<?> curve = curves.get(i);
            mirrors.add(curve);
            chart.getData().add(curve.series);
            CheckBox show = new CheckBox(toggleNames[i]);
            show.setId(toggleIds[i]);
            show.setMinWidth(Region.USE_PREF_SIZE);
            show.selectedProperty().bindBidirectional(curve.shown);
            toolbar.getChildren().add(show);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button csv = new Button("Export CSV");
        csv.setId("export-csv-button");
        csv.setOnAction(e -> chooseAndExport("Export losses as CSV", "CSV file (*.csv)", "*.csv", "losses.csv",
                this::exportCsv));
        Button png = new Button("Export PNG");
        png.setId("export-png-button");
        png.setOnAction(e -> chooseAndExport("Export loss chart as PNG", "PNG image (*.png)", "*.png", "losses.png",
                this::exportPng));
        exportMessage.setId("export-message");
        csv.setMinWidth(Region.USE_PREF_SIZE);
        png.setMinWidth(Region.USE_PREF_SIZE);
        toolbar.getChildren().addAll(spacer, csv, png);

        getChildren().addAll(toolbar, chart, exportMessage);
        model.runStepsProperty().addListener((obs, was, range) -> pinSteps(range));
        pinSteps(model.runStepsProperty().get());
    }

    /**
     * While a run trains the step axis spans the whole run, so new points do not re-range it and re-measure its
     * tick labels at every update (part of the chart's 10 ms layout in software); otherwise it fits the data.
     */
    void pinSteps(long[] range) {
        if (range == null || range[1] <= range[0]) {
            steps.setAutoRanging(true);
            return;
        }
        double unit = niceTickUnit(range[1] - range[0]);
        steps.setAutoRanging(false);
        steps.setLowerBound(range[0]);
        // a whole number of ticks: the axis labels its upper bound, and 4,690 at the edge was cut off
        steps.setUpperBound(range[0] + Math.ceil((range[1] - range[0]) / unit) * unit);
        steps.setTickUnit(unit);
    }

    /** A tick unit giving at most eight ticks over the span, at 1, 2 or 5 times a power of ten. */
    static double niceTickUnit(double span) {
        double raw = span / 8;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double mantissa = raw / power;
        return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
    }

    /** The chart itself (for tests and for embedding in a report). */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** Writes every step's loss and every epoch (see {@link LossHistory#writeCsv}) atomically; FX thread. */
    public Path exportCsv(Path file) throws IOException {
        return AtomicFiles.write(file, channel -> {
            Writer out = new java.io.BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            history.writeCsv(out);
            out.flush();
        });
    }

    /** Writes the chart as it is shown now to a PNG file; FX thread. */
    public Path exportPng(Path file) throws IOException {
        try {
            return NodeExport.writePng(chart, file);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private interface Export {
        Path to(Path file) throws IOException;
    }

    private void chooseAndExport(String title, String description, String pattern, String initialName,
                                 Export export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        chooser.setInitialFileName(initialName);
        File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen == null) {
            return;
        }
        try {
            exportMessage.setText("saved " + export.to(chosen.toPath()));
        } catch (IOException | RuntimeException e) {
            exportMessage.setText("could not save " + chosen + ": " + e.getMessage());
        }
    }

    /**
     * Brings every series up to its source at the end of the current FX event, or (for appended steps) when
     * {@link #APPEND_INTERVAL_MILLIS} have passed since the last update; all series change in the same pulse.
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
        for (SeriesMirror<?> mirror : mirrors) {
            mirror.flush();
        }
    }

    private SeriesMirror<StepPoint> stepCurve(String name, ToDoubleFunction<StepPoint> y) {
        return new SeriesMirror<>(name, history.chartSteps(), false, this::scheduleFlush,
                p -> new XYChart.Data<>(p.step(), y.applyAsDouble(p)));
    }

    private SeriesMirror<EpochRecord> epochCurve(String name, ToDoubleFunction<EpochRecord> y) {
        return new SeriesMirror<>(name, history.epochs(), true, this::scheduleFlush, e -> {
            XYChart.Data<Number, Number> point = new XYChart.Data<>(e.step(), y.applyAsDouble(e));
            point.setNode(new StackPane()); // the chart styles a given node as this series' symbol
            return point;
        });
    }

    /**
     * Keeps one chart series equal to a source list, cheaply. Changes are gathered and applied when the view
     * flushes: a run's steps since the last update become one addAll (each change to a series' data costs the
     * chart a pass over all its points), and anything other than appending (the history's decimation, a clear)
     * becomes one setAll. A hidden series holds no data, so the axes range over the shown curves only.
     */
    private static final class SeriesMirror<T> {

        final XYChart.Series<Number, Number> series = new XYChart.Series<>();
        final BooleanProperty shown = new SimpleBooleanProperty(true);
        private final ObservableList<T> source;
        private final Function<T, XYChart.Data<Number, Number>> toPoint;
        private final boolean appendsAtOnce;
        private final java.util.function.Consumer<Boolean> requestFlush;
        private int mirrored; // leading source items already in the series
        private boolean replaced = true; // the source changed other than by appending since the last flush

        /**
         * @param appendsAtOnce whether appended items are shown at once (rare epoch points) or at the view's
         *                      next timed update (steps)
         * @param requestFlush asks the view for a flush; true for at once
         */
        SeriesMirror(String name, ObservableList<T> source, boolean appendsAtOnce,
                     java.util.function.Consumer<Boolean> requestFlush,
                     Function<T, XYChart.Data<Number, Number>> toPoint) {
            this.source = source;
            this.toPoint = toPoint;
            this.appendsAtOnce = appendsAtOnce;
            this.requestFlush = requestFlush;
            series.setName(name);
            source.addListener(this::onChanged);
            shown.addListener(o -> {
                replaced = true;
                flush();
            });
            flush();
        }

        private void onChanged(ListChangeListener.Change<? extends T> change) {
            while (change.next()) {
                boolean appended = change.wasAdded() && !change.wasRemoved() && !change.wasPermutated()
                        && !change.wasUpdated() && change.getFrom() >= mirrored;
                replaced |= !appended;
            }
            requestFlush.accept(replaced || appendsAtOnce);
        }

        void flush() {
            if (!shown.get()) {
                series.getData().clear();
            } else if (replaced || mirrored > source.size()) {
                series.getData().setAll(points(source));
            } else if (mirrored < source.size()) {
                series.getData().addAll(points(source.subList(mirrored, source.size())));
            }
            mirrored = shown.get() ? source.size() : 0;
            replaced = false;
            // JavaFX's LineChart keeps drawing the old line of a series whose data was emptied (a new run after a
            // loaded model): hide the line while there is nothing to draw
            if (series.getNode() != null) {
                series.getNode().setVisible(!series.getData().isEmpty());
            }
        }

        private List<XYChart.Data<Number, Number>> points(List<? extends T> items) {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(items.size());
            for (T item : items) {
                points.add(toPoint.apply(item));
            }
            return points;
        }
    }
}
