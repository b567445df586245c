package io.vaeexplorer.ui.sweeps;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Messages;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.sweep.SweepCsv;
import io.vaeexplorer.sweep.SweepEvent;
import io.vaeexplorer.sweep.SweepPlan;
import io.vaeexplorer.sweep.SweepResult;
import io.vaeexplorer.sweep.SweepRunner;
import io.vaeexplorer.training.StepCost;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.gallery.GalleryViewModel;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings sweeps' view-model: a plan built from the current settings and a spec (or a preset), run in the
 * background one configuration after another by a {@link SweepRunner}, its runs as rows that update live, the
 * finished results (also added to the model gallery) and their CSV export. FX thread only; the runner's events
 * hop here.
 */
public final class SettingsSweepsViewModel {

    private final Executor fx;
    private final TaskExecutor files;
    private final UserMessages messages;
    private final GalleryViewModel gallery;
    private final ObservableValue<TrainingSettings> settings;
    private final ObservableValue<Dataset> dataset;
    private final Path modelsFolder;
    private final BooleanSupplier training;
    private final StringProperty spec = new SimpleStringProperty("latent=2,20");
    private final ObservableList<SweepRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SweepResult> results = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private SweepRunner runner;
    private Path saveDir;
    private int sweepsStarted;
    /** Row of the current sweep's first run: its events carry plan indices. */
    private int rowOffset;

    /**
     * @param fx where the runner's events are handled (the FX thread)
     * @param files where the CSV export is written
     * @param gallery where finished models are listed
     * @param settings the panel's settings, which every run starts from
     * @param dataset the open data set, which the runs train on
     * @param modelsFolder where each sweep saves its models, in a folder of its own
     * @param training true while a run trains or pauses on the Explorer page (both would share the cores)
     */
    public SettingsSweepsViewModel(Executor fx, TaskExecutor files, UserMessages messages, GalleryViewModel gallery,
                                   ObservableValue<TrainingSettings> settings, ObservableValue<Dataset> dataset,
                                   Path modelsFolder, BooleanSupplier training) {
        this.fx = fx;
        this.files = files;
        this.messages = messages;
        this.gallery = gallery;
        this.settings = settings;
        this.dataset = dataset;
        this.modelsFolder = modelsFolder;
        this.training = training;
    }

    /** The axes to sweep, e.g. {@code latent=2,20 beta=1,4}; see {@link SweepPlan#parse}. */
    public StringProperty specProperty() {
        return spec;
    }

    public ObservableList<SweepRow> rows() {
        return rows;
    }

    /** Finished runs' results, in the order they finished. */
    public ObservableList<SweepResult> results() {
        return results;
    }

    /** Epochs each run of a sweep trains (the panel's setting, unless the spec sweeps it). */
    public ObservableValue<Integer> epochsProperty() {
        return settings.map(TrainingSettings::epochs);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Starts a sweep over the spec's axes, every other setting taken from the settings panel. */
    public void start() {
        startWith(null);
    }

    /** Starts one of the preset sweeps (the three ablations, or latent sizes 2 and 20). */
    public void startPreset(SweepPlan.Preset preset) {
        startWith(preset);
    }

    private void startWith(SweepPlan.Preset preset) {
        if (running.get()) {
            messages.error("a sweep is already running");
            return;
        }
        if (training.getAsBoolean()) {
            messages.error("stop the training run before starting a sweep (both would share the two cores)");
            return;
        }
        Dataset data = dataset.getValue();
        if (data == null) {
            messages.error("no data set is open");
            return;
        }
        SweepPlan plan;
        try {
            TrainingSettings s = settings.getValue();
            ModelConfig base = s.modelConfig(data.channels(), data.rows(), data.cols(),
                    s.conditional() ? data.conditionClasses() : 0);
            TrainingConfig training = s.trainingConfig();
            plan = preset != null ? preset.plan(base, training, data::conditionClasses)
                    : SweepPlan.parse(spec.get(), base, training, data::conditionClasses);
            for (int i = 0; i < plan.size(); i++) {
                if (!StepCost.affordable(plan.run(i).model())) {
                    throw new IllegalArgumentException("run " + (i + 1) + " (" + plan.run(i).name() + "): "
                            + StepCost.refusal(plan.run(i).model()));
                }
            }
            saveDir = modelsFolder.resolve("sweep-" + LocalDateTime.now()
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            runner = new SweepRunner(data, plan, SweepRunner.Options.defaults().withSaveDir(saveDir));
        } catch (RuntimeException e) {
            messages.error(Messages.oneLine(e));
            return;
        }
        // earlier sweeps' rows and results stay: a new sweep adds its rows below them
        sweepsStarted++;
        rowOffset = rows.size();
        List<SweepRow> fresh = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            SweepPlan.Run run = plan.run(i);
            fresh.add(new SweepRow(rowOffset + i, "sweep " + sweepsStarted + ": " + run.name(),
                    run.model().describe() + ", " + run.training().epochs() + " epochs"));
        }
        rows.addAll(fresh);
        running.set(true);
        SweepRunner mine = runner;
        mine.addListener(event -> fx.execute(() -> {
            if (runner == mine) {
                onEvent(event);
            }
        }));
        mine.start();
    }

    /** Cancels the run of a row (its index among all rows); rows of earlier sweeps have ended already. */
    public void cancel(int rowIndex) {
        if (runner != null && rowIndex >= rowOffset) {
            runner.cancel(rowIndex - rowOffset);
        }
    }

    public void cancelAll() {
        if (runner != null) {
            runner.cancelAll();
        }
    }

    /** Writes the finished results as CSV in the background. */
    public void exportCsv(Path file) {
        List<SweepResult> snapshot = List.copyOf(results);
        if (snapshot.isEmpty()) {
            messages.error("no finished runs to export yet");
            return;
        }
        BackgroundTask.wrap(() -> SweepCsv.write(file, snapshot))
                .onSuccess(written -> messages.status("saved " + written))
                .onFailure(message -> messages.error("could not write " + file + ": " + message))
                .executeWith(files);
    }

    private void onEvent(SweepEvent event) {
        if (event instanceof SweepEvent.RunEvent runEvent && rowOffset + runEvent.index() >= rows.size()) {
            return;
        }
        if (event instanceof SweepEvent.RunQueued q) {
            rows.get(rowOffset + q.index()).update(SweepRunner.RunStatus.QUEUED, 0, "queued");
        } else if (event instanceof SweepEvent.RunStarted s) {
            rows.get(rowOffset + s.index()).update(SweepRunner.RunStatus.RUNNING, 0, "starting");
        } else if (event instanceof SweepEvent.RunProgress p) {
            rows.get(rowOffset + p.index()).update(SweepRunner.RunStatus.RUNNING, p.runFraction(),
                    String.format("epoch %d/%d, loss %.1f, %.0f images/s", p.epoch(), p.epochs(), p.loss().negElbo(),
                            p.samplesPerSecond()));
        } else if (event instanceof SweepEvent.RunEpoch e) {
            rows.get(rowOffset + e.index()).update(SweepRunner.RunStatus.RUNNING,
                    e.record().epoch() / (double) Math.max(1, e.epochs()),
                    String.format("epoch %d/%d, test -ELBO %.2f", e.record().epoch(), e.epochs(),
                            e.record().test().negElbo()));
        } else if (event instanceof SweepEvent.RunEvaluating v) {
            rows.get(rowOffset + v.index()).update(SweepRunner.RunStatus.EVALUATING, 1, "measuring the IWAE bound");
        } else if (event instanceof SweepEvent.RunFinished f) {
            rows.get(rowOffset + f.index()).finish(f.result());
            results.add(f.result());
            SweepResult r = f.result();
            ModelScore known = r.hasIwae() && r.iwaeSamples() == GalleryViewModel.IWAE_K
                    && r.iwaeImages() == GalleryViewModel.IWAE_IMAGES
                    ? new ModelScore(r.test(), r.iwaeLogLikelihood(), r.iwaeSamples(), r.iwaeImages(), 0) : null;
            gallery.add(r.name(), "sweep", r.checkpoint(), r.checkpointFile(), known);
        } else if (event instanceof SweepEvent.RunFailed f) {
            rows.get(rowOffset + f.index()).update(SweepRunner.RunStatus.FAILED, -1, "failed: " + f.message());
        } else if (event instanceof SweepEvent.RunCancelled c) {
            rows.get(rowOffset + c.index()).update(SweepRunner.RunStatus.CANCELLED, -1,
                    c.started() ? "cancelled while training" : "cancelled before it started");
        } else if (event instanceof SweepEvent.SweepFinished done) {
            running.set(false);
            messages.status(String.format("sweep finished in %.0f s: %d finished, %d failed, %d cancelled;"
                    + " models saved in %s", done.seconds(), done.count(SweepRunner.RunStatus.FINISHED),
                    done.count(SweepRunner.RunStatus.FAILED), done.count(SweepRunner.RunStatus.CANCELLED), saveDir));
        }
    }

    /** Stops a running sweep (the window is closing). */
    public void dispose() {
        cancelAll();
    }
}
