package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.experiments.ExperimentsViewModel.PADDING;
import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.ClassesTold;
import io.vaeexplorer.explore.ReconstructionFigure;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The first test images above their reconstructions through the posterior mean, recomputed on the inference
 * thread as the weights change. FX thread only.
 */
public final class ReconstructionsViewModel {

    public static final int RECONSTRUCTION_COUNT = 16;

    private final ExperimentJobs jobs;
    private final ExperimentExports exports;
    private final ReadOnlyObjectWrapper<Raster> reconstructions =
            new ReadOnlyObjectWrapper<>(this, "reconstructions");

    public ReconstructionsViewModel(ExperimentJobs jobs, InferenceWorker worker, TaskExecutor files,
            ExportSize exportSize, UserMessages messages) {
        this.jobs = jobs;
        this.exports = new ExperimentExports(files, messages, exportSize);
        ExperimentJob<Raster> job = jobs.add(worker, "exp-reconstructions", this::prepare, reconstructions::set);
        job.request();
    }

    /** The first {@link #RECONSTRUCTION_COUNT} test images above their reconstructions through mu. */
    public ReadOnlyObjectProperty<Raster> reconstructionsProperty() {
        return reconstructions.getReadOnlyProperty();
    }

    /** The last failure of an experiment, one line; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return jobs.errorProperty();
    }

    /** Writes originals above reconstructions as a PNG of the raster's own size (twice it at 2x), in the background. */
    public void exportPng(Path file) {
        exports.png(reconstructions.get(), file);
    }

    /** Reads the inputs on the FX thread; the returned work runs on the inference thread with only those values. */
    private Function<SnapshotModel, Raster> prepare() {
        LabeledImages test = jobs.usableTestImages();
        if (test == null) {
            return null;
        }
        int count = Math.min(RECONSTRUCTION_COUNT, test.count());
        float[] originals = test.unitFloats(0, count);
        int[] classes = Arrays.copyOf(test.classes(), count);
        return m -> {
            // a conditional model is told each image's own class, both ways
            ReconstructionFigure figure = ReconstructionFigure.of(ClassesTold.ownClasses(m, classes), originals,
                    count, count);
            return ImageTiler.stack(ImageTiler.tile(figure.originals(), PADDING, 1),
                    ImageTiler.tile(figure.reconstructions(), PADDING, 1), 0);
        };
    }
}
