package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.experiments.ExperimentsViewModel.PADDING;
import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.ClassGridFigure;
import io.vaeexplorer.explore.GaussianMixture;
import io.vaeexplorer.explore.SampleFigure;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.workspace.ChosenClass;
import io.vaeexplorer.ui.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.ObservableList;

/**
 * What the generative model makes: decodes of prior samples z ~ N(0, I) beside as many decodes of samples from a
 * mixture of Gaussians fitted to the training set's codes (the aggregate posterior, which the decoder has learnt
 * to decode where the prior may not have), and variants of one test image, decodes of z ~ q(z|x) beside the image
 * they come from. For a conditional model, the samples can be shown by class instead: one row per class, and in
 * each column one z from the prior decoded as every class. All follow the weights, computed on the inference
 * thread. FX thread only.
 */
public final class SamplesViewModel {

    public static final int SAMPLE_COLUMNS = 8;
    public static final String PRIOR_CAPTION = "prior N(0, I)";
    public static final int DEFAULT_COMPONENTS = 10;
    public static final int MIN_COMPONENTS = 1;
    public static final int MAX_COMPONENTS = 100;
    /** The fit's own seed, so that a new sample seed draws other codes from the same mixture. */
    static final long FIT_SEED = 1;
    /** Background columns between the prior's grid and the mixture's in the exported picture. */
    static final int EXPORT_GAP = 8;
    public static final int VARIANT_COUNT = 32;
    /** The source image and its 32 variants make three rows of eleven. */
    public static final int VARIANT_COLUMNS = 11;
    public static final int MIN_CLASS_COLUMNS = 1;
    public static final int MAX_CLASS_COLUMNS = 32;
    /** Why a plain model shows no grid by class, for the switch's tooltip. */
    public static final String PLAIN_MODEL_HAS_NO_CLASSES = "The model is plain: it was not told the images' classes,"
            + " so it cannot draw one z as each class. Tick Conditional in the settings and train one.";

    private final ExperimentJobs jobs;
    private final Workspace workspace;
    private final ExperimentExports exports;

    private final IntegerProperty sampleCount = new SimpleIntegerProperty(this, "sampleCount", 64);
    private final LongProperty sampleSeed = new SimpleLongProperty(this, "sampleSeed", 1);
    private final ReadOnlyObjectWrapper<Raster> priorSamples = new ReadOnlyObjectWrapper<>(this, "priorSamples");

    private final IntegerProperty mixtureComponents = new SimpleIntegerProperty(this, "mixtureComponents",
            DEFAULT_COMPONENTS);
    private final ReadOnlyObjectWrapper<Raster> mixtureSamples = new ReadOnlyObjectWrapper<>(this, "mixtureSamples");
    private final ReadOnlyStringWrapper mixtureCaption = new ReadOnlyStringWrapper(this, "mixtureCaption",
            mixtureCaption(DEFAULT_COMPONENTS));
    /** The mixture last fitted, reused while the weights, the training images and K stay the same. */
    private FittedMixture fitted;
    /** Fits run so far (counted on the inference thread; read by tests). */
    private final AtomicInteger fits = new AtomicInteger();

    private final BooleanProperty mixtureShown = new SimpleBooleanProperty(this, "mixtureShown", true);
    private final IntegerProperty variantsClass = new SimpleIntegerProperty(this, "variantsClass", 0);
    private final ReadOnlyIntegerWrapper variantsSource = new ReadOnlyIntegerWrapper(this, "variantsSource", -1);
    private final ReadOnlyObjectWrapper<Raster> variants = new ReadOnlyObjectWrapper<>(this, "variants");

    private final BooleanProperty byClass = new SimpleBooleanProperty(this, "byClass", false);
    private final BooleanBinding conditional;
    private final BooleanBinding classGridShown;
    private final IntegerProperty classColumns = new SimpleIntegerProperty(this, "classColumns", SAMPLE_COLUMNS);
    private final ReadOnlyObjectWrapper<Raster> classGrid = new ReadOnlyObjectWrapper<>(this, "classGrid");

    public SamplesViewModel(ExperimentJobs jobs, Workspace workspace, InferenceWorker worker, TaskExecutor files,
            ExportSize exportSize, UserMessages messages) {
        this.jobs = jobs;
        this.workspace = workspace;
        this.exports = new ExperimentExports(files, messages, exportSize);
        this.conditional = workspace.conditionClassesProperty().greaterThan(0);
        this.classGridShown = byClass.and(conditional);
        ExperimentJob<Raster> samplesJob = jobs.add(worker, "exp-prior", this::prepareSamples,
                priorSamples::set);
        ExperimentJob<MixtureSamples> mixtureJob = jobs.add(worker, "exp-mixture", this::prepareMixtureSamples,
                this::showMixtureSamples);
        ExperimentJob<Raster> variantsJob = jobs.add(worker, "exp-variants", this::prepareVariants,
                variants::set);
        variantsSource.set(jobs.firstTestImage(variantsClass.get()));
        ExperimentJobs.requestOnChange(samplesJob, sampleCount, sampleSeed);
        mixtureComponents.addListener((obs, was, now) -> {
            int k = now.intValue();
            if (k < MIN_COMPONENTS || k > MAX_COMPONENTS) {
                mixtureComponents.set(Math.max(MIN_COMPONENTS, Math.min(MAX_COMPONENTS, k)));
            }
        });
        ExperimentJobs.requestOnChange(mixtureJob, sampleCount, sampleSeed, mixtureComponents, mixtureShown);
        ExperimentJobs.requestOnChange(variantsJob, variantsSource);
        ExperimentJob<Raster> classGridJob = jobs.add(worker, "exp-class-grid", this::prepareClassGrid,
                classGrid::set);
        classColumns.addListener((obs, was, now) -> {
            int columns = now.intValue();
            if (columns < MIN_CLASS_COLUMNS || columns > MAX_CLASS_COLUMNS) {
                classColumns.set(Math.max(MIN_CLASS_COLUMNS, Math.min(MAX_CLASS_COLUMNS, columns)));
            }
        });
        ExperimentJobs.requestOnChange(classGridJob, sampleSeed, classColumns, classGridShown);
        // the mixture's grid is hidden behind the class grid: it is fitted once it shows again
        ExperimentJobs.requestOnChange(mixtureJob, classGridShown);
        variantsClass.addListener((obs, was, label) -> variantsSource.set(jobs.firstTestImage(label.intValue())));
        jobs.whenDataChanges(() -> variantsSource.set(jobs.firstTestImage(variantsClass.get())));
        // the fit holds on to the training images it came from; another data set needs another fit anyway
        jobs.whenDataChanges(() -> fitted = null);
        samplesJob.request();
        mixtureJob.request();
        variantsJob.request();
        classGridJob.request();
    }

    /**
     * Whether the mixture's grid is on screen. A fit encodes up to 20,000 training images and runs EM, seconds of
     * the inference thread: while a run trains, new weights would start one fit after another whenever any
     * experiment is visible, so fits wait until the Samples tab is.
     */
    public BooleanProperty mixtureShownProperty() {
        return mixtureShown;
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

    /**
     * K, the number of Gaussians fitted to the training codes ({@value #MIN_COMPONENTS} to {@value
     * #MAX_COMPONENTS}; values outside are brought inside).
     */
    public IntegerProperty mixtureComponentsProperty() {
        return mixtureComponents;
    }

    /**
     * Decodes of as many codes as the prior's grid, drawn with the same seed from the mixture of K Gaussians fitted
     * to the training set's codes under the current weights, {@link #SAMPLE_COLUMNS} per row; null while there is
     * no model or no training image of its size.
     */
    public ReadOnlyObjectProperty<Raster> mixtureSamplesProperty() {
        return mixtureSamples.getReadOnlyProperty();
    }

    /** What the mixture's grid shows, naming the number of Gaussians its samples came from. */
    public ReadOnlyStringProperty mixtureCaptionProperty() {
        return mixtureCaption.getReadOnlyProperty();
    }

    /** Draws new samples. */
    public void resample() {
        sampleSeed.set(sampleSeed.get() + 1);
    }

    /**
     * Whether the samples are shown by class ({@link #classGridProperty()}) rather than as the prior's and the
     * mixture's grids; it takes effect only while the model is conditional.
     */
    public BooleanProperty byClassProperty() {
        return byClass;
    }

    /** True while the current model is conditional: only then can the samples be shown by class. */
    public BooleanBinding conditionalProperty() {
        return conditional;
    }

    /** True while the class grid shows instead of the prior's and the mixture's: by class, for a conditional model. */
    public BooleanBinding classGridShownProperty() {
        return classGridShown;
    }

    /**
     * Latent vectors of the class grid, one per column ({@value #MIN_CLASS_COLUMNS} to {@value #MAX_CLASS_COLUMNS};
     * values outside are brought inside). They are drawn with the samples' seed.
     */
    public IntegerProperty classColumnsProperty() {
        return classColumns;
    }

    /**
     * One row per class of the conditional model, one column per z drawn from the prior with the samples' seed: each
     * column decodes one z as every class. Null while it is not shown or the model is plain.
     */
    public ReadOnlyObjectProperty<Raster> classGridProperty() {
        return classGrid.getReadOnlyProperty();
    }

    /** The class of each row of the class grid, top to bottom. */
    public ObservableList<String> classGridRowNames() {
        return workspace.decodeClassNames();
    }

    /** Writes the class grid as a PNG of the raster's own size (twice it at 2x), in the background. */
    public void exportClassGridPng(Path file) {
        exports.png(classGrid.get(), file);
    }

    /** The label whose test images are the variants' source. */
    public IntegerProperty variantsClassProperty() {
        return variantsClass;
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
        variantsSource.set(jobs.nextTestImage(variantsClass.get(), variantsSource.get()));
    }

    /** Names of the data set's classes, for the class selector. */
    public ObservableList<String> classNames() {
        return workspace.classNames();
    }

    /** What prompts call one class of the open set: "digit" for digits, else "class". */
    public ReadOnlyStringProperty classWordProperty() {
        return workspace.classWordProperty();
    }

    /** What titles call one image of the open set: "digit" for digits, else "image". */
    public ReadOnlyStringProperty imageWordProperty() {
        return workspace.imageWordProperty();
    }

    /** The last failure of an experiment, one line; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return jobs.errorProperty();
    }

    /**
     * Writes the prior samples, with the mixture's to their right when there are any, as a PNG of the rasters' own
     * size (twice it at 2x), in the background.
     */
    public void exportSamplesPng(Path file) {
        Raster mixture = mixtureSamples.get();
        if (mixture == null) {
            exports.png(priorSamples.get(), file);
        } else {
            exports.pngSideBySide(priorSamples.get(), mixture, EXPORT_GAP, file);
        }
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
        ChosenClass chosen = workspace.chosenClass();
        return m -> ImageTiler.tile(SampleFigure.prior(chosen.of(m), count, seed, Math.min(count, SAMPLE_COLUMNS)),
                PADDING, 1);
    }

    private Function<SnapshotModel, MixtureSamples> prepareMixtureSamples() {
        int count = sampleCount.get();
        long seed = sampleSeed.get();
        int components = mixtureComponents.get();
        LabeledImages train = usableTrainImages();
        if (train == null || count < 1 || !mixtureShown.get() || classGridShown.get()) {
            return null;
        }
        FittedMixture cached = fitted;
        ChosenClass chosen = workspace.chosenClass();
        return m -> {
            // fitted to the codes of the images told their own classes, decoded as the chosen class
            FittedMixture mixture = cached != null && cached.isFor(m.snapshot(), train, components) ? cached
                    : fit(m, train, components);
            Raster grid = ImageTiler.tile(SampleFigure.mixture(chosen.of(m), mixture.mixture(), count, seed,
                    Math.min(count, SAMPLE_COLUMNS)), PADDING, 1);
            return new MixtureSamples(mixture, grid);
        };
    }

    /** Encodes the training images with the model's weights and fits K Gaussians to their codes. */
    private FittedMixture fit(SnapshotModel model, LabeledImages train, int components) {
        fits.incrementAndGet();
        GaussianMixture mixture = GaussianMixture.fitToImages(model, train.levels(), train.labels(), train.count(), components,
                FIT_SEED);
        return new FittedMixture(model.snapshot(), train, components, mixture);
    }

    private void showMixtureSamples(MixtureSamples result) {
        fitted = result.fit();
        mixtureCaption.set(mixtureCaption(result.fit().mixture().components()));
        mixtureSamples.set(result.grid());
    }

    static String mixtureCaption(int components) {
        return "mixture of " + components + (components == 1 ? " Gaussian" : " Gaussians")
                + " fitted to the training codes";
    }

    /** The open training images when they fit the current model, else null (nothing to fit). */
    private LabeledImages usableTrainImages() {
        Dataset data = workspace.datasetProperty().get();
        WeightSnapshot weights = workspace.snapshotProperty().get();
        if (data == null || weights == null || data.train().count() == 0
                || data.train().imageSize() != weights.config().imageSize()) {
            return null;
        }
        return data.train();
    }

    /** Fits run so far. */
    int mixtureFits() {
        return fits.get();
    }

    /** The mixture the grid's samples came from; null before the first and when the data set changes. */
    FittedMixture fittedMixture() {
        return fitted;
    }

    /** A mixture and what it was fitted to: the weights that encoded the training images, and K. */
    record FittedMixture(WeightSnapshot weights, LabeledImages train, int components, GaussianMixture mixture) {

        boolean isFor(WeightSnapshot otherWeights, LabeledImages otherTrain, int otherComponents) {
            return weights == otherWeights && train == otherTrain && components == otherComponents;
        }
    }

    private record MixtureSamples(FittedMixture fit, Raster grid) {
    }

    private Function<SnapshotModel, Raster> prepareClassGrid() {
        int columns = classColumns.get();
        long seed = sampleSeed.get();
        if (!classGridShown.get() || jobs.usableTestImages() == null) {
            classGrid.set(null);
            return null;
        }
        // a model that turns out plain (newer weights on their way) draws nothing
        return m -> m.conditionClasses() == 0 ? null
                : ImageTiler.tile(ClassGridFigure.of(m, columns, seed), PADDING, 1);
    }

    private Function<SnapshotModel, Raster> prepareVariants() {
        LabeledImages test = jobs.usableTestImages();
        int source = variantsSource.get();
        if (test == null || !ExperimentJobs.isIndex(source, test)) {
            return null;
        }
        ChosenClass chosen = workspace.chosenClass();
        int label = test.label(source);
        // seeded by the source, so the same variants follow the weights while training runs; a conditional model
        // encodes the source as its own class and draws the variants as the chosen one
        return m -> ImageTiler.tile(SampleFigure.variants(chosen.restyle(m, label), test.image(source), VARIANT_COUNT,
                source, VARIANT_COLUMNS), PADDING, 1);
    }
}
