package io.vaeexplorer.ui;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.AppVersion;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.ImageFolderOptions;
import io.vaeexplorer.data.LoadProgress;
import io.vaeexplorer.data.LoadedDataset;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.SafetensorsCheckpoint;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.experiments.ExperimentsViewModel;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.FxCoalescer;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.gallery.GalleryEntry;
import io.vaeexplorer.ui.gallery.GalleryViewModel;
import io.vaeexplorer.ui.latentuse.LatentUseViewModel;
import io.vaeexplorer.ui.plane.PlaneViewModel;
import io.vaeexplorer.ui.sweeps.SettingsSweepsViewModel;
import io.vaeexplorer.ui.training.TrainingViewModel;
import io.vaeexplorer.ui.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The window's main view-model: the status line and the error banner, the settings, opening data and models, and
 * the features' view-models, which it builds and wires. Each feature receives what it needs (the
 * {@link Workspace}, executors, {@link UserMessages}), never this object, so none of them holds one that holds it
 * back. Slow work (loading, saving, encoding, decoding, training) runs elsewhere; every method returns at once.
 *
 * <p>Call every method on the FX thread (the executor given to the constructor is the FX thread's queue).
 */
public final class AppViewModel implements AutoCloseable, UserMessages {

    private final Executor fx;
    private final InferenceWorker worker;
    /**
     * A second inference thread for what a person drags (decode under the mouse, interpolation slider): it never
     * waits behind a long job of the first, such as re-encoding the test images.
     */
    private final InferenceWorker interactiveWorker;
    private final SettingsStore settingsStore;
    private final TaskExecutor files;
    private final TaskExecutor maths;
    /** The size every picture the window exports is written at. */
    private final ExportSize exportSize = new ExportSize();

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dataLoading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper dataProgress = new ReadOnlyDoubleWrapper(0);
    /** The stop switch of the data load under way; null while none is. */
    private AtomicBoolean dataLoad;
    private final ObjectProperty<TrainingSettings> settings = new SimpleObjectProperty<>(TrainingSettings.defaults());
    private final Workspace workspace;
    private final GalleryViewModel gallery;
    private final SettingsSweepsViewModel sweeps;
    private final PlaneViewModel plane;
    private final TrainingViewModel training;
    private final ExperimentsViewModel experiments;
    private final LatentUseViewModel latentUse;

    public AppViewModel(Executor fx, InferenceWorker worker, SettingsStore settingsStore) {
        this.fx = fx;
        this.worker = worker;
        this.interactiveWorker = InferenceWorker.interactive(fx);
        this.settingsStore = settingsStore;
        this.files = TaskExecutor.singleThread("vae-io", fx);
        this.maths = TaskExecutor.singleThread("vae-maths", fx);
        this.workspace = new Workspace(worker, interactiveWorker);
        this.gallery = new GalleryViewModel(TaskExecutor.singleThread("vae-gallery", fx),
                TaskExecutor.singleThread("vae-compare", fx), this, modelsFolder());
        // the training view-model is built last, as it needs the sweeps' running flag; until then nothing trains
        BooleanSupplier trainingRuns = this::trainingRuns;
        this.sweeps = new SettingsSweepsViewModel(fx, files, this, gallery, settings, workspace.datasetProperty(),
                modelsFolder(), trainingRuns);
        this.plane = new PlaneViewModel(workspace, worker, interactiveWorker, files, exportSize, maths, this,
                trainingRuns);
        this.training = new TrainingViewModel(fx, workspace, plane, gallery, settings, sweeps.runningProperty(), this,
                this::saveSettingsInBackground);
        this.experiments = new ExperimentsViewModel(fx, workspace, worker, interactiveWorker, files, exportSize, this,
                plane.latentPointsProperty(), plane.interpolationPathProperty(), plane.interpolationTProperty(),
                plane.sketchPosteriorProperty());
        this.latentUse = new LatentUseViewModel(TaskExecutor.singleThread("vae-latent-use", fx),
                training::restartWithWarmup);
        latentUse.readingProperty().addListener((obs, was, reading) -> experiments.sweep().dimensionsByKlProperty()
                .set(reading == null ? null : reading.byKl().stream().mapToInt(LatentUseViewModel.DimensionKl::dimension)
                        .toArray()));
        plane.latentPointsProperty().addListener((obs, was, points) -> {
            if (points == null) {
                latentUse.clear();
            } else if (was == null || was.mu() != points.mu() || was.sigma() != points.sigma()) {
                // the same codes on other axes measure the same
                latentUse.show(new LatentCodes(points.count(), points.dim(), points.mu(), points.sigma(),
                        points.labels()), trainedAnEpoch());
            }
        });
        SettingsStore.Loaded loaded = settingsStore.load();
        settings.set(loaded.settings());
        if (loaded.warning() != null) {
            error.set(loaded.warning());
        }
        // loading the engine takes a moment on first use: find the device off the FX thread
        BackgroundTask.wrap(() -> ComputeDevice.preferred().describe())
                .onSuccess(training::deviceFound)
                .onFailure(this::failed)
                .executeWith(files);
    }

    // ---------------------------------------------------------------- the features

    /** The open data set and the current model, which every feature reads. */
    public Workspace workspace() {
        return workspace;
    }

    public PlaneViewModel plane() {
        return plane;
    }

    public TrainingViewModel training() {
        return training;
    }

    /** The experiment tabs: epsilon sweep, interpolation, samples, variants, reconstructions. */
    public LatentUseViewModel latentUse() {
        return latentUse;
    }

    /**
     * Whether the current weights have seen at least one epoch of the open data: before that the codes of a fresh
     * encoder sit at the prior, which is no collapse.
     */
    private boolean trainedAnEpoch() {
        WeightSnapshot weights = workspace.snapshotProperty().get();
        Dataset data = workspace.datasetProperty().get();
        if (weights == null || data == null) {
            return false;
        }
        long stepsPerEpoch = (data.train().count() + settings.get().batchSize() - 1) / settings.get().batchSize();
        return weights.step() >= stepsPerEpoch;
    }

    public ExperimentsViewModel experiments() {
        return experiments;
    }

    /** Every model trained, loaded or found in the models folder, scored for comparison. */
    public GalleryViewModel gallery() {
        return gallery;
    }

    /** The settings sweeps (queued runs in the background). */
    public SettingsSweepsViewModel sweeps() {
        return sweeps;
    }

    // ---------------------------------------------------------------- status, errors, settings

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

    @Override
    public void status(String message) {
        status.set(message);
    }

    @Override
    public void error(String message) {
        error.set(message);
    }

    public ObjectProperty<TrainingSettings> settingsProperty() {
        return settings;
    }

    /** Where saved models are looked for at launch: {@code models/} beside the settings file. */
    public Path modelsFolder() {
        return settingsFolder().resolve("models");
    }

    /** The app's own folder: the one that holds the settings file. */
    private Path settingsFolder() {
        Path parent = settingsStore.file().toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** The size every picture the window exports is written at: the menu's choice, read by every exporter. */
    public ExportSize exportSize() {
        return exportSize;
    }

    /** Where exports and other small files are written, one after another, off the FX thread. */
    public TaskExecutor files() {
        return files;
    }

    /** Persists the settings off the FX thread; a failure shows in the error bar. */
    public void saveSettingsInBackground() {
        TrainingSettings current = settings.get();
        BackgroundTask.run(() -> settingsStore.save(current))
                .onFailure(message -> error.set("settings could not be saved to " + settingsStore.file() + ": "
                        + message))
                .executeWith(files);
    }

    /** Persists the settings now (the window is closing). */
    public void saveSettings() {
        try {
            settingsStore.save(settings.get());
        } catch (IOException | RuntimeException e) {
            error.set("settings could not be saved to " + settingsStore.file() + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- data and models

    /**
     * Loads a data set folder in the background; on failure the current data set stays. Opening another folder
     * meanwhile replaces this load, as {@link #cancelDataLoad} would.
     */
    public void openDataset(Path folder) {
        if (dataLoad != null) {
            dataLoad.set(true);
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        dataLoad = cancelled;
        dataLoading.set(true);
        dataProgress.set(0);
        status.set("loading data from " + folder + " ...");
        // pictures load in colour when any has colour
        ImageFolderOptions pictures = ImageFolderOptions.defaults().withCacheDir(settingsFolder().resolve("cache"));
        // the decoders report every picture: the FX thread takes the newest count when it gets to it
        FxCoalescer<int[]> decoded = new FxCoalescer<>(fx, doneOfTotal -> {
            if (dataLoad == cancelled && !cancelled.get()) {
                dataProgress.set((double) doneOfTotal[0] / doneOfTotal[1]);
                status.set("loading data from " + folder + ": decoded " + doneOfTotal[0] + " of " + doneOfTotal[1]
                        + " pictures");
            }
        });
        LoadProgress progress = (done, total) -> {
            if (cancelled.get()) {
                throw new CancellationException("loading " + folder + " was cancelled");
            }
            decoded.submit(new int[] {done, total});
        };
        BackgroundTask.wrap(() -> DatasetLoader.load(folder, pictures, progress)).onSuccess(result -> {
            if (cancelled.get()) {
                return;
            }
            Dataset loaded = result.dataset();
            workspace.openDataset(loaded);
            gallery.setData(loaded.train(), loaded.test(), loaded.labelled());
            rememberDataFolder(folder);
            dataProgress.set(1);
            status.set(describeLoad(result));
            plane.refreshLatentPoints();
        }).onFailure(message -> {
            if (!cancelled.get()) {
                failed(message);
            }
        }).onFinished(() -> {
            if (dataLoad != cancelled) {
                return; // a newer load has the progress bar and the status line
            }
            dataLoad = null;
            dataLoading.set(false);
            if (cancelled.get()) {
                Dataset open = workspace.datasetProperty().get();
                status.set("loading " + folder + " cancelled"
                        + (open == null ? "" : "; " + open.name() + " stays open"));
            }
        }).executeWith(files);
    }

    /** Stops the data load under way: picture decoding ends after the pictures in hand and the open set stays. */
    public void cancelDataLoad() {
        if (dataLoad != null) {
            dataLoad.set(true);
            status.set("cancelling ...");
        }
    }

    /** True while a data folder loads. */
    public ReadOnlyBooleanProperty dataLoadingProperty() {
        return dataLoading.getReadOnlyProperty();
    }

    /** How far the data load under way has got, 0 to 1: the share of its pictures decoded (1 once loaded). */
    public ReadOnlyDoubleProperty dataProgressProperty() {
        return dataProgress.getReadOnlyProperty();
    }

    /**
     * The status line of a loaded set: its name, image size, channels, classes and counts, and the files skipped,
     * e.g. "data: shapes (32x32, 3 channels, 4 classes, 900 training and 100 test images)".
     */
    static String describeLoad(LoadedDataset result) {
        Dataset data = result.dataset();
        String skipped = result.report().skippedLine();
        return "data: " + data.name() + " (" + data.rows() + "x" + data.cols() + ", " + data.channels()
                + (data.channels() == 1 ? " channel, " : " channels, ")
                + (data.labelled() ? data.classNames().size() + " classes, " : "no classes, ")
                + data.train().count() + " training and " + data.test().count() + " test images)"
                + (skipped.isEmpty() ? "" : "; " + skipped);
    }

    /** Loads a checkpoint in the background; a corrupt or unreadable file leaves the current model in place. */
    public void loadModel(Path file) {
        loadModel(file, false);
    }

    /**
     * Loads the model shipped for the shipped digits, at launch. On data of another size it is of no use and stays
     * out quietly: the status line says so instead of the error banner, since nobody asked for it.
     */
    public void loadShippedModel(Path file) {
        loadModel(file, true);
    }

    private void loadModel(Path file, boolean shipped) {
        status.set("loading " + file + " ...");
        BackgroundTask.wrap(() -> CheckpointIO.load(file)).onSuccess(loaded -> {
            String mismatch = workspace.sizeMismatch(String.valueOf(file.getFileName()), loaded.config());
            if (mismatch != null) {
                if (shipped) {
                    status.set(status.get() + "; no model yet for these images: press Start to train one");
                } else {
                    error.set(mismatch);
                }
                return;
            }
            useCheckpoint(loaded);
            training.lossHistory().setEpochs(loaded.history());
            Path folder = file.toAbsolutePath().getParent();
            gallery.add(GalleryViewModel.displayName(folder == null ? null : folder.getParent(), file), "loaded",
                    loaded, file);
            status.set("loaded " + loaded.config().describe() + " (" + loaded.epochsDone() + " epochs) from " + file);
        }).onFailure(this::failed).executeWith(files);
    }

    /** Saves the current model atomically in the background. */
    public void saveModel(Path target) {
        Checkpoint current = modelToWrite();
        if (current != null) {
            BackgroundTask.wrap(() -> CheckpointIO.save(current, target))
                    .onSuccess(written -> status.set("saved " + written))
                    .onFailure(this::failed)
                    .executeWith(files);
        }
    }

    /** Writes the current model's weights and settings as a safetensors file (as the CLI's export) in the background. */
    public void exportSafetensors(Path target) {
        Checkpoint current = modelToWrite();
        if (current != null) {
            BackgroundTask.wrap(() -> SafetensorsCheckpoint.export(current, target, AppVersion.TITLE,
                    AppVersion.version()))
                    .onSuccess(naming -> status.set("exported " + target + " (" + naming.description() + ")"))
                    .onFailure(this::failed)
                    .executeWith(files);
        }
    }

    /** The current model when it can be written, else null with the reason in the error banner. */
    private Checkpoint modelToWrite() {
        Checkpoint current = training.isTraining() ? null : workspace.checkpointProperty().get();
        if (current == null) {
            // mid-run a saved history would not match its weights; the run's result is saved when it ends
            error.set("there is no model to save yet");
        }
        return current;
    }

    /** Makes a gallery model the current one (plane, decodes, experiments and loss history follow). */
    public void useGalleryEntry(GalleryEntry entry) {
        if (entry == null) {
            return;
        }
        if (training.isTraining()) {
            error.set("stop the run before switching models");
            return;
        }
        if (entry.failed()) {
            error.set(entry.name() + " failed and has no model to use: " + entry.failure());
            return;
        }
        ModelConfig c = entry.checkpoint().config();
        String mismatch = workspace.sizeMismatch(entry.name(), c);
        if (mismatch != null) {
            error.set(mismatch);
            return;
        }
        useCheckpoint(entry.checkpoint());
        training.lossHistory().setEpochs(entry.checkpoint().history());
        status.set("using " + entry.name() + ": " + c.describe());
    }

    /** Uses a model as the current one (the shipped model at launch, a loaded file, a finished run). */
    public void useCheckpoint(Checkpoint loaded) {
        plane.forgetTimeline();
        workspace.setCheckpoint(loaded);
        workspace.showWeights(loaded.weights());
        plane.refreshLatentPoints();
    }

    /** True when neither inference thread has work queued or running (for tests that wait for the window). */
    public boolean inferenceIdle() {
        return worker.isIdle() && interactiveWorker.isIdle();
    }

    /** The background inference thread, for tests and benchmarks that probe it directly. */
    InferenceWorker worker() {
        return worker;
    }

    /** The inference thread for latency-critical single decodes, for benchmarks that probe it directly. */
    InferenceWorker interactiveWorker() {
        return interactiveWorker;
    }

    // ---------------------------------------------------------------- internals

    private boolean trainingRuns() {
        return training != null && training.isTraining();
    }

    private void failed(String message) {
        error.set(message);
        status.set("");
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

    @Override
    public void close() {
        training.close();
        sweeps.dispose();
        files.close();
        maths.close();
        gallery.close();
        worker.close();
        interactiveWorker.close();
    }
}
