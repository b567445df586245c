package io.vaeexplorer.ui;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.ImageFolderOptions;
import io.vaeexplorer.data.LoadProgress;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.experiments.ExperimentsViewModel;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.gallery.GalleryEntry;
import io.vaeexplorer.ui.gallery.GalleryViewModel;
import io.vaeexplorer.ui.plane.PlaneViewModel;
import io.vaeexplorer.ui.sweeps.SettingsSweepsViewModel;
import io.vaeexplorer.ui.training.TrainingViewModel;
import io.vaeexplorer.ui.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ObjectProperty;
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

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObjectProperty<TrainingSettings> settings = new SimpleObjectProperty<>(TrainingSettings.defaults());
    private final Workspace workspace;
    private final GalleryViewModel gallery;
    private final SettingsSweepsViewModel sweeps;
    private final PlaneViewModel plane;
    private final TrainingViewModel training;
    private final ExperimentsViewModel experiments;

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
        this.plane = new PlaneViewModel(workspace, worker, interactiveWorker, files, maths, this, trainingRuns);
        this.training = new TrainingViewModel(fx, workspace, plane, gallery, settings, sweeps.runningProperty(), this,
                this::saveSettingsInBackground);
        this.experiments = new ExperimentsViewModel(fx, workspace, worker, interactiveWorker, files, this,
                plane.latentPointsProperty(), plane.interpolationPathProperty(), plane.interpolationTProperty(),
                plane.sketchPosteriorProperty());
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

    /** Loads a data set folder in the background; on failure the current data set stays. */
    public void openDataset(Path folder) {
        status.set("loading data from " + folder + " ...");
        // pictures load in colour when any has colour; decoding progress shows in the status line
        ImageFolderOptions pictures = ImageFolderOptions.defaults().withCacheDir(settingsFolder().resolve("cache"));
        LoadProgress progress = (done, total) -> {
            if (done == total || done % 500 == 0) {
                fx.execute(() -> status.set("decoding pictures: " + done + " of " + total));
            }
        };
        BackgroundTask.wrap(() -> DatasetLoader.load(folder, pictures, progress)).onSuccess(result -> {
            Dataset loaded = result.dataset();
            workspace.openDataset(loaded);
            gallery.setTestSet(loaded.test());
            rememberDataFolder(folder);
            String skipped = result.report().skippedLine();
            status.set("data: " + loaded.name() + " (" + loaded.rows() + "x" + loaded.cols() + ", "
                    + loaded.classNames().size() + " classes, " + loaded.train().count() + " training, "
                    + loaded.test().count() + " test images)" + (skipped.isEmpty() ? "" : "; " + skipped));
            plane.refreshLatentPoints();
        }).onFailure(this::failed).executeWith(files);
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
        Checkpoint current = training.isTraining() ? null : workspace.checkpointProperty().get();
        if (current == null) {
            // mid-run a saved history would not match its weights; the run's result is saved when it ends
            error.set("there is no model to save yet");
            return;
        }
        BackgroundTask.wrap(() -> CheckpointIO.save(current, target))
                .onSuccess(written -> status.set("saved " + written))
                .onFailure(this::failed)
                .executeWith(files);
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
