package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.experiments.ExperimentsViewModel.PADDING;
import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.explore.SweepFigure;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.workspace.ChosenClass;
import io.vaeexplorer.ui.workspace.Workspace;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The epsilon sweep's view-model: decodes of mu + eps * sigma around one test image's posterior, moving two latent
 * dimensions as a grid (or every dimension, one row each), recomputed on the inference thread whenever an input,
 * the data set or the weights change. FX thread only.
 */
public final class EpsilonSweepViewModel {

    private final ExperimentJobs jobs;
    private final Workspace workspace;
    private final ExperimentExports exports;

    private final IntegerProperty image = new SimpleIntegerProperty(this, "image", 0);
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 9);
    private final DoubleProperty range = new SimpleDoubleProperty(this, "range", 2.0);
    private final ObjectProperty<EpsilonSweep.Units> units =
            new SimpleObjectProperty<>(this, "units", EpsilonSweep.Units.SIGMA);
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper(this, "rangeText");
    private final ReadOnlyStringWrapper span = new ReadOnlyStringWrapper(this, "span", "");
    private final IntegerProperty dimX = new SimpleIntegerProperty(this, "dimX", 0);
    private final IntegerProperty dimY = new SimpleIntegerProperty(this, "dimY", 1);
    private final BooleanProperty perDimension = new SimpleBooleanProperty(this, "perDimension", false);
    /** With one row per dimension: only the most informative dimensions, largest KL first. */
    private final BooleanProperty mostInformative = new SimpleBooleanProperty(this, "mostInformative", false);
    private final IntegerProperty informativeRows = new SimpleIntegerProperty(this, "informativeRows", 8);
    /** The model's dimensions by their KL on the test images, largest first; null before it is known. */
    private final ObjectProperty<int[]> dimensionsByKl = new SimpleObjectProperty<>(this, "dimensionsByKl");
    private final ReadOnlyIntegerWrapper latentDimensions = new ReadOnlyIntegerWrapper(this, "latentDimensions");
    private final ReadOnlyObjectWrapper<Raster> grid = new ReadOnlyObjectWrapper<>(this, "grid");

    /**
     * A decoded sweep and how far it moved each latent dimension at its largest |eps| (0 for the dimensions it
     * left alone).
     */
    private record SweepDecode(Raster grid, double[] reach) {
    }

    public EpsilonSweepViewModel(ExperimentJobs jobs, Workspace workspace, InferenceWorker worker,
            TaskExecutor files, ExportSize exportSize, UserMessages messages) {
        this.jobs = jobs;
        this.workspace = workspace;
        this.exports = new ExperimentExports(files, messages, exportSize);
        ExperimentJob<SweepDecode> job = jobs.add(worker, "exp-sweep", this::prepare, this::show);
        ExperimentJobs.requestOnChange(job, image, steps, range, units, dimX, dimY, perDimension, mostInformative,
                informativeRows, dimensionsByKl);
        rangeText.bind(Bindings.createStringBinding(() -> rangeText(range.get(), units.get()), range, units));
        latentDimensions.set(latentOf(workspace.configProperty().get()));
        workspace.configProperty().addListener((obs, was, now) -> latentDimensions.set(latentOf(now)));
        job.request();
    }

    /** Index of the test image whose posterior the sweep explores. */
    public IntegerProperty imageProperty() {
        return image;
    }

    /** Steps per axis; odd counts put the posterior mean itself in the centre. */
    public IntegerProperty stepsProperty() {
        return steps;
    }

    /** Largest |eps|: the sweep spans mu +- range * sigma, or mu +- range in {@link EpsilonSweep.Units#ABSOLUTE}. */
    public DoubleProperty rangeProperty() {
        return range;
    }

    /** What the range is measured in: multiples of the posterior's sigma, or latent units. */
    public ObjectProperty<EpsilonSweep.Units> unitsProperty() {
        return units;
    }

    /** The range as a person reads it, "± 2.00 σ" or "± 2.00". */
    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }

    /**
     * How far the shown sweep moves each latent dimension it sweeps, in latent units ("z1 ± 0.21, z2 ± 0.18"):
     * what a range in sigma comes to for this posterior. Empty until a sweep is shown.
     */
    public ReadOnlyStringProperty spanProperty() {
        return span.getReadOnlyProperty();
    }

    public IntegerProperty dimXProperty() {
        return dimX;
    }

    public IntegerProperty dimYProperty() {
        return dimY;
    }

    /** On: one row per latent dimension instead of the dimX x dimY grid. */
    /** With one row per dimension: only the {@link #informativeRowsProperty} most informative, largest KL first. */
    public BooleanProperty mostInformativeProperty() {
        return mostInformative;
    }

    public IntegerProperty informativeRowsProperty() {
        return informativeRows;
    }

    /** The current model's latent dimensions ordered by KL on the test images, largest first. */
    public ObjectProperty<int[]> dimensionsByKlProperty() {
        return dimensionsByKl;
    }

    public BooleanProperty perDimensionProperty() {
        return perDimension;
    }

    /** The decoded sweep, tiles {@code steps} wide; null until computed. */
    public ReadOnlyObjectProperty<Raster> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** Sweeps around a test image chosen elsewhere (a click on the plane, a class picked). */
    public void useTestImage(int index) {
        image.set(index);
    }

    /** Sweeps around the first test image of a label, if the data set has one. */
    public void useFirstTestImage(int label) {
        int first = jobs.firstTestImage(label);
        if (first >= 0) {
            image.set(first);
        }
    }

    /** The first test image of a label, or -1. */
    public int firstTestImage(int label) {
        return jobs.firstTestImage(label);
    }

    /** Number of test images of the open data set, 0 without one. */
    public ReadOnlyIntegerProperty testImageCountProperty() {
        return jobs.testImageCountProperty();
    }

    /** Latent dimensions of the current model, 0 without one. */
    public ReadOnlyIntegerProperty latentDimensionsProperty() {
        return latentDimensions.getReadOnlyProperty();
    }

    /** Names of the data set's classes, for the class picker. */
    public ObservableList<String> classNames() {
        return workspace.classNames();
    }

    /** What prompts call one class of the open set: "digit" for digits, else "class". */
    public ReadOnlyStringProperty classWordProperty() {
        return workspace.classWordProperty();
    }

    /** The last failure of an experiment, one line; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return jobs.errorProperty();
    }

    /** Writes the sweep as a PNG of the raster's own size (twice it at 2x), in the background. */
    public void exportPng(Path file) {
        exports.png(grid.get(), file);
    }

    /** "± 2.00 σ" for a range in sigma, "± 2.00" in latent units. */
    static String rangeText(double range, EpsilonSweep.Units units) {
        String value = String.format(Locale.ROOT, "± %.2f", range);
        return units == EpsilonSweep.Units.ABSOLUTE ? value : value + " σ";
    }

    /** "z1 ± 0.21, z2 ± 0.18": the dimensions a sweep moves and how far, in latent units. */
    static String spanText(double[] reach) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < reach.length; k++) {
            if (reach[k] > 0) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "z%d ± %s", k + 1, significant(reach[k])));
            }
        }
        return text.toString();
    }

    /** Two significant digits, so a span of 0.0042 does not read as 0.00. */
    private static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static int latentOf(ModelConfig config) {
        return config == null ? 0 : config.latent();
    }

    /** Reads the inputs on the FX thread; the returned work runs on the inference thread with only those values. */
    private Function<SnapshotModel, SweepDecode> prepare() {
        LabeledImages test = jobs.usableTestImages();
        int index = image.get();
        int steps = this.steps.get();
        double range = this.range.get();
        EpsilonSweep.Units units = this.units.get();
        int dimX = this.dimX.get();
        int dimY = this.dimY.get();
        boolean perDimension = this.perDimension.get();
        int[] order = dimensionsByKl.get();
        int[] rows = perDimension && mostInformative.get() && order != null
                ? Arrays.copyOf(order, Math.max(1, Math.min(informativeRows.get(), order.length))) : null;
        if (test == null || !ExperimentJobs.isIndex(index, test) || steps < 1 || !(range >= 0) || units == null) {
            return null;
        }
        ChosenClass chosen = workspace.chosenClass();
        int label = test.label(index);
        return m -> {
            // a conditional model encodes the image as its own class and draws the sweep as the chosen one
            SweepFigure figure = SweepFigure.around(chosen.restyle(m, label), test.image(index), units, steps, range,
                    dimX, dimY, perDimension, rows);
            return new SweepDecode(ImageTiler.tile(figure.images(), PADDING, 1), figure.reach());
        };
    }

    private void show(SweepDecode decode) {
        span.set(spanText(decode.reach()));
        grid.set(decode.grid());
    }
}
