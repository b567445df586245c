package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.workspace.Workspace;
import java.util.concurrent.Executor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the experiments' view-models are built from, without the rest of the window: a workspace with its two
 * inference workers, an export thread, the plane's properties as plain ones, and the status line and the error
 * banner as the last line each received. Build and use it on the thread {@code fx} runs tasks on.
 */
public final class ExperimentTestbed implements AutoCloseable {

    /** The status line and the error banner: the last line each received, empty before the first. */
    public static final class Lines implements UserMessages {

        private volatile String status = "";
        private volatile String error = "";

        @Override
        public void status(String message) {
            status = message;
        }

        @Override
        public void error(String message) {
            error = message;
        }

        public String status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    private final Executor fx;
    private final InferenceWorker worker;
    private final InferenceWorker interactiveWorker;
    private final Workspace workspace;
    private final TaskExecutor files;
    private final ExperimentJobs jobs;
    private final Lines lines = new Lines();
    private final ExportSize exportSize = new ExportSize();
    private final ObjectProperty<LatentPoints> latentPoints = new SimpleObjectProperty<>();
    private final ObjectProperty<double[]> interpolationPath = new SimpleObjectProperty<>();
    private final DoubleProperty interpolationT = new SimpleDoubleProperty();
    private final ObjectProperty<Posterior> sketchPosterior = new SimpleObjectProperty<>();

    public ExperimentTestbed(Executor fx) {
        this.fx = fx;
        this.worker = new InferenceWorker(fx);
        this.interactiveWorker = InferenceWorker.interactive(fx);
        this.workspace = new Workspace(worker, interactiveWorker);
        this.files = TaskExecutor.singleThread("test-exports", fx);
        this.jobs = new ExperimentJobs(fx, workspace);
    }

    /** The shipped MNIST with all its test images (and one training image: the experiments use none). */
    public static Dataset mnist() {
        return SmallMnist.slice(1, 10_000);
    }

    /** Opens the data set and shows the weights, as opening a folder and loading a model do. */
    public ExperimentTestbed open(Dataset data, WeightSnapshot weights) {
        workspace.openDataset(data);
        showWeights(weights);
        return this;
    }

    /** Newer weights, as training publishes them or a loaded model brings them. */
    public void showWeights(WeightSnapshot weights) {
        workspace.setCheckpoint(ExperimentFixture.checkpoint(weights));
        workspace.showWeights(weights);
    }

    /** All the experiments' view-models, as the window builds them, with jobs of their own. */
    public ExperimentsViewModel experiments() {
        return new ExperimentsViewModel(fx, workspace, worker, interactiveWorker, files, exportSize, lines,
                latentPoints, interpolationPath, interpolationT, sketchPosterior);
    }

    public EpsilonSweepViewModel sweep() {
        return new EpsilonSweepViewModel(jobs, workspace, worker, files, exportSize, lines);
    }

    public InterpolationViewModel interpolation() {
        return new InterpolationViewModel(jobs, workspace, worker, interactiveWorker, files, exportSize, lines,
                latentPoints, interpolationPath, interpolationT);
    }

    public SamplesViewModel samples() {
        return new SamplesViewModel(jobs, workspace, worker, files, exportSize, lines);
    }

    public ReconstructionsViewModel reconstructions() {
        return new ReconstructionsViewModel(jobs, worker, files, exportSize, lines);
    }

    /** The jobs' plumbing the single view-models above share. */
    public ExperimentJobs jobs() {
        return jobs;
    }

    /** The size the exports of every view-model built here are written at, 1x until a test says otherwise. */
    public ExportSize exportSize() {
        return exportSize;
    }

    public Workspace workspace() {
        return workspace;
    }

    public InferenceWorker worker() {
        return worker;
    }

    public InferenceWorker interactiveWorker() {
        return interactiveWorker;
    }

    public Lines lines() {
        return lines;
    }

    public ObjectProperty<double[]> interpolationPath() {
        return interpolationPath;
    }

    public DoubleProperty interpolationT() {
        return interpolationT;
    }

    public ObjectProperty<Posterior> sketchPosterior() {
        return sketchPosterior;
    }

    @Override
    public void close() {
        files.close();
        worker.close();
        interactiveWorker.close();
    }
}
