package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.ui.fx.FxDelay;
import io.vaeexplorer.ui.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;

/**
 * What the experiments' view-models share: their jobs on the inference workers, one line for the last failure
 * among them, the open test images, and one refresh of every job when the data set or the weights change. While
 * training publishes weights, results follow at most every {@link #SNAPSHOT_SETTLE_MILLIS} ms; while no experiment
 * is on screen, new weights cost nothing. A conditional model's jobs decode at the class chosen in the
 * {@link Workspace} ({@link Workspace#chosenClass()}, read as a job is prepared), and a new choice refreshes them.
 * Nothing is computed (and nothing fails) while there is no data set or no model.
 *
 * <p>FX thread only (the executor given to the constructor is the FX thread's queue).
 */
public final class ExperimentJobs {

    /** Coalescing window for weight updates: a few refreshes a second keep up with training without hogging. */
    static final int SNAPSHOT_SETTLE_MILLIS = 1000;

    private final Workspace workspace;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);
    private final ReadOnlyIntegerWrapper testImageCount = new ReadOnlyIntegerWrapper(this, "testImageCount");
    private final FxDelay snapshotSettle;
    private final List<ExperimentJob<?>> jobs = new ArrayList<>();
    private final List<Runnable> dataListeners = new ArrayList<>();
    private String failedJob;

    public ExperimentJobs(Executor fx, Workspace workspace) {
        this.workspace = workspace;
        this.snapshotSettle = new FxDelay(fx, this::refreshAll);
        // training publishes weights many times a second: the first starts a window, the window's end recomputes
        // with the newest, and snapshots inside it add nothing
        workspace.snapshotProperty().addListener((obs, was, now) -> {
            if (active.get()) {
                snapshotSettle.schedule(SNAPSHOT_SETTLE_MILLIS);
            }
        });
        // while none of the experiments is on screen, new weights cost nothing; showing one brings it up to date
        active.addListener((obs, was, now) -> {
            if (now) {
                refreshAll();
            }
        });
        testImageCount.set(countTestImages());
        workspace.datasetProperty().addListener((obs, was, now) -> {
            testImageCount.set(countTestImages());
            dataListeners.forEach(Runnable::run);
            refreshAll();
        });
        // a conditional model draws everything again at the class chosen; off screen, showing them will
        workspace.decodeClassProperty().addListener((obs, was, now) -> {
            if (active.get() && workspace.conditionClassesProperty().get() > 0) {
                refreshAll();
            }
        });
    }

    /** The last failure of an experiment, one line; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Whether the experiments are on screen. While false, new weights during training do not recompute them
     * (every decode would take time from training); turning it on recomputes everything once.
     */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** True when no experiment waits for a worker and no weight update waits to be applied. */
    public boolean isIdle() {
        return !snapshotSettle.isPending() && jobs.stream().noneMatch(ExperimentJob::isRunning);
    }

    /**
     * A job on {@code worker} that every refresh requests; its failure shows in {@link #errorProperty} until the
     * same job succeeds.
     *
     * @param key the worker key, unique to this job
     * @param prepare reads the inputs on the FX thread and returns the work, or null when there is nothing to do
     * @param show receives the result on the FX thread
     */
    public <T> ExperimentJob<T> add(InferenceWorker worker, String key,
            Supplier<Function<SnapshotModel, T>> prepare, Consumer<T> show) {
        ExperimentJob<T> job = new ExperimentJob<>(worker, key, prepare, result -> {
            if (key.equals(failedJob)) {
                failedJob = null;
                error.set("");
            }
            show.accept(result);
        }, message -> {
            failedJob = key;
            error.set(message);
        });
        jobs.add(job);
        return job;
    }

    /**
     * Requests the job whenever an input changes. Change (not invalidation) listeners: they fire on every new
     * value, whether or not anyone read the last.
     */
    public static void requestOnChange(ExperimentJob<?> job, ObservableValue<?>... inputs) {
        for (ObservableValue<?> input : inputs) {
            input.addListener((obs, was, now) -> job.request());
        }
    }

    /** Runs before the jobs refresh for a new data set, so inputs that depend on the data are up to date first. */
    public void whenDataChanges(Runnable update) {
        dataListeners.add(update);
    }

    /** Number of test images of the open data set, 0 without one. */
    public ReadOnlyIntegerProperty testImageCountProperty() {
        return testImageCount.getReadOnlyProperty();
    }

    /** The first test image of a label, or -1. */
    public int firstTestImage(int label) {
        return nextTestImage(label, -1);
    }

    /** The next test image of a label after index {@code after}, wrapping around; -1 when there is none. */
    public int nextTestImage(int label, int after) {
        Dataset data = workspace.datasetProperty().get();
        if (data == null) {
            return -1;
        }
        LabeledImages test = data.test();
        for (int step = 1; step <= test.count(); step++) {
            int i = Math.floorMod(after + step, test.count());
            if (test.label(i) == label) {
                return i;
            }
        }
        return -1;
    }

    /** The open test images when they fit the current model, else null (nothing to compute). */
    public LabeledImages usableTestImages() {
        Dataset data = workspace.datasetProperty().get();
        WeightSnapshot weights = workspace.snapshotProperty().get();
        if (data == null || weights == null || data.test().count() == 0
                || data.test().imageSize() != weights.config().imageSize()) {
            return null;
        }
        return data.test();
    }

    static boolean isIndex(int index, LabeledImages images) {
        return index >= 0 && index < images.count();
    }

    private int countTestImages() {
        Dataset data = workspace.datasetProperty().get();
        return data == null ? 0 : data.test().count();
    }

    private void refreshAll() {
        jobs.forEach(ExperimentJob::request);
    }
}
