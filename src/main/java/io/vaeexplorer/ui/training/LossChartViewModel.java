package io.vaeexplorer.ui.training;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.store.CsvWriter;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the loss chart shows and what it exports: the run's losses ({@link LossHistory}), the steps of the run in
 * progress (which the step axis spans), and the CSV of every step and the PNG of the chart, both written on the
 * file executor so that a long history or a slow disk never holds up the window. A failed export reports through
 * the error banner; a finished one through the status line and the chart's own line.
 *
 * <p>A view-model of its own rather than part of {@link TrainingViewModel}: the chart only reads what a run leaves
 * behind, and its exports need the file executor and none of the run's control (the service, the workspace, the
 * gallery), so it is built and tested with a history and executors alone.
 *
 * <p>FX thread only.
 */
public final class LossChartViewModel {

    /** The CSV's columns: a step row fills the train columns, an epoch row all of them. */
    static final List<String> CSV_HEADER = List.of("kind", "step", "epoch", "total", "reconstruction", "kl",
            "test_total", "test_reconstruction", "test_kl");

    private final LossHistory history;
    private final ReadOnlyObjectProperty<long[]> runSteps;
    private final ObjectProperty<KlCurve> klCurve = new SimpleObjectProperty<>(this, "klCurve");
    private final TaskExecutor files;
    private final ExportSize exportSize;
    private final UserMessages messages;
    private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");

    /**
     * @param history the losses of the current run (or of the model last loaded)
     * @param runSteps {first, last} optimiser step of the run in progress; null when none trains
     * @param files where the exports are written
     * @param exportSize the size the chart's picture is exported at
     * @param messages the status line and the error banner
     */
    public LossChartViewModel(LossHistory history, ReadOnlyObjectProperty<long[]> runSteps, TaskExecutor files,
                              ExportSize exportSize, UserMessages messages) {
        this.history = history;
        this.runSteps = runSteps;
        this.files = files;
        this.exportSize = exportSize;
        this.messages = messages;
    }

    public LossHistory history() {
        return history;
    }

    /** {first, last} optimiser step of the run in progress; null when none trains. */
    /** The run's KL weight per step, drawn under the losses; null while no run's schedule is known. */
    public ObjectProperty<KlCurve> klCurveProperty() {
        return klCurve;
    }

    public ReadOnlyObjectProperty<long[]> runStepsProperty() {
        return runSteps;
    }

    /** "saved" and the file after an export that succeeded; empty after one that failed (the banner says why). */
    public ReadOnlyStringProperty exportMessageProperty() {
        return exportMessage.getReadOnlyProperty();
    }

    /**
     * Writes every step's loss (not smoothed) and then every epoch's train and test losses as CSV. The history is
     * copied here, on the FX thread, and the copy written in the background, so the run may go on meanwhile.
     */
    public void exportCsv(Path file) {
        List<LossHistory.StepPoint> steps = List.copyOf(history.steps());
        List<EpochRecord> epochs = List.copyOf(history.epochs());
        export(file, () -> CsvWriter.write(file, csv -> writeCsv(csv, steps, epochs)));
    }

    /** How many times as wide and high as at 1x the view takes the chart's picture for the next PNG. */
    public int exportScale() {
        return exportSize.scale();
    }

    /** Writes a picture of the chart, taken on the FX thread at {@link #exportScale()}, as PNG. */
    public void exportPng(Path file, BufferedImage chart) {
        export(file, () -> PngWriter.write(chart, file));
    }

    private void export(Path file, Callable<Path> write) {
        BackgroundTask.wrap(write).onSuccess(written -> {
            exportMessage.set("saved " + written);
            messages.status("saved " + written);
        }).onFailure(message -> {
            exportMessage.set("");
            messages.error(message.contains(file.toString()) ? message : "could not save " + file + ": " + message);
        }).executeWith(files);
    }

    /** The rows of the loss CSV: the header, a row per step, then a row per epoch. */
    static void writeCsv(CsvWriter csv, List<LossHistory.StepPoint> steps, List<EpochRecord> epochs)
            throws IOException {
        csv.row(CSV_HEADER);
        for (LossHistory.StepPoint s : steps) {
            csv.row("step", Long.toString(s.step()), "", number(s.total()), number(s.reconstruction()),
                    number(s.kl()), "", "", "");
        }
        for (EpochRecord e : epochs) {
            csv.row("epoch", Long.toString(e.step()), Integer.toString(e.epoch()), number(e.train().negElbo()),
                    number(e.train().reconstruction()), number(e.train().kl()), number(e.test().negElbo()),
                    number(e.test().reconstruction()), number(e.test().kl()));
        }
    }

    /** Six decimals with '.' whatever the default locale. */
    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
