package io.vaeexplorer.ui;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.AggregatePosterior;
import io.vaeexplorer.explore.LatentGrid;
import io.vaeexplorer.explore.NearestPoint;
import io.vaeexplorer.render.GifWriter;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The explorer's view-model: the one object the views bind to. It owns the training service and the inference
 * worker and turns their output into JavaFX properties, always updated on the FX thread and coalesced (a trainer
 * that publishes a thousand times a second costs the FX thread a few hops per frame). All slow work (loading,
 * saving, training, encoding, decoding) runs elsewhere; every method here returns at once.
 *
 * <p>Call every method on the FX thread (the executor given to the constructor is the FX thread's queue).
 */
public final class ExplorerModel implements AutoCloseable {

    /**
     * The least gap between the trainer's encodes of the 10k test codes while an epoch runs (it also sends them at
     * each epoch's end). It encodes them itself, between steps: on another thread the encode's own threads fight
     * the training threads for the two cores. The trainer widens the gap where the encode is slow, so the plane
     * takes a small share of training whatever the model, and narrows it in a run's first seconds, so the plane
     * moves while the model changes most.
     */
    static final long LATENT_REFRESH_MILLIS = 1500;
    /**
     * The least gap between the trainer's copies of its weights for the views (the decode under the marker and the
     * manifold follow them), narrowed in a run's first seconds as the codes' is. On two cores every copy, decode
     * and redraw is taken from training: once a second keeps the decode alive at little cost.
     */
    static final long SNAPSHOT_MILLIS = 1000;
    static final int MANIFOLD_GRID = 20;
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss");

    private final Executor fx;
    private final InferenceWorker worker;
    /** A second inference thread for what a person drags (decode under the mouse, interpolation slider): it
     *  never waits behind a long job of the first, such as re-encoding the 10,000 test images. */
    private final InferenceWorker interactiveWorker;
    private final SettingsStore settingsStore;
    private final ExecutorService io = Executors.newSingleThreadExecutor(daemon("vae-io"));

    private final ReadOnlyObjectWrapper<TrainingState> trainingState = new ReadOnlyObjectWrapper<>(TrainingState.READY);
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Checkpoint> checkpoint = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<WeightSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ModelConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LatentPoints> latentPoints = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<float[]> selectedZ = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<GreyRaster> decodedImage = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty showManifold = new SimpleBooleanProperty(false);
    private final ObjectProperty<double[]> manifoldRegion = new SimpleObjectProperty<>(new double[] {-3, 3, -3, 3});
    private final ReadOnlyObjectWrapper<ManifoldImage> manifold = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<double[]> interpolationPath = new SimpleObjectProperty<>();
    private final javafx.beans.property.DoubleProperty interpolationT =
            new javafx.beans.property.SimpleDoubleProperty(Double.NaN);
    private final ObjectProperty<TrainingSettings> settings = new SimpleObjectProperty<>(TrainingSettings.defaults());
    private final LossHistory lossHistory = new LossHistory();
    private final ModelGallery gallery;
    private final SweepsModel sweeps;
    private final TrainingTimeline timeline = new TrainingTimeline();
    /** Which timeline frame the plane shows; -1 for the live codes. */
    private final IntegerProperty timelineIndex = new SimpleIntegerProperty(-1);
    /** The newest codes of the current weights, whatever the plane shows. */
    private LatentPoints livePoints;
    static final int TIMELINE_RECONSTRUCTIONS = 8;
    static final int TIMELINE_FRAME_MILLIS = 300;
    static final int TIMELINE_STRIP_FRAMES = 8;
    /** Width in cells of the aggregate-posterior density picture (its height follows the region's shape). */
    static final int DENSITY_CELLS = 200;

    /** A Gaussian posterior q(z|x) = N(mu, diag sigma^2), e.g. of the drawing on the sketch pad. */
    public record Posterior(float[] mu, float[] sigma) {
    }

    /** The density of the aggregate posterior against the prior over a region, as ARGB pixels (row 0 at the top). */
    public record DensityImage(int[] argb, int width, int height, double xMin, double xMax, double yMin, double yMax,
                               long pointsVersion) {
    }

    private final ObjectProperty<Posterior> sketchPosterior = new SimpleObjectProperty<>();
    private final ObservableList<Integer> ellipseImages = FXCollections.observableArrayList();
    private final BooleanProperty showDensity = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<DensityImage> density = new ReadOnlyObjectWrapper<>();
    /** Pure maths off the FX thread (the density grid); one at a time, the newest request wins. */
    private final ExecutorService maths = Executors.newSingleThreadExecutor(daemon("vae-maths"));
    private final java.util.concurrent.atomic.AtomicLong densityRequest = new java.util.concurrent.atomic.AtomicLong();
    private int runsStarted;

    private final FxCoalescer<WeightSnapshot> snapshots;
    private final FxBatcher<TrainingEvent> events;
    private TrainingService service;
    private int runEpochs = 1;
    /** The architecture and loss of the run in progress (or the last one). */
    private ModelConfig runConfig;
    /** {first, last} optimiser step of the run in progress; null when none trains. */
    private final ReadOnlyObjectWrapper<long[]> runSteps = new ReadOnlyObjectWrapper<>();

    public ExplorerModel(Executor fx, InferenceWorker worker, SettingsStore settingsStore) {
        this.fx = fx;
        this.worker = worker;
        this.interactiveWorker = InferenceWorker.interactive(fx);
        this.settingsStore = settingsStore;
        this.snapshots = new FxCoalescer<>(fx, this::showSnapshot);
        this.events = new FxBatcher<>(fx, this::onTrainingEvents);
        this.gallery = new ModelGallery(fx, error::set, modelsFolder());
        this.sweeps = new SweepsModel(this, fx);
        SettingsStore.Loaded loaded = settingsStore.load();
        settings.set(loaded.settings());
        if (loaded.warning() != null) {
            error.set(loaded.warning());
        }
        // loading the engine takes a moment on first use: find the device off the FX thread
        runInBackground(() -> ComputeDevice.preferred().describe(), name -> {
            if (device.get().isEmpty()) {
                device.set(name);
            }
        });
        showManifold.addListener((obs, was, on) -> refreshManifold());
        manifoldRegion.addListener((obs, was, now) -> refreshManifold());
        selectedZ.addListener((obs, was, z) -> decodeSelected());
        timelineIndex.addListener((obs, was, index) -> showTimelineFrame());
        showDensity.addListener((obs, was, on) -> refreshDensity());
        manifoldRegion.addListener((obs, was, now) -> refreshDensity());
        latentPoints.addListener((obs, was, now) -> {
            refreshDensity();
            if (now == null || was == null || now.count() != was.count()) {
                ellipseImages.clear();
            }
        });
    }

    // ---------------------------------------------------------------- read-only state for the views

    public ReadOnlyObjectProperty<TrainingState> trainingStateProperty() {
        return trainingState.getReadOnlyProperty();
    }

    /** The device training runs on, as a person reads it. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** One line on what is going on (loading, training speed, saved to ...). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last error, one line, for a person to read; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void clearError() {
        error.set("");
    }

    /** Shows a one-line message on what happened (e.g. a sweep finished). */
    public void reportStatus(String message) {
        status.set(message);
    }

    /** Shows a one-line problem found outside the model (e.g. by the window while starting). */
    public void reportError(String message) {
        error.set(message);
    }

    public ReadOnlyDoubleProperty epochProgressProperty() {
        return epochProgress.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    /**
     * The steps the run in progress will cover, {first, last}, known from its first step; null while no run
     * trains. The loss chart pins its step axis to it, so the axis does not re-range at every update.
     */
    public ReadOnlyObjectProperty<long[]> runStepsProperty() {
        return runSteps.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** Names of the ten classes of the current data set, for legends and pickers. */
    public ObservableList<String> classNames() {
        return classNames;
    }

    /** The model as last saved, loaded or finished training (with its history). */
    public ReadOnlyObjectProperty<Checkpoint> checkpointProperty() {
        return checkpoint.getReadOnlyProperty();
    }

    /** The weights inference uses now: the newest published while training, else the checkpoint's. */
    public ReadOnlyObjectProperty<WeightSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LatentPoints> latentPointsProperty() {
        return latentPoints.getReadOnlyProperty();
    }

    /** The latent vector being looked at (set by a click on the plane); its decode is {@link #decodedImageProperty}. */
    public ObjectProperty<float[]> selectedZProperty() {
        return selectedZ;
    }

    public ReadOnlyObjectProperty<GreyRaster> decodedImageProperty() {
        return decodedImage.getReadOnlyProperty();
    }

    public BooleanProperty showManifoldProperty() {
        return showManifold;
    }

    /** The plane region {xMin, xMax, yMin, yMax} the manifold grid covers (the plane view sets its visible area). */
    public ObjectProperty<double[]> manifoldRegionProperty() {
        return manifoldRegion;
    }

    public ReadOnlyObjectProperty<ManifoldImage> manifoldProperty() {
        return manifold.getReadOnlyProperty();
    }

    /** Plane points {x0, y0, x1, y1, ...} of the interpolation path to draw on the plane, or null. */
    public ObjectProperty<double[]> interpolationPathProperty() {
        return interpolationPath;
    }

    /** The interpolation slider's t in [0, 1] along {@link #interpolationPathProperty()}; NaN while there is none. */
    public javafx.beans.property.DoubleProperty interpolationTProperty() {
        return interpolationT;
    }

    public ObjectProperty<TrainingSettings> settingsProperty() {
        return settings;
    }

    public LossHistory lossHistory() {
        return lossHistory;
    }

    /** Every model of this session (and of the models folder), scored for comparison. */
    public ModelGallery gallery() {
        return gallery;
    }

    /** The posterior of the drawing on the sketch pad (drawn on the plane with its ellipses), or null. */
    public ObjectProperty<Posterior> sketchPosteriorProperty() {
        return sketchPosterior;
    }

    /** Test images whose posterior ellipses (1 and 2 sigma) are drawn on the plane. */
    public ObservableList<Integer> ellipseImages() {
        return ellipseImages;
    }

    /** Adds the image's ellipses to the plane, or removes them when they are there. */
    public void toggleEllipse(int testIndex) {
        LatentPoints points = latentPoints.get();
        if (points == null || testIndex < 0 || testIndex >= points.count()) {
            return;
        }
        if (!ellipseImages.remove(Integer.valueOf(testIndex))) {
            ellipseImages.add(testIndex);
        }
    }

    /** Shows where the codes crowd or leave holes against the N(0, I) prior, behind the points. */
    public BooleanProperty showDensityProperty() {
        return showDensity;
    }

    public ReadOnlyObjectProperty<DensityImage> densityProperty() {
        return density.getReadOnlyProperty();
    }

    /** The current run's history of latent codes, for scrubbing back through how the space formed. */
    public TrainingTimeline timeline() {
        return timeline;
    }

    /** The timeline frame shown on the plane, or -1 for the live codes (the default). */
    public IntegerProperty timelineIndexProperty() {
        return timelineIndex;
    }

    /** The settings sweeps (queued runs in the background). */
    public SweepsModel sweeps() {
        return sweeps;
    }

    /** Where saved models are looked for at launch: {@code models/} beside the settings file. */
    public Path modelsFolder() {
        Path parent = settingsStore.file().toAbsolutePath().getParent();
        return parent == null ? Path.of("models") : parent.resolve("models");
    }

    /** The inference worker, for the experiment views' own jobs. */
    public InferenceWorker worker() {
        return worker;
    }

    /** The inference worker for latency-critical single decodes (see {@link #interactiveWorker}'s field). */
    public InferenceWorker interactiveWorker() {
        return interactiveWorker;
    }

    // ---------------------------------------------------------------- commands

    /** Loads a data set folder in the background; on failure the current data set stays. */
    public void openDataset(Path folder) {
        status.set("loading data from " + folder + " ...");
        runInBackground(() -> DatasetLoader.load(folder), loaded -> {
            dataset.set(loaded);
            classNames.setAll(loaded.classNames());
            gallery.setTestSet(loaded.test());
            rememberDataFolder(folder);
            status.set("data: " + loaded.name() + " (" + loaded.train().count() + " training, "
                    + loaded.test().count() + " test images)");
            refreshLatentPoints();
        });
    }

    /** Loads a checkpoint in the background; a corrupt or unreadable file leaves the current model in place. */
    public void loadModel(Path file) {
        status.set("loading " + file + " ...");
        runInBackground(() -> CheckpointIO.load(file), loaded -> {
            Dataset data = dataset.get();
            if (data != null && (loaded.config().imageRows() != data.rows() || loaded.config().imageCols() != data.cols())) {
                error.set(file.getFileName() + " was trained on " + loaded.config().imageRows() + "x"
                        + loaded.config().imageCols() + " images, but the open data set has " + data.rows() + "x"
                        + data.cols());
                return;
            }
            useCheckpoint(loaded);
            lossHistory.setEpochs(loaded.history());
            Path folder = file.toAbsolutePath().getParent();
            gallery.add(ModelGallery.displayName(folder == null ? null : folder.getParent(), file), "loaded", loaded,
                    file);
            status.set("loaded " + loaded.config().describe() + " (" + loaded.epochsDone() + " epochs) from " + file);
        });
    }

    /** Writes a file in the background (an export); the status line names it, or the error bar says why not. */
    public void writeInBackground(Supplier<Path> write) {
        runInBackground(write, written -> status.set("saved " + written));
    }

    /** Writes the run's timeline as a looping animated GIF (one frame per recorded moment) in the background. */
    public void exportTimelineGif(Path file) {
        List<TrainingTimeline.Frame> frames = List.copyOf(timeline.frames());
        if (frames.isEmpty()) {
            error.set("the timeline is empty: it fills while a model trains");
            return;
        }
        writeInBackground(() -> GifWriter.writeImages(TimelineAnimation.frames(frames),
                TIMELINE_FRAME_MILLIS, true, file));
    }

    /** Writes the timeline as one PNG strip of up to {@link #TIMELINE_STRIP_FRAMES} moments, in the background. */
    public void exportTimelinePng(Path file) {
        List<TrainingTimeline.Frame> frames = List.copyOf(timeline.frames());
        if (frames.isEmpty()) {
            error.set("the timeline is empty: it fills while a model trains");
            return;
        }
        writeInBackground(() -> PngWriter.write(
                TimelineAnimation.strip(frames, TIMELINE_STRIP_FRAMES), file));
    }

    /** Saves the current model atomically in the background. */
    public void saveModel(Path target) {
        Checkpoint current = currentCheckpoint();
        if (current == null) {
            error.set("there is no model to save yet");
            return;
        }
        runInBackground(() -> CheckpointIO.save(current, target), written -> status.set("saved " + written));
    }

    /** Starts training a new model with the current settings on the open data set. */
    public void startTraining() {
        startTraining(settings.get());
    }

    /**
     * Starts training a new model with the given settings (the panel's, or the panel's with one preset change; the
     * panel keeps its own).
     */
    private void startTraining(TrainingSettings s) {
        if (service != null && !service.state().isFinal()) {
            error.set("a run is already in progress");
            return;
        }
        if (sweeps.runningProperty().get()) {
            error.set("a sweep is running: cancel it or wait for it before training here");
            return;
        }
        Dataset data = dataset.get();
        if (data == null) {
            error.set("no data set is open");
            return;
        }
        TrainingRequest request;
        try {
            request = TrainingRequest.watched(data, s.modelConfig(data.rows(), data.cols()), s.trainingConfig(),
                    SNAPSHOT_MILLIS, LATENT_REFRESH_MILLIS);
        } catch (IllegalArgumentException e) {
            error.set("cannot start: " + e.getMessage());
            return;
        }
        if (!StepCost.affordable(request.model())) {
            error.set("cannot start: " + StepCost.refusal(request.model()));
            return;
        }
        saveSettingsInBackground(); // an fsync on the FX thread stalled the window for up to 300 ms here
        lossHistory.clear();
        timelineIndex.set(-1);
        timeline.clear();
        runEpochs = Math.max(1, request.training().epochs());
        runSteps.set(null);
        epochProgress.set(0);
        runProgress.set(0);
        service = new TrainingService(request);
        runConfig = request.model();
        runsStarted++;
        TrainingService current = service;
        current.addListener(event -> {
            if (event instanceof TrainingEvent.Snapshot s2) {
                snapshots.submit(s2.snapshot());
            } else {
                events.submit(event);
            }
        });
        current.result().thenAccept(result -> fx.execute(() -> finished(current, result)));
        status.set("starting " + request.model().describe());
        current.start();
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

    /**
     * Starts a run with the current settings changed by one preset (the tutorials' comparisons). The panel's
     * settings stay as they are: the change belongs to this run only.
     */
    public void trainPreset(TrainingPreset preset) {
        startTraining(preset.applyTo(settings.get()));
    }

    /** Makes a gallery model the current one (plane, decodes, experiments and loss history follow). */
    public void useGalleryEntry(GalleryEntry entry) {
        if (entry == null) {
            return;
        }
        if (service != null && !service.state().isFinal()) {
            error.set("stop the run before switching models");
            return;
        }
        if (entry.failed()) {
            error.set(entry.name() + " failed and has no model to use: " + entry.failure());
            return;
        }
        Dataset data = dataset.get();
        ModelConfig c = entry.checkpoint().config();
        if (data != null && (c.imageRows() != data.rows() || c.imageCols() != data.cols())) {
            error.set(entry.name() + " was trained on " + c.imageRows() + "x" + c.imageCols()
                    + " images, but the open data set has " + data.rows() + "x" + data.cols());
            return;
        }
        useCheckpoint(entry.checkpoint());
        lossHistory.setEpochs(entry.checkpoint().history());
        status.set("using " + entry.name() + ": " + c.describe());
    }

    /** Selects the latent vector under a point of the plane and decodes it. */
    public void decodeAt(double x, double y) {
        LatentPoints points = latentPoints.get();
        if (points != null) {
            selectedZ.set(points.toLatent(x, y));
        } else if (config.get() != null && config.get().latent() <= 2) {
            selectedZ.set(config.get().latent() == 1 ? new float[] {(float) x} : new float[] {(float) x, (float) y});
        }
    }

    /** Index of the test image whose latent mean lies nearest to a point of the plane, or -1. */
    public int nearestTestImage(double x, double y) {
        LatentPoints points = latentPoints.get();
        return points == null ? -1 : NearestPoint.nearest(points.xy(), points.count(), x, y);
    }

    /** A test image as a raster (for hover previews and pickers); null without data. */
    public GreyRaster testImage(int index) {
        Dataset data = dataset.get();
        if (data == null || index < 0 || index >= data.test().count()) {
            return null;
        }
        LabeledImages test = data.test();
        return ImageTiler.tile(test.image(index), 1, test.rows(), test.cols(), 1, 0, 1);
    }

    /** Persists the settings off the FX thread; a failure shows in the error bar. */
    public void saveSettingsInBackground() {
        TrainingSettings current = settings.get();
        io.execute(() -> {
            try {
                settingsStore.save(current);
            } catch (IOException | RuntimeException e) {
                String message = "settings could not be saved to " + settingsStore.file() + ": " + e.getMessage();
                fx.execute(() -> error.set(message));
            }
        });
    }

    /** Persists the settings now (the window is closing). */
    public void saveSettings() {
        try {
            settingsStore.save(settings.get());
        } catch (IOException | RuntimeException e) {
            error.set("settings could not be saved to " + settingsStore.file() + ": " + e.getMessage());
        }
    }

    /** Uses a model as the current one (the shipped model at launch, a loaded file, a finished run). */
    public void useCheckpoint(Checkpoint loaded) {
        timelineIndex.set(-1);
        timeline.clear(); // the timeline tells how the previous run's model formed, not this one
        checkpoint.set(loaded);
        showSnapshot(loaded.weights());
        refreshLatentPoints();
    }

    // ---------------------------------------------------------------- internals

    private Checkpoint currentCheckpoint() {
        if (service != null && !service.state().isFinal()) {
            return null; // saving mid-run would store a history that does not match; the run's result is saved
        }
        return checkpoint.get();
    }

    private void showSnapshot(WeightSnapshot newer) {
        WeightSnapshot old = snapshot.get();
        snapshot.set(newer);
        config.set(newer.config());
        worker.setSnapshot(newer);
        interactiveWorker.setSnapshot(newer);
        // the codes come from whoever shows new weights: a run's trainer sends them, every other caller re-encodes
        boolean architectureChanged = old == null || !old.config().equals(newer.config());
        if (architectureChanged) {
            latentPoints.set(null);
            selectedZ.set(null);
            manifold.set(null);
        }
        decodeSelected();
        refreshManifold();
    }

    private void refreshLatentPoints() {
        Dataset data = dataset.get();
        WeightSnapshot weights = snapshot.get();
        if (data == null || weights == null) {
            return;
        }
        LabeledImages test = data.test();
        boolean recordFrame = training();
        worker.submit("latent-points", m -> {
            float[][] posterior = m.encodeGrey(test.grey(), test.count());
            LatentPoints points = LatentPoints.of(test.count(), m.config().latent(), posterior[0], posterior[1],
                    test.labels(), m.snapshot().version());
            return new TrainingTimeline.Frame(m.snapshot().step(), points,
                    recordFrame ? timelineReconstructions(m, test) : null);
        }, this::showLatentFrame, error::set);
    }

    /**
     * Shows codes the trainer sent. The worker only projects them and reconstructs the timeline's few images
     * (with the newest weights it has, at most one snapshot interval from the codes' step): no encode competes with
     * training. Each event is a job of its own: the timeline keeps a frame for every one, and under a shared key a
     * run whose epochs end faster than the worker answers would replace pending codes and leave no frame of them.
     * Codes of an earlier run answered after a new one started are dropped: its timeline is the new run's.
     */
    private void showTrainingCodes(LatentCodes codes, long step) {
        Dataset data = dataset.get();
        if (data == null || codes.count() != data.test().count()) {
            return;
        }
        LabeledImages test = data.test();
        int run = runsStarted;
        worker.submit("training-codes-" + run + "-" + step, m -> {
            if (m.config().latent() != codes.dim()) {
                return null; // the worker has not seen the run's first weights yet; newer codes follow
            }
            LatentPoints points = LatentPoints.of(codes.count(), codes.dim(), codes.mu(), codes.sigma(),
                    codes.labels(), m.snapshot().version());
            return new TrainingTimeline.Frame(step, points, timelineReconstructions(m, test));
        }, frame -> {
            if (run == runsStarted) {
                showLatentFrame(frame);
            }
        }, error::set);
    }

    private static GreyRaster timelineReconstructions(InferenceModel m, LabeledImages test) {
        int n = Math.min(TIMELINE_RECONSTRUCTIONS, test.count());
        float[] firstImages = java.util.Arrays.copyOf(test.pixels(), n * test.imageSize());
        return ImageTiler.tile(m.reconstruct(firstImages, n), n, test.rows(), test.cols(), n, 1, 1);
    }

    private boolean training() {
        return service != null && !service.state().isFinal();
    }

    private void showLatentFrame(TrainingTimeline.Frame frame) {
        if (frame == null) {
            return;
        }
        LatentPoints points = frame.points();
        livePoints = points;
        if (frame.reconstructions() != null) {
            timeline.add(frame);
        }
        if (timelineIndex.get() < 0) {
            latentPoints.set(points);
        }
        if (selectedZ.get() == null && points.count() > 0) {
            selectedZ.set(points.mu(0));
        }
    }

    private void refreshDensity() {
        LatentPoints points = latentPoints.get();
        double[] region = manifoldRegion.get();
        if (!showDensity.get() || points == null || region == null) {
            return;
        }
        long mine = densityRequest.incrementAndGet();
        double xRange = region[1] - region[0];
        double yRange = region[3] - region[2];
        if (!(xRange > 0) || !(yRange > 0)) {
            return;
        }
        int width = DENSITY_CELLS;
        int height = (int) Math.max(20, Math.min(4 * DENSITY_CELLS, Math.round(DENSITY_CELLS * yRange / xRange)));
        maths.execute(() -> {
            if (densityRequest.get() != mine) {
                return; // a newer request is queued
            }
            try {
                AggregatePosterior.Area area = new AggregatePosterior.Area(region[0], region[1], region[2], region[3],
                        width, height);
                AggregatePosterior.Grid q = AggregatePosterior.density(points.mu(), points.sigma(), points.count(),
                        points.dim(), points.pca(), area);
                AggregatePosterior.Grid p = AggregatePosterior.prior(points.dim(), points.pca(), area);
                DensityImage image = new DensityImage(AggregatePosterior.ratioImage(q, p), width, height, region[0],
                        region[1], region[2], region[3], points.snapshotVersion());
                fx.execute(() -> {
                    if (densityRequest.get() == mine) {
                        density.set(image);
                    }
                });
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                fx.execute(() -> error.set("density: " + message));
            }
        });
    }

    private void showTimelineFrame() {
        int index = timelineIndex.get();
        if (index < 0 || index >= timeline.frames().size()) {
            if (livePoints != null) {
                latentPoints.set(livePoints);
            }
            return;
        }
        LatentPoints past = timeline.frames().get(index).points();
        if (livePoints == null || past.dim() == livePoints.dim()) {
            latentPoints.set(past);
        }
    }

    private void decodeSelected() {
        float[] z = selectedZ.get();
        if (z == null || snapshot.get() == null || z.length != snapshot.get().config().latent()) {
            return;
        }
        interactiveWorker.submit("decode", model -> {
            ModelConfig c = model.config();
            return ImageTiler.tile(model.decode(z), 1, c.imageRows(), c.imageCols(), 1, 0, 1);
        }, decodedImage::set, error::set);
    }

    private void refreshManifold() {
        if (!showManifold.get() || snapshot.get() == null) {
            return;
        }
        double[] region = manifoldRegion.get();
        worker.submit("manifold", model -> {
            LatentPoints points = latentPoints.get(); // read-only record, safe to use here
            int n = MANIFOLD_GRID;
            float[] z;
            ModelConfig c = model.config();
            if (c.latent() == 2) {
                z = LatentGrid.plane(n, region[0], region[1], region[2], region[3]);
            } else if (points != null && points.pca() != null) {
                z = LatentGrid.plane(n, region[0], region[1], region[2], region[3], points.pca());
            } else {
                return null;
            }
            GreyRaster raster = ImageTiler.tile(model.decode(z, n * n), n * n, c.imageRows(), c.imageCols(), n, 0, 1);
            return new ManifoldImage(raster, n, region[0], region[1], region[2], region[3]);
        }, image -> {
            if (image != null) {
                manifold.set(image);
            }
        }, error::set);
    }

    private void onTrainingEvents(List<TrainingEvent> batch) {
        for (TrainingEvent event : batch) {
            if (event instanceof TrainingEvent.Step step) {
                if (runSteps.get() == null) {
                    long first = step.step() - ((long) (step.epoch() - 1) * step.batchesPerEpoch() + step.batch());
                    runSteps.set(new long[] {first, first + (long) runEpochs * step.batchesPerEpoch()});
                }
                lossHistory.addStep(step.step(), step.loss());
                epochProgress.set(step.batch() / (double) step.batchesPerEpoch());
                status.set(String.format("epoch %d, batch %d/%d, loss %.1f, %.0f images/s", step.epoch(),
                        step.batch(), step.batchesPerEpoch(), step.loss().negElbo(), step.samplesPerSecond()));
                runProgress.set((step.epoch() - 1 + step.batch() / (double) step.batchesPerEpoch()) / runEpochs);
            } else if (event instanceof TrainingEvent.Epoch epoch) {
                lossHistory.addEpoch(epoch.record());
            } else if (event instanceof TrainingEvent.Codes codes) {
                showTrainingCodes(codes.codes(), codes.step());
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
            checkpoint.set(trained);
            showSnapshot(trained.weights());
            refreshLatentPoints();
            String outcome = result.state() == TrainingState.FINISHED
                    ? String.format("finished: test -ELBO %.2f nats", result.test().negElbo())
                    : "stopped after " + trained.epochsDone() + (trained.epochsDone() == 1 ? " epoch" : " epochs")
                            + "; the model keeps the weights of its last step";
            if (result.state() == TrainingState.FINISHED) {
                runProgress.set(1);
            }
            status.set(outcome + "; saving ...");
            gallery.saveRun(runName(trained.config()), trained, entry -> {
                if (service == run) {
                    status.set(outcome + (entry.file() == null ? "" : "; saved as \"" + entry.name() + "\""));
                }
            });
            return;
        }
        // nothing worth keeping: the model that was current before the run stays current
        String why = result.state() == TrainingState.FAILED ? result.message()
                : "stopped before its first epoch ended";
        gallery.addFailed(runName(runConfig), runConfig, why);
        Checkpoint previous = checkpoint.get();
        if (previous != null) {
            showSnapshot(previous.weights());
            refreshLatentPoints();
        }
        String keeps = previous == null ? "" : "; the previous model stays current";
        if (result.state() == TrainingState.FAILED) {
            status.set("failed" + keeps);
            error.set(result.message());
        } else {
            status.set("stopped before the first epoch ended: nothing was kept" + keeps);
        }
    }

    /** A run's name in the gallery and its folder's name: when it started and what tells it apart. */
    private static String runName(ModelConfig c) {
        return "run " + LocalDateTime.now().format(RUN_TIME) + " " + shortName(c);
    }

    /** "d=2 ELBO", "d=20 KL only": what tells the tutorials' runs apart. */
    static String shortName(ModelConfig c) {
        String objective = switch (c.objective()) {
            case ELBO -> c.beta() == 1f ? "ELBO" : "beta=" + c.beta();
            case RECON_ONLY -> "recon only";
            case KL_ONLY -> "KL only";
        };
        return (c.kind() == ModelKind.CONV ? "conv " : "") + "d=" + c.latent() + " " + objective;
    }

    /** A data folder a person opened becomes the one the next launch opens (the shipped MNIST stays implicit). */
    private void rememberDataFolder(Path folder) {
        String text;
        try {
            text = folder.toAbsolutePath().normalize().equals(AssetLocator.mnistDir()
                    .toAbsolutePath().normalize()) ? "" : folder.toAbsolutePath().normalize().toString();
        } catch (RuntimeException noAssets) {
            text = folder.toAbsolutePath().normalize().toString();
        }
        TrainingSettings s = settings.get();
        if (!text.equals(s.dataFolder())) {
            settings.set(s.withDataFolder(text));
        }
    }

    private <T> void runInBackground(Supplier<T> work, java.util.function.Consumer<T> onFx) {
        io.execute(() -> {
            try {
                T value = work.get();
                fx.execute(() -> onFx.accept(value));
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                fx.execute(() -> {
                    error.set(message);
                    status.set("");
                });
            }
        });
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (service != null) {
            service.cancel();
        }
        sweeps.dispose();
        io.shutdownNow();
        maths.shutdownNow();
        gallery.close();
        worker.close();
        interactiveWorker.close();
    }
}
