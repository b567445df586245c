package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.KlWeighting;
import io.vaeexplorer.core.Messages;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingPreset;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.training.StepCost;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.fx.FxBatcher;
import io.vaeexplorer.ui.fx.FxCoalescer;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.gallery.GalleryViewModel;
import io.vaeexplorer.ui.plane.PlaneViewModel;
import io.vaeexplorer.ui.workspace.Workspace;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

/**
 * Training from the window: start, pause, resume and stop a run, and the bridge from the training thread's events
 * to the window. Weights reach the {@link Workspace} coalesced (the newest wins), every other event in batches, each
 * with one hop to the FX thread per frame however fast the trainer publishes. A finished run becomes the current
 * model and is saved to the gallery; a run that kept nothing leaves the previous model current.
 *
 * <p>FX thread only.
 */
public final class TrainingViewModel {

    /**
     * The least gap between the trainer's encodes of the test codes while an epoch runs (it also sends them at each
     * epoch's end). It encodes them itself, between steps, because an encode on another thread competes with the
     * training threads for the cores. The trainer widens the gap where the encode is slow, so the plane takes a
     * small share of training whatever the model, and narrows it in a run's first seconds, so the plane moves
     * while the model changes most.
     */
    public static final long LATENT_REFRESH_MILLIS = 1500;
    /**
     * The least gap between the trainer's copies of its weights for the views (the decode under the marker and the
     * manifold follow them), narrowed in a run's first seconds as the codes' is: every copy, decode and redraw is
     * taken from training, and a copy a second keeps the decode alive at little cost.
     */
    public static final long SNAPSHOT_MILLIS = 1000;
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss");

    private final Executor fx;
    private final Workspace workspace;
    private final PlaneViewModel plane;
    private final GalleryViewModel gallery;
    private final ObjectProperty<TrainingSettings> settings;
    private final ObservableBooleanValue sweepRunning;
    private final UserMessages messages;
    private final Runnable saveSettings;
    private final BooleanBinding hasModel;

    private final ReadOnlyObjectWrapper<TrainingState> trainingState = new ReadOnlyObjectWrapper<>(TrainingState.READY);
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(0);
    /** {first, last} optimiser step of the run in progress; null when none trains. */
    private final ReadOnlyObjectWrapper<long[]> runSteps = new ReadOnlyObjectWrapper<>();
    private final LossHistory lossHistory = new LossHistory();
    private final ReadOnlyObjectWrapper<KlCurve> klCurve = new ReadOnlyObjectWrapper<>();
    /** The KL weighting of the run in progress, for its {@link KlCurve}. */
    private KlWeighting runWeighting;
    private final FxCoalescer<WeightSnapshot> snapshots;
    private final FxBatcher<TrainingEvent> events;
    private TrainingService service;
    private int runEpochs = 1;
    /** The architecture and loss of the run in progress (or the last one). */
    private ModelConfig runConfig;

    /**
     * @param settings the panel's settings, which a run starts with
     * @param sweepRunning true while the settings sweeps train, which leaves no room for a run here
     * @param saveSettings persists the settings off the FX thread when a run starts
     */
    public TrainingViewModel(Executor fx, Workspace workspace, PlaneViewModel plane, GalleryViewModel gallery,
                             ObjectProperty<TrainingSettings> settings, ObservableBooleanValue sweepRunning,
                             UserMessages messages, Runnable saveSettings) {
        this.fx = fx;
        this.workspace = workspace;
        this.plane = plane;
        this.gallery = gallery;
        this.settings = settings;
        this.sweepRunning = sweepRunning;
        this.messages = messages;
        this.saveSettings = saveSettings;
        this.snapshots = new FxCoalescer<>(fx, workspace::showWeights);
        this.events = new FxBatcher<>(fx, this::onTrainingEvents);
        this.hasModel = workspace.checkpointProperty().isNotNull();
    }

    public ReadOnlyObjectProperty<TrainingState> trainingStateProperty() {
        return trainingState.getReadOnlyProperty();
    }

    /** The device training runs on, as a person reads it. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty epochProgressProperty() {
        return epochProgress.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    /** {first, last} optimiser step of the run in progress (for the loss chart's run view); null when none trains. */
    public ReadOnlyObjectProperty<long[]> runStepsProperty() {
        return runSteps.getReadOnlyProperty();
    }

    /** True while the settings sweeps train: no run starts here then. */
    public ObservableBooleanValue sweepRunningProperty() {
        return sweepRunning;
    }

    /** True while there is a current model (one a person may save when no run trains). */
    public ObservableBooleanValue hasModelProperty() {
        return hasModel;
    }

    /** The KL weight per step of the newest run, known from its first step on; null before. */
    public ReadOnlyObjectProperty<KlCurve> klCurveProperty() {
        return klCurve.getReadOnlyProperty();
    }

    public LossHistory lossHistory() {
        return lossHistory;
    }

    /** True while a run trains or pauses. */
    public boolean isTraining() {
        return service != null && !service.state().isFinal();
    }

    /** The device found at start-up, shown until a run names the one it trains on. */
    public void deviceFound(String name) {
        if (device.get().isEmpty()) {
            device.set(name);
        }
    }

    /** Starts training a new model with the current settings on the open data set. */
    public void startTraining() {
        startTraining(settings.get());
    }

    /**
     * Starts a run with the current settings changed by one preset (the tutorials' comparisons). The panel's
     * settings stay as they are: the change belongs to this run only.
     */
    public void trainPreset(TrainingPreset preset) {
        startTraining(preset.applyTo(settings.get()));
    }

    /**
     * Trains again with a linear KL warm-up over the first half of the run (at least one epoch): the remedy for a
     * posterior that collapsed early, when the KL term pulled every code to the prior before the decoder could use
     * them. The panel takes the schedule, so the next runs keep it until it is changed. A run in progress is
     * stopped first and the new one starts once it has ended.
     */
    public void restartWithWarmup() {
        TrainingSettings now = settings.get();
        settings.set(now.withKlSchedule(KlSchedule.warmup(Math.max(1, now.epochs() / 2)).label()));
        if (!isTraining()) {
            startTraining();
            return;
        }
        TrainingService stopping = service;
        trainingState.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends TrainingState> obs, TrainingState was,
                    TrainingState now) {
                if (service != stopping || now.isFinal()) {
                    trainingState.removeListener(this);
                    if (service == stopping) {
                        // after the ended run's own handling (saving it, making it current) has finished
                        fx.execute(() -> startTraining());
                    }
                }
            }
        });
        stopTraining();
    }

    public void pauseTraining() {
        if (service != null) {
            service.pause();
        }
    }

    public void resumeTraining() {
        if (service != null) {
            service.resume();
        }
    }

    public void stopTraining() {
        if (service != null) {
            service.cancel();
        }
    }

    /** Stops a run in progress for good (the window closes). */
    public void close() {
        stopTraining();
    }

    private void startTraining(TrainingSettings s) {
        if (isTraining()) {
            messages.error("a run is already in progress");
            return;
        }
        if (sweepRunning.get()) {
            messages.error("a sweep is running: cancel it or wait for it before training here");
            return;
        }
        Dataset data = workspace.datasetProperty().get();
        if (data == null) {
            messages.error("no data set is open");
            return;
        }
        TrainingRequest request;
        try {
            ModelConfig model = s.modelConfig(data.channels(), data.rows(), data.cols(),
                    s.conditional() ? data.conditionClasses() : 0);
            request = TrainingRequest.watched(data, model, s.trainingConfig(), SNAPSHOT_MILLIS, LATENT_REFRESH_MILLIS);
        } catch (IllegalArgumentException e) {
            messages.error("cannot start: " + Messages.oneLine(e));
            return;
        }
        if (!StepCost.affordable(request.model())) {
            messages.error("cannot start: " + StepCost.refusal(request.model()));
            return;
        }
        saveSettings.run();
        lossHistory.clear();
        plane.startRun();
        runEpochs = Math.max(1, request.training().epochs());
        runSteps.set(null);
        runWeighting = new KlWeighting(request.training().klSchedule(), request.model().beta(),
                request.model().objective(), runEpochs);
        klCurve.set(null);
        epochProgress.set(0);
        runProgress.set(0);
        service = new TrainingService(request);
        runConfig = request.model();
        TrainingService current = service;
        current.addListener(event -> {
            if (event instanceof TrainingEvent.Snapshot published) {
                snapshots.submit(published.snapshot());
            } else {
                events.submit(event);
            }
        });
        current.result().thenAccept(result -> fx.execute(() -> finished(current, result)));
        messages.status("starting " + request.model().describe());
        current.start();
    }

    private void onTrainingEvents(List<TrainingEvent> batch) {
        for (TrainingEvent event : batch) {
            if (event instanceof TrainingEvent.Step step) {
                if (runSteps.get() == null) {
                    long first = step.step() - ((long) (step.epoch() - 1) * step.batchesPerEpoch() + step.batch());
                    runSteps.set(new long[] {first, first + (long) runEpochs * step.batchesPerEpoch()});
                    if (runWeighting != null) {
                        klCurve.set(new KlCurve(runWeighting, first, step.batchesPerEpoch()));
                    }
                }
                lossHistory.addStep(step.step(), step.loss());
                epochProgress.set(step.batch() / (double) step.batchesPerEpoch());
                messages.status(String.format("epoch %d, batch %d/%d, loss %.1f, %.0f images/s", step.epoch(),
                        step.batch(), step.batchesPerEpoch(), step.loss().negElbo(), step.samplesPerSecond()));
                runProgress.set((step.epoch() - 1 + step.batch() / (double) step.batchesPerEpoch()) / runEpochs);
            } else if (event instanceof TrainingEvent.Epoch epoch) {
                lossHistory.addEpoch(epoch.record());
            } else if (event instanceof TrainingEvent.Codes codes) {
                plane.showTrainingCodes(codes.codes(), codes.step());
            } else if (event instanceof TrainingEvent.StateChanged change) {
                trainingState.set(change.state());
                if (!change.device().isEmpty()) {
                    device.set(change.device());
                }
            }
        }
    }

    private void finished(TrainingService run, TrainingResult result) {
        if (run != service) {
            return;
        }
        events.drainNow(); // the run's last steps and epoch reach the views before its end state
        runSteps.set(null);
        trainingState.set(result.state());
        Checkpoint trained = result.checkpoint();
        boolean kept = trained != null && trained.epochsDone() > 0 && result.state() != TrainingState.FAILED;
        if (kept) {
            workspace.setCheckpoint(trained);
            workspace.showWeights(trained.weights());
            plane.refreshLatentPoints();
            String outcome = result.state() == TrainingState.FINISHED
                    ? String.format("finished: test -ELBO %.2f nats", result.test().negElbo())
                    : "stopped after " + trained.epochsDone() + (trained.epochsDone() == 1 ? " epoch" : " epochs")
                            + "; the model keeps the weights of its last step";
            if (result.state() == TrainingState.FINISHED) {
                runProgress.set(1);
            }
            messages.status(outcome + "; saving ...");
            gallery.saveRun(runName(trained.config()), trained, entry -> {
                if (service == run) {
                    messages.status(outcome + (entry.file() == null ? "" : "; saved as \"" + entry.name() + "\""));
                }
            });
            return;
        }
        // nothing worth keeping: the model that was current before the run stays current
        String why = result.state() == TrainingState.FAILED ? result.message()
                : "stopped before its first epoch ended";
        gallery.addFailed(runName(runConfig), runConfig, why);
        Checkpoint previous = workspace.checkpointProperty().get();
        if (previous != null) {
            workspace.showWeights(previous.weights());
            plane.refreshLatentPoints();
        }
        String keeps = previous == null ? "" : "; the previous model stays current";
        if (result.state() == TrainingState.FAILED) {
            messages.status("failed" + keeps);
            messages.error(result.message());
        } else {
            messages.status("stopped before the first epoch ended: nothing was kept" + keeps);
        }
    }

    /** A run's name in the gallery and its folder's name: when it started and what tells it apart. */
    private static String runName(ModelConfig c) {
        return "run " + LocalDateTime.now().format(RUN_TIME) + " " + shortName(c);
    }

    /** "d=2 ELBO", "d=20 KL only", "conditional d=2 ELBO": what tells the tutorials' runs apart. */
    public static String shortName(ModelConfig c) {
        String objective = c.objective() == Objective.ELBO && c.beta() != 1f ? "beta=" + c.beta()
                : c.objective().label();
        return (c.kind() == ModelKind.CONV ? "conv " : "") + (c.conditional() ? "conditional " : "") + "d="
                + c.latent() + " " + objective;
    }
}
