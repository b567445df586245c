package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.explore.PriorSampler;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.fx.FxDelay;
import io.vaeexplorer.ui.plane.LatentPoints;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.value.ObservableValue;

/**
 * The experiments' view-model: epsilon sweeps, interpolations, prior samples, posterior variants of a digit and
 * reconstructions of the current model on the open data set's test images. Every input is a property; every
 * result is a raster recomputed on the inference thread whenever an input, the data set or the weights change.
 * While training publishes weights, results follow at most every {@link #SNAPSHOT_SETTLE_MILLIS} ms.
 * Nothing happens (and nothing fails) while there is no data set or no model.
 *
 * <p>FX thread only, like the {@link AppViewModel} it reads.
 */
public final class ExperimentsViewModel {

    /** Coalescing window for weight updates: a few refreshes a second keep up with training without hogging. */
    static final int SNAPSHOT_SETTLE_MILLIS = 1000;
    public static final int SAMPLE_COLUMNS = 8;
    public static final int VARIANT_COUNT = 32;
    /** The source image and its 32 variants make three rows of eleven. */
    public static final int VARIANT_COLUMNS = 11;
    public static final int RECONSTRUCTION_COUNT = 16;
    public static final int PADDING = 1;

    private final AppViewModel model;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    private final IntegerProperty sweepImage = new SimpleIntegerProperty(this, "sweepImage", 0);
    private final IntegerProperty sweepSteps = new SimpleIntegerProperty(this, "sweepSteps", 9);
    private final DoubleProperty sweepRange = new SimpleDoubleProperty(this, "sweepRange", 2.0);
    private final javafx.beans.property.ObjectProperty<EpsilonSweep.Units> sweepUnits =
            new javafx.beans.property.SimpleObjectProperty<>(this, "sweepUnits", EpsilonSweep.Units.SIGMA);
    private final ReadOnlyStringWrapper sweepRangeText = new ReadOnlyStringWrapper(this, "sweepRangeText");
    private final ReadOnlyStringWrapper sweepSpan = new ReadOnlyStringWrapper(this, "sweepSpan", "");
    private final IntegerProperty sweepDimX = new SimpleIntegerProperty(this, "sweepDimX", 0);
    private final IntegerProperty sweepDimY = new SimpleIntegerProperty(this, "sweepDimY", 1);
    private final BooleanProperty sweepPerDimension = new SimpleBooleanProperty(this, "sweepPerDimension", false);
    private final ReadOnlyObjectWrapper<GreyRaster> sweepGrid = new ReadOnlyObjectWrapper<>(this, "sweepGrid");

    private final IntegerProperty imageA = new SimpleIntegerProperty(this, "imageA", 0);
    private final IntegerProperty imageB = new SimpleIntegerProperty(this, "imageB", 1);
    /** A drawing used as an end instead of the test image; null for the test image. */
    private final javafx.beans.property.ObjectProperty<float[]> drawnA =
            new javafx.beans.property.SimpleObjectProperty<>(this, "drawnA");
    private final javafx.beans.property.ObjectProperty<float[]> drawnB =
            new javafx.beans.property.SimpleObjectProperty<>(this, "drawnB");
    private final DoubleProperty t = new SimpleDoubleProperty(this, "t", 0);
    private final BooleanProperty fixedEps = new SimpleBooleanProperty(this, "fixedEps", false);
    private final BooleanProperty spherical = new SimpleBooleanProperty(this, "spherical", false);
    private final IntegerProperty stripSteps = new SimpleIntegerProperty(this, "stripSteps", 10);
    private final ReadOnlyObjectWrapper<GreyRaster> interpolatedImage =
            new ReadOnlyObjectWrapper<>(this, "interpolatedImage");
    private final ReadOnlyObjectWrapper<GreyRaster> interpolationStrip =
            new ReadOnlyObjectWrapper<>(this, "interpolationStrip");

    private final IntegerProperty sampleCount = new SimpleIntegerProperty(this, "sampleCount", 64);
    private final LongProperty sampleSeed = new SimpleLongProperty(this, "sampleSeed", 1);
    private final ReadOnlyObjectWrapper<GreyRaster> priorSamples = new ReadOnlyObjectWrapper<>(this, "priorSamples");

    private final IntegerProperty variantsDigit = new SimpleIntegerProperty(this, "variantsDigit", 0);
    private final ReadOnlyIntegerWrapper variantsSource = new ReadOnlyIntegerWrapper(this, "variantsSource", -1);
    private final ReadOnlyObjectWrapper<GreyRaster> variants = new ReadOnlyObjectWrapper<>(this, "variants");

    private final ReadOnlyObjectWrapper<GreyRaster> reconstructions =
            new ReadOnlyObjectWrapper<>(this, "reconstructions");

    private final ExperimentJob<SweepDecode> sweepJob;
    private final ExperimentJob<GreyRaster> interpolationJob;
    private final ExperimentJob<PathDecode> stripJob;
    private final ExperimentJob<GreyRaster> samplesJob;
    private final ExperimentJob<GreyRaster> variantsJob;
    private final ExperimentJob<GreyRaster> reconstructionsJob;
    private final List<ExperimentJob<?>> jobs;
    private final javafx.beans.property.BooleanProperty active =
            new javafx.beans.property.SimpleBooleanProperty(true);
    private final FxDelay snapshotSettle = new FxDelay(javafx.application.Platform::runLater, this::refreshAll);

    /** The latent path of the strip, kept to re-project it when the plane's projection changes. */
    private PathDecode lastPath;
    private long interpolationAnswers;
    private String failedJob;

    /**
     * A decoded sweep and how far it moved each latent dimension at its largest |eps| (0 for the dimensions it
     * left alone).
     */
    private record SweepDecode(GreyRaster grid, double[] reach) {
    }

    /** A strip of decodes with the latent vectors they came from (row-major, steps x dim). */
    private record PathDecode(GreyRaster strip, float[] path, int dim, float[] decoded, int rows, int cols) {
    }

    /** Scale of each image in the interpolation animation (28 px digits become 112 px). */
    static final int ANIMATION_SCALE = 4;

    public ExperimentsViewModel(AppViewModel model) {
        this.model = model;
        sweepJob = job("exp-sweep", this::prepareSweep, this::showSweep);
        interpolationJob = job("interp-t", this::prepareInterpolation, image -> {
            interpolationAnswers++;
            interpolatedImage.set(image);
        });
        stripJob = job("exp-interp-strip", this::prepareStrip, this::showStrip);
        samplesJob = job("exp-prior", this::prepareSamples, priorSamples::set);
        variantsJob = job("exp-variants", this::prepareVariants, variants::set);
        reconstructionsJob = job("exp-reconstructions", this::prepareReconstructions, reconstructions::set);
        jobs = List.of(sweepJob, interpolationJob, stripJob, samplesJob, variantsJob, reconstructionsJob);

        onChange(sweepJob, sweepImage, sweepSteps, sweepRange, sweepUnits, sweepDimX, sweepDimY, sweepPerDimension);
        sweepRangeText.bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> rangeText(sweepRange.get(), sweepUnits.get()), sweepRange, sweepUnits));
        onChange(interpolationJob, imageA, imageB, drawnA, drawnB, t, fixedEps, spherical);
        onChange(stripJob, imageA, imageB, drawnA, drawnB, fixedEps, spherical, stripSteps);
        // picking a test image for an end replaces a drawing there
        imageA.addListener((obs, was, now) -> drawnA.set(null));
        imageB.addListener((obs, was, now) -> drawnB.set(null));
        onChange(samplesJob, sampleCount, sampleSeed);
        onChange(variantsJob, variantsSource);
        variantsDigit.addListener((obs, was, digit) -> variantsSource.set(firstTestImage(digit.intValue())));

        // training publishes weights many times a second: the first starts a window, the window's end recomputes
        // with the newest, and snapshots inside it add nothing
        model.workspace().snapshotProperty().addListener((obs, was, now) -> {
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
        model.workspace().datasetProperty().addListener((obs, was, now) -> {
            variantsSource.set(firstTestImage(variantsDigit.get()));
            refreshAll();
        });
        model.plane().latentPointsProperty().addListener((obs, was, now) -> publishPath());
        // the plane marks the slider's position on the path it draws
        DoubleProperty cursor = model.plane().interpolationTProperty();
        cursor.set(t.get());
        t.addListener((obs, was, now) -> cursor.set(now.doubleValue()));
        variantsSource.set(firstTestImage(variantsDigit.get()));
        refreshAll();
    }

    // ---------------------------------------------------------------- epsilon sweep

    /** Index of the test image whose posterior the sweep explores. */
    public IntegerProperty sweepImageProperty() {
        return sweepImage;
    }

    /** Steps per axis; odd counts put the posterior mean itself in the centre. */
    public IntegerProperty sweepStepsProperty() {
        return sweepSteps;
    }

    /** Largest |eps|: the sweep spans mu +- range * sigma, or mu +- range in {@link EpsilonSweep.Units#ABSOLUTE}. */
    public DoubleProperty sweepRangeProperty() {
        return sweepRange;
    }

    /** What the range is measured in: multiples of the posterior's sigma, or latent units. */
    public javafx.beans.property.ObjectProperty<EpsilonSweep.Units> sweepUnitsProperty() {
        return sweepUnits;
    }

    /** The range as a person reads it, "± 2.00 σ" or "± 2.00". */
    public ReadOnlyStringProperty sweepRangeTextProperty() {
        return sweepRangeText.getReadOnlyProperty();
    }

    /**
     * How far the shown sweep moves each latent dimension it sweeps, in latent units ("z1 ± 0.21, z2 ± 0.18"):
     * what a range in sigma comes to for this posterior. Empty until a sweep is shown.
     */
    public ReadOnlyStringProperty sweepSpanProperty() {
        return sweepSpan.getReadOnlyProperty();
    }

    /** "± 2.00 σ" for a range in sigma, "± 2.00" in latent units. */
    static String rangeText(double range, EpsilonSweep.Units units) {
        String value = String.format(java.util.Locale.ROOT, "± %.2f", range);
        return units == EpsilonSweep.Units.ABSOLUTE ? value : value + " σ";
    }

    /** "z1 ± 0.21, z2 ± 0.18": the dimensions a sweep moves and how far, in latent units. */
    static String spanText(double[] reach) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < reach.length; k++) {
            if (reach[k] > 0) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(String.format(java.util.Locale.ROOT, "z%d ± %s", k + 1, significant(reach[k])));
            }
        }
        return text.toString();
    }

    /** Two significant digits, so a span of 0.0042 does not read as 0.00. */
    private static String significant(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString();
    }

    public IntegerProperty sweepDimXProperty() {
        return sweepDimX;
    }

    public IntegerProperty sweepDimYProperty() {
        return sweepDimY;
    }

    /** On: one row per latent dimension instead of the dimX x dimY grid. */
    public BooleanProperty sweepPerDimensionProperty() {
        return sweepPerDimension;
    }

    /** The decoded sweep, tiles {@code steps} wide; null until computed. */
    public ReadOnlyObjectProperty<GreyRaster> sweepGridProperty() {
        return sweepGrid.getReadOnlyProperty();
    }

    /** Sweeps around a test image chosen elsewhere (a click on the plane). */
    /**
     * Whether the experiments are on screen. While false, new weights during training do not recompute them (on
     * two cores every decode is taken from training); turning it on recomputes everything once.
     */
    public javafx.beans.property.BooleanProperty activeProperty() {
        return active;
    }

    public void useTestImage(int index) {
        sweepImage.set(index);
    }

    // ---------------------------------------------------------------- interpolation

    public IntegerProperty imageAProperty() {
        return imageA;
    }

    public IntegerProperty imageBProperty() {
        return imageB;
    }

    /** Uses a drawing (28x28 values in [0, 1]) as end A (or B) until a test image is picked there again. */
    public void useDrawingAs(boolean endA, float[] pixels) {
        (endA ? drawnA : drawnB).set(pixels.clone());
    }

    /** The drawing at end A, or null when A is a test image. */
    public javafx.beans.property.ReadOnlyObjectProperty<float[]> drawnAProperty() {
        return drawnA;
    }

    public javafx.beans.property.ReadOnlyObjectProperty<float[]> drawnBProperty() {
        return drawnB;
    }

    /** Position on the path, 0 (A) to 1 (B). */
    public DoubleProperty tProperty() {
        return t;
    }

    /** On: decode interp(mu) + eps * interp(sigma) with one eps per pair; off: the means only. */
    public BooleanProperty fixedEpsProperty() {
        return fixedEps;
    }

    /** On: the great-circle arc (slerp) between the means; off: the straight line. */
    public BooleanProperty sphericalProperty() {
        return spherical;
    }

    public IntegerProperty stripStepsProperty() {
        return stripSteps;
    }

    /** The decode at t. */
    public ReadOnlyObjectProperty<GreyRaster> interpolatedImageProperty() {
        return interpolatedImage.getReadOnlyProperty();
    }

    /** {@code stripSteps} decodes from A to B in one row. */
    public ReadOnlyObjectProperty<GreyRaster> interpolationStripProperty() {
        return interpolationStrip.getReadOnlyProperty();
    }

    /** Decodes at t answered so far (tests wait on it). */
    /**
     * The strip's decodes as animation frames, from A to B and back again (so a looping GIF does not jump), each
     * image enlarged; empty until a strip has been decoded.
     */
    public java.util.List<GreyRaster> interpolationFrames() {
        PathDecode last = lastPath;
        if (last == null) {
            return java.util.List.of();
        }
        int pixels = last.rows() * last.cols();
        int steps = last.decoded().length / pixels;
        java.util.List<GreyRaster> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * steps - 2 || (steps == 1 && i == 0); i++) {
            int at = i < steps ? i : 2 * steps - 2 - i;
            float[] image = Arrays.copyOfRange(last.decoded(), at * pixels, (at + 1) * pixels);
            frames.add(ImageTiler.tile(image, 1, last.rows(), last.cols(), 1, 0, ANIMATION_SCALE));
        }
        return frames;
    }

    public long interpolationAnswers() {
        return interpolationAnswers;
    }

    // ---------------------------------------------------------------- prior samples

    public IntegerProperty sampleCountProperty() {
        return sampleCount;
    }

    /** The same seed draws the same latent vectors (their decodes follow the weights). */
    public LongProperty sampleSeedProperty() {
        return sampleSeed;
    }

    /** Decodes of z ~ N(0, I), {@link #SAMPLE_COLUMNS} per row. */
    public ReadOnlyObjectProperty<GreyRaster> priorSamplesProperty() {
        return priorSamples.getReadOnlyProperty();
    }

    /** Draws new samples. */
    public void resample() {
        sampleSeed.set(sampleSeed.get() + 1);
    }

    // ---------------------------------------------------------------- variants of a digit

    /** The label whose test images are the variants' source. */
    public IntegerProperty variantsDigitProperty() {
        return variantsDigit;
    }

    /** Index of the test image the variants come from, -1 when there is none. */
    public ReadOnlyIntegerProperty variantsSourceProperty() {
        return variantsSource.getReadOnlyProperty();
    }

    /** The source image followed by {@link #VARIANT_COUNT} decodes of z ~ q(z|x). */
    public ReadOnlyObjectProperty<GreyRaster> variantsProperty() {
        return variants.getReadOnlyProperty();
    }

    /** Takes the next test image of the same label as the source (wrapping around). */
    public void nextVariantSource() {
        variantsSource.set(nextTestImage(variantsDigit.get(), variantsSource.get()));
    }

    // ---------------------------------------------------------------- reconstructions

    /** The first {@link #RECONSTRUCTION_COUNT} test images above their reconstructions through mu. */
    public ReadOnlyObjectProperty<GreyRaster> reconstructionsProperty() {
        return reconstructions.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- shared

    public AppViewModel explorer() {
        return model;
    }

    /** The last failure of an experiment, one line; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Number of test images of the open data set, 0 without one. */
    public int testImageCount() {
        Dataset data = model.workspace().datasetProperty().get();
        return data == null ? 0 : data.test().count();
    }

    /** The first test image of a label, or -1. */
    public int firstTestImage(int label) {
        return nextTestImage(label, -1);
    }

    /** The next test image of a label after index {@code after}, wrapping around; -1 when there is none. */
    public int nextTestImage(int label, int after) {
        Dataset data = model.workspace().datasetProperty().get();
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

    /** True when no experiment waits for the worker and no weight update waits to be applied. */
    public boolean isIdle() {
        return !snapshotSettle.isPending()
                && jobs.stream().noneMatch(ExperimentJob::isRunning);
    }

    /** Change (not invalidation) listeners: they fire on every new value, whether or not anyone read the last. */
    private static void onChange(ExperimentJob<?> job, ObservableValue<?>... inputs) {
        for (ObservableValue<?> input : inputs) {
            input.addListener((obs, was, now) -> job.request());
        }
    }

    private void refreshAll() {
        jobs.forEach(ExperimentJob::request);
    }

    /** A job whose failure is shown in {@link #errorProperty} until the same job succeeds. */
    private <T> ExperimentJob<T> job(String key, Supplier<Function<InferenceModel, T>> prepare, Consumer<T> show) {
        // the interpolation slider is dragged: its decode must not wait behind the sweeps and samples
        InferenceWorker worker = key.equals("interp-t") ? model.interactiveWorker() : model.worker();
        return new ExperimentJob<>(worker, key, prepare, result -> {
            if (key.equals(failedJob)) {
                failedJob = null;
                error.set("");
            }
            show.accept(result);
        }, message -> {
            failedJob = key;
            error.set(message);
        });
    }

    /** The open test images when they fit the current model, else null (nothing to compute). */
    private LabeledImages usableTestImages() {
        Dataset data = model.workspace().datasetProperty().get();
        WeightSnapshot weights = model.workspace().snapshotProperty().get();
        if (data == null || weights == null || data.test().count() == 0
                || data.test().imageSize() != weights.config().imageSize()) {
            return null;
        }
        return data.test();
    }

    private static boolean isIndex(int index, LabeledImages images) {
        return index >= 0 && index < images.count();
    }

    private static GreyRaster tile(float[] images, int count, ModelConfig config, int columns) {
        return ImageTiler.tile(images, count, config.imageRows(), config.imageCols(), columns, PADDING, 1);
    }

    // ---------------------------------------------------------------- jobs: inputs read on the FX thread,
    // the returned work runs on the inference thread with only those captured values

    private Function<InferenceModel, SweepDecode> prepareSweep() {
        LabeledImages test = usableTestImages();
        int index = sweepImage.get();
        int steps = sweepSteps.get();
        double range = sweepRange.get();
        EpsilonSweep.Units units = sweepUnits.get();
        int dimX = sweepDimX.get();
        int dimY = sweepDimY.get();
        boolean perDimension = sweepPerDimension.get();
        if (test == null || !isIndex(index, test) || steps < 1 || !(range >= 0) || units == null) {
            return null;
        }
        return m -> {
            ModelConfig config = m.config();
            float[][] posterior = m.encode(test.image(index), 1);
            float[] mu = posterior[0];
            float[] step = units.perUnit(posterior[1]);
            double[] eps = EpsilonSweep.epsilons(steps, range);
            int latent = config.latent();
            // dimensions chosen for a bigger model than the one now loaded fall back to the first two
            boolean dimsFit = dimX >= 0 && dimY >= 0 && dimX < latent && dimY < latent;
            int x = dimsFit ? dimX : 0;
            int y = dimsFit ? dimY : 1;
            float[] z;
            double[] reach = new double[latent];
            if (perDimension || latent == 1) {
                z = EpsilonSweep.everyDimension(mu, step, eps);
                for (int k = 0; k < latent; k++) {
                    reach[k] = step[k] * range;
                }
            } else if (x == y) {
                z = EpsilonSweep.oneDimension(mu, step, x, eps); // one axis: one row
                reach[x] = step[x] * range;
            } else {
                z = EpsilonSweep.grid(mu, step, x, y, eps);
                reach[x] = step[x] * range;
                reach[y] = step[y] * range;
            }
            int count = z.length / config.latent();
            return new SweepDecode(tile(m.decode(z, count), count, config, steps), reach);
        };
    }

    private void showSweep(SweepDecode decode) {
        sweepSpan.set(spanText(decode.reach()));
        sweepGrid.set(decode.grid());
    }

    private Function<InferenceModel, GreyRaster> prepareInterpolation() {
        LabeledImages test = usableTestImages();
        int a = imageA.get();
        int b = imageB.get();
        double at = Math.max(0, Math.min(1, t.get()));
        boolean noisy = fixedEps.get();
        boolean arc = spherical.get();
        float[] drawingA = drawnA.get();
        float[] drawingB = drawnB.get();
        if (test == null || !isIndex(a, test) || !isIndex(b, test)) {
            return null;
        }
        return m -> {
            InterpolationEnds ends = ends(m, test, a, b, drawingA, drawingB, noisy);
            ModelConfig config = m.config();
            // one image alone, without a frame
            return ImageTiler.tile(m.decode(ends.at(at, arc)), 1, config.imageRows(), config.imageCols(), 1, 0, 1);
        };
    }

    private Function<InferenceModel, PathDecode> prepareStrip() {
        LabeledImages test = usableTestImages();
        int a = imageA.get();
        int b = imageB.get();
        int steps = stripSteps.get();
        boolean noisy = fixedEps.get();
        boolean arc = spherical.get();
        float[] drawingA = drawnA.get();
        float[] drawingB = drawnB.get();
        if (test == null || !isIndex(a, test) || !isIndex(b, test) || steps < 2) {
            return null;
        }
        return m -> {
            InterpolationEnds ends = ends(m, test, a, b, drawingA, drawingB, noisy);
            float[] path = ends.path(steps, arc);
            float[] decoded = m.decode(path, steps);
            ModelConfig c = m.config();
            return new PathDecode(tile(decoded, steps, c, steps), path, ends.dim(), decoded, c.imageRows(),
                    c.imageCols());
        };
    }

    /** The encoded ends: test images a and b, or the drawings put in their place. */
    private static InterpolationEnds ends(InferenceModel m, LabeledImages test, int a, int b, float[] drawingA,
                                          float[] drawingB, boolean noisy) {
        if (drawingA == null && drawingB == null) {
            return InterpolationEnds.encode(m, test, a, b, noisy);
        }
        float[] imageA = drawingA != null ? drawingA : test.image(a);
        float[] imageB = drawingB != null ? drawingB : test.image(b);
        long seed = InterpolationEnds.pairSeed(a, b) ^ java.util.Arrays.hashCode(imageA) * 31L
                ^ java.util.Arrays.hashCode(imageB);
        return InterpolationEnds.encode(m, imageA, imageB, seed, noisy);
    }

    private Function<InferenceModel, GreyRaster> prepareSamples() {
        int count = sampleCount.get();
        long seed = sampleSeed.get();
        if (usableTestImages() == null || count < 1) {
            return null;
        }
        return m -> {
            ModelConfig config = m.config();
            float[] z = PriorSampler.sample(count, config.latent(), seed);
            return tile(m.decode(z, count), count, config, Math.min(count, SAMPLE_COLUMNS));
        };
    }

    private Function<InferenceModel, GreyRaster> prepareVariants() {
        LabeledImages test = usableTestImages();
        int source = variantsSource.get();
        if (test == null || !isIndex(source, test)) {
            return null;
        }
        return m -> {
            ModelConfig config = m.config();
            float[] image = test.image(source);
            float[][] posterior = m.encode(image, 1);
            // seeded by the source, so the same variants follow the weights while training runs
            float[] z = PriorSampler.posterior(posterior[0], posterior[1], VARIANT_COUNT, source);
            float[] decoded = m.decode(z, VARIANT_COUNT);
            float[] all = Arrays.copyOf(image, image.length + decoded.length);
            System.arraycopy(decoded, 0, all, image.length, decoded.length);
            return tile(all, VARIANT_COUNT + 1, config, VARIANT_COLUMNS);
        };
    }

    private Function<InferenceModel, GreyRaster> prepareReconstructions() {
        LabeledImages test = usableTestImages();
        if (test == null) {
            return null;
        }
        int count = Math.min(RECONSTRUCTION_COUNT, test.count());
        float[] originals = Arrays.copyOf(test.pixels(), count * test.imageSize());
        return m -> {
            ModelConfig config = m.config();
            GreyRaster top = tile(originals, count, config, count);
            GreyRaster bottom = tile(m.reconstruct(originals, count), count, config, count);
            return ImageTiler.stack(top, bottom, 0);
        };
    }

    private void showStrip(PathDecode decode) {
        lastPath = decode;
        interpolationStrip.set(decode.strip());
        publishPath();
    }

    /** Puts the strip's path on the plane: the points' projection, or the latent space itself for d <= 2. */
    private void publishPath() {
        if (lastPath == null) {
            return;
        }
        LatentPoints points = model.plane().latentPointsProperty().get();
        int dim = lastPath.dim();
        boolean projectable = points != null && points.dim() == dim;
        if (!projectable && dim > 2) {
            return; // the projection of this model's codes is on its way; publishPath runs again then
        }
        int steps = lastPath.path().length / dim;
        double[] xy = new double[2 * steps];
        for (int i = 0; i < steps; i++) {
            float[] z = Arrays.copyOfRange(lastPath.path(), i * dim, (i + 1) * dim);
            double[] p = projectable ? points.toPlane(z) : new double[] {z[0], dim == 1 ? 0 : z[1]};
            xy[2 * i] = p[0];
            xy[2 * i + 1] = p[1];
        }
        model.plane().interpolationPathProperty().set(xy);
    }
}
