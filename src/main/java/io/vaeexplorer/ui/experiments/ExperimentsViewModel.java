package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.ui.draw.DrawViewModel;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.workspace.Workspace;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The experiments below the plane, one view-model per tab (epsilon sweep, interpolation, samples and variants,
 * reconstructions, drawing), built on the current model and the open data set's test images. The experiments
 * share their jobs' plumbing ({@link ExperimentJobs}): one line for the last failure and one switch for whether
 * they are on screen. FX thread only.
 */
public final class ExperimentsViewModel {

    /** The frame around each image in an experiment's tiled raster, as every experiment shows them. */
    public static final int PADDING = 1;

    private final ExperimentJobs jobs;
    private final EpsilonSweepViewModel sweep;
    private final InterpolationViewModel interpolation;
    private final SamplesViewModel samples;
    private final ReconstructionsViewModel reconstructions;
    private final DrawViewModel draw;

    /**
     * @param fx the FX thread's queue
     * @param worker the inference thread of the experiments' grids
     * @param interactiveWorker the inference thread of what a person drags or draws
     * @param files writes the exports and reads the pictures opened to encode
     * @param exportSize the size the exports are written at
     * @param messages the status line and the error banner
     * @param latentPoints the plane's points, whose projection puts the interpolation path on the plane
     * @param interpolationPath where the interpolation's path goes on the plane
     * @param interpolationT where the plane marks the interpolation slider's position
     * @param sketchPosterior where the plane reads the drawing's posterior
     */
    public ExperimentsViewModel(Executor fx, Workspace workspace, InferenceWorker worker,
            InferenceWorker interactiveWorker, TaskExecutor files, ExportSize exportSize, UserMessages messages,
            ReadOnlyObjectProperty<LatentPoints> latentPoints, ObjectProperty<double[]> interpolationPath,
            DoubleProperty interpolationT, ObjectProperty<Posterior> sketchPosterior) {
        jobs = new ExperimentJobs(fx, workspace);
        sweep = new EpsilonSweepViewModel(jobs, workspace, worker, files, exportSize, messages);
        interpolation = new InterpolationViewModel(jobs, workspace, worker, interactiveWorker, files, exportSize,
                messages, latentPoints, interpolationPath, interpolationT);
        samples = new SamplesViewModel(jobs, workspace, worker, files, exportSize, messages);
        reconstructions = new ReconstructionsViewModel(jobs, worker, files, exportSize, messages);
        draw = new DrawViewModel(workspace, interactiveWorker, files, sketchPosterior, interpolation::useDrawingAs,
                messages);
    }

    public EpsilonSweepViewModel sweep() {
        return sweep;
    }

    public InterpolationViewModel interpolation() {
        return interpolation;
    }

    public SamplesViewModel samples() {
        return samples;
    }

    public ReconstructionsViewModel reconstructions() {
        return reconstructions;
    }

    public DrawViewModel draw() {
        return draw;
    }

    /** Sweeps around a test image chosen elsewhere (a click on the plane). */
    public void useTestImage(int index) {
        sweep.useTestImage(index);
    }

    /** The last failure of an experiment, one line; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return jobs.errorProperty();
    }

    /** Whether the experiments are on screen; see {@link ExperimentJobs#activeProperty()}. */
    public BooleanProperty activeProperty() {
        return jobs.activeProperty();
    }

    /** True when no experiment waits for a worker and no weight update waits to be applied. */
    public boolean isIdle() {
        return jobs.isIdle();
    }
}
