package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.experiments.ExperimentsViewModel.PADDING;
import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.SampleFigure;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.workspace.Workspace;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.ObservableList;

/**
 * What the generative model makes: decodes of prior samples z ~ N(0, I), and variants of one test digit, decodes
 * of z ~ q(z|x) beside the image they come from. Both follow the weights, computed on the inference thread.
 * FX thread only.
 */
public final class SamplesViewModel {

    public static final int SAMPLE_COLUMNS = 8;
    public static final int VARIANT_COUNT = 32;
    /** The source image and its 32 variants make three rows of eleven. */
    public static final int VARIANT_COLUMNS = 11;

    private final ExperimentJobs jobs;
    private final Workspace workspace;
    private final ExperimentExports exports;

    private final IntegerProperty sampleCount = new SimpleIntegerProperty(this, "sampleCount", 64);
    private final LongProperty sampleSeed = new SimpleLongProperty(this, "sampleSeed", 1);
    private final ReadOnlyObjectWrapper<Raster> priorSamples = new ReadOnlyObjectWrapper<>(this, "priorSamples");

    private final IntegerProperty variantsDigit = new SimpleIntegerProperty(this, "variantsDigit", 0);
    private final ReadOnlyIntegerWrapper variantsSource = new ReadOnlyIntegerWrapper(this, "variantsSource", -1);
    private final ReadOnlyObjectWrapper<Raster> variants = new ReadOnlyObjectWrapper<>(this, "variants");

    public SamplesViewModel(ExperimentJobs jobs, Workspace workspace, InferenceWorker worker, TaskExecutor files,
            UserMessages messages) {
        this.jobs = jobs;
        this.workspace = workspace;
        this.exports = new ExperimentExports(files, messages);
        ExperimentJob<Raster> samplesJob = jobs.add(worker, "exp-prior", this::prepareSamples,
                priorSamples::set);
        ExperimentJob<Raster> variantsJob = jobs.add(worker, "exp-variants", this::prepareVariants,
                variants::set);
        variantsSource.set(jobs.firstTestImage(variantsDigit.get()));
        ExperimentJobs.requestOnChange(samplesJob, sampleCount, sampleSeed);
        ExperimentJobs.requestOnChange(variantsJob, variantsSource);
        variantsDigit.addListener((obs, was, digit) -> variantsSource.set(jobs.firstTestImage(digit.intValue())));
        jobs.whenDataChanges(() -> variantsSource.set(jobs.firstTestImage(variantsDigit.get())));
        samplesJob.request();
        variantsJob.request();
    }

    public IntegerProperty sampleCountProperty() {
        return sampleCount;
    }

    /** The same seed draws the same latent vectors (their decodes follow the weights). */
    public LongProperty sampleSeedProperty() {
        return sampleSeed;
    }

    /** Decodes of z ~ N(0, I), {@link #SAMPLE_COLUMNS} per row. */
    public ReadOnlyObjectProperty<Raster> priorSamplesProperty() {
        return priorSamples.getReadOnlyProperty();
    }

    /** Draws new samples. */
    public void resample() {
        sampleSeed.set(sampleSeed.get() + 1);
    }

    /** The label whose test images are the variants' source. */
    public IntegerProperty variantsDigitProperty() {
        return variantsDigit;
    }

    /** Index of the test image the variants come from, -1 when there is none. */
    public ReadOnlyIntegerProperty variantsSourceProperty() {
        return variantsSource.getReadOnlyProperty();
    }

    /** The source image followed by {@link #VARIANT_COUNT} decodes of z ~ q(z|x). */
    public ReadOnlyObjectProperty<Raster> variantsProperty() {
        return variants.getReadOnlyProperty();
    }

    /** Takes the next test image of the same label as the source (wrapping around). */
    public void nextVariantSource() {
        variantsSource.set(jobs.nextTestImage(variantsDigit.get(), variantsSource.get()));
    }

    /** Names of the data set's classes, for the digit selector. */
    public ObservableList<String> classNames() {
        return workspace.classNames();
    }

    /** The last failure of an experiment, one line; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return jobs.errorProperty();
    }

    /** Writes the prior samples as a PNG of the raster's own size, in the background. */
    public void exportSamplesPng(Path file) {
        exports.png(priorSamples.get(), file);
    }

    /** Writes the variants (source image first) as a PNG, in the background. */
    public void exportVariantsPng(Path file) {
        exports.png(variants.get(), file);
    }

    // ---------------------------------------------------------------- jobs: inputs read on the FX thread,
    // the returned work runs on the inference thread with only those captured values

    private Function<SnapshotModel, Raster> prepareSamples() {
        int count = sampleCount.get();
        long seed = sampleSeed.get();
        if (jobs.usableTestImages() == null || count < 1) {
            return null;
        }
        return m -> ImageTiler.tile(SampleFigure.prior(m, count, seed, Math.min(count, SAMPLE_COLUMNS)), PADDING, 1);
    }

    private Function<SnapshotModel, Raster> prepareVariants() {
        LabeledImages test = jobs.usableTestImages();
        int source = variantsSource.get();
        if (test == null || !ExperimentJobs.isIndex(source, test)) {
            return null;
        }
        // seeded by the source, so the same variants follow the weights while training runs
        return m -> ImageTiler.tile(
                SampleFigure.variants(m, test.image(source), VARIANT_COUNT, source, VARIANT_COLUMNS), PADDING, 1);
    }
}
