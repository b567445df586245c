package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.experiments.ExperimentsViewModel.PADDING;
import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.InterpolationEnds;
import io.vaeexplorer.explore.LatentModel;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.render.GifWriter;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.workspace.ChosenClass;
import io.vaeexplorer.ui.workspace.Workspace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The interpolation's view-model: one test image (or a drawing) morphed into another through the latent space.
 * The decode at t runs on the interactive worker, so a dragged slider never waits behind the other experiments;
 * the strip of evenly spaced steps runs with them, and its path goes to the plane, which also marks t on it.
 * FX thread only.
 */
public final class InterpolationViewModel {

    /** Scale of each image in the interpolation animation at 1x (28 px digits become 112 px). */
    static final int ANIMATION_SCALE = 4;
    /** Time each frame of the animation is shown. */
    private static final int ANIMATION_FRAME_MILLIS = 120;

    private final ExperimentJobs jobs;
    private final Workspace workspace;
    private final ExperimentExports exports;
    private final UserMessages messages;
    private final ReadOnlyObjectProperty<LatentPoints> latentPoints;
    private final ObjectProperty<double[]> interpolationPath;

    private final IntegerProperty imageA = new SimpleIntegerProperty(this, "imageA", 0);
    private final IntegerProperty imageB = new SimpleIntegerProperty(this, "imageB", 1);
    /** A drawing used as an end instead of the test image; null for the test image. */
    private final ObjectProperty<float[]> drawnA = new SimpleObjectProperty<>(this, "drawnA");
    private final ObjectProperty<float[]> drawnB = new SimpleObjectProperty<>(this, "drawnB");
    private final DoubleProperty t = new SimpleDoubleProperty(this, "t", 0);
    private final BooleanProperty fixedEps = new SimpleBooleanProperty(this, "fixedEps", false);
    private final BooleanProperty spherical = new SimpleBooleanProperty(this, "spherical", false);
    private final IntegerProperty stripSteps = new SimpleIntegerProperty(this, "stripSteps", 10);
    private final ReadOnlyObjectWrapper<Raster> interpolatedImage =
            new ReadOnlyObjectWrapper<>(this, "interpolatedImage");
    private final ReadOnlyObjectWrapper<Raster> strip = new ReadOnlyObjectWrapper<>(this, "strip");

    /** The latent path of the strip, kept to re-project it when the plane's projection changes. */
    private DecodedPath lastPath;
    private long interpolationAnswers;

    /**
     * @param worker decodes the strip, with the other experiments
     * @param interactiveWorker decodes the image at t while the slider is dragged
     * @param latentPoints the plane's points, whose projection puts the path on the plane
     * @param interpolationPath where the path goes on the plane, {x0, y0, x1, y1, ...}
     * @param interpolationT where the plane marks the slider's position on the path
     */
    public InterpolationViewModel(ExperimentJobs jobs, Workspace workspace, InferenceWorker worker,
            InferenceWorker interactiveWorker, TaskExecutor files, ExportSize exportSize, UserMessages messages,
            ReadOnlyObjectProperty<LatentPoints> latentPoints, ObjectProperty<double[]> interpolationPath,
            DoubleProperty interpolationT) {
        this.jobs = jobs;
        this.workspace = workspace;
        this.exports = new ExperimentExports(files, messages, exportSize);
        this.messages = messages;
        this.latentPoints = latentPoints;
        this.interpolationPath = interpolationPath;
        ExperimentJob<Raster> atT = jobs.add(interactiveWorker, "interp-t", this::prepareImageAtT, image -> {
            interpolationAnswers++;
            interpolatedImage.set(image);
        });
        ExperimentJob<DecodedPath> stripJob = jobs.add(worker, "exp-interp-strip", this::prepareStrip,
                this::showStrip);
        ExperimentJobs.requestOnChange(atT, imageA, imageB, drawnA, drawnB, t, fixedEps, spherical);
        ExperimentJobs.requestOnChange(stripJob, imageA, imageB, drawnA, drawnB, fixedEps, spherical, stripSteps);
        // picking a test image for an end replaces a drawing there
        imageA.addListener((obs, was, now) -> drawnA.set(null));
        imageB.addListener((obs, was, now) -> drawnB.set(null));
        latentPoints.addListener((obs, was, now) -> publishPath());
        interpolationT.set(t.get());
        t.addListener((obs, was, now) -> interpolationT.set(now.doubleValue()));
        atT.request();
        stripJob.request();
    }

    public IntegerProperty imageAProperty() {
        return imageA;
    }

    public IntegerProperty imageBProperty() {
        return imageB;
    }

    /**
     * Uses a drawing or an opened picture (an image as the model takes it, values in [0, 1]) as end A (or B) until
     * a test image is picked there again.
     */
    public void useDrawingAs(boolean endA, float[] pixels) {
        (endA ? drawnA : drawnB).set(pixels.clone());
    }

    /** The drawing at end A, or null when A is a test image. */
    public ReadOnlyObjectProperty<float[]> drawnAProperty() {
        return drawnA;
    }

    public ReadOnlyObjectProperty<float[]> drawnBProperty() {
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
    public ReadOnlyObjectProperty<Raster> interpolatedImageProperty() {
        return interpolatedImage.getReadOnlyProperty();
    }

    /** {@code stripSteps} decodes from A to B in one row. */
    public ReadOnlyObjectProperty<Raster> stripProperty() {
        return strip.getReadOnlyProperty();
    }

    /** The first test image of a label, or -1. */
    public int firstTestImage(int label) {
        return jobs.firstTestImage(label);
    }

    /** Number of test images of the open data set, 0 without one. */
    public ReadOnlyIntegerProperty testImageCountProperty() {
        return jobs.testImageCountProperty();
    }

    /** Names of the data set's classes, for the class pickers. */
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

    /** Writes the strip from A to B as a PNG of the raster's own size (twice it at 2x), in the background. */
    public void exportStripPng(Path file) {
        exports.png(strip.get(), file);
    }

    /** Writes the decode at t as a PNG, in the background. */
    public void exportImagePng(Path file) {
        exports.png(interpolatedImage.get(), file);
    }

    /**
     * Writes the strip's decodes as a looping animated GIF from A to B and back, each frame twice as wide and high at
     * 2x, in the background.
     */
    public void exportGif(Path file) {
        DecodedPath last = lastPath;
        if (last == null) {
            messages.error("no interpolation decoded yet");
            return;
        }
        int scale = ANIMATION_SCALE * exports.scale();
        exports.write(() -> GifWriter.write(last.animationFrames(scale), ANIMATION_FRAME_MILLIS, true, file));
    }

    /** Decodes at t answered so far (tests wait on it). */
    long interpolationAnswers() {
        return interpolationAnswers;
    }

    // ---------------------------------------------------------------- jobs: inputs read on the FX thread,
    // the returned work runs on the inference thread with only those captured values

    private Function<SnapshotModel, Raster> prepareImageAtT() {
        LabeledImages test = jobs.usableTestImages();
        int a = imageA.get();
        int b = imageB.get();
        double at = Math.max(0, Math.min(1, t.get()));
        boolean noisy = fixedEps.get();
        boolean arc = spherical.get();
        float[] drawingA = drawnA.get();
        float[] drawingB = drawnB.get();
        if (test == null || !ExperimentJobs.isIndex(a, test) || !ExperimentJobs.isIndex(b, test)) {
            return null;
        }
        ChosenClass chosen = workspace.chosenClass();
        // one image alone, without a frame
        return m -> {
            LatentModel told = toldEnds(m, chosen, test, a, b, drawingA, drawingB);
            return ImageTiler.tile(encodeEnds(told, test, a, b, drawingA, drawingB, noisy).decodeAt(told, at, arc), 0,
                    1);
        };
    }

    private Function<SnapshotModel, DecodedPath> prepareStrip() {
        LabeledImages test = jobs.usableTestImages();
        int a = imageA.get();
        int b = imageB.get();
        int steps = stripSteps.get();
        boolean noisy = fixedEps.get();
        boolean arc = spherical.get();
        float[] drawingA = drawnA.get();
        float[] drawingB = drawnB.get();
        if (test == null || !ExperimentJobs.isIndex(a, test) || !ExperimentJobs.isIndex(b, test) || steps < 2) {
            return null;
        }
        ChosenClass chosen = workspace.chosenClass();
        return m -> {
            LatentModel told = toldEnds(m, chosen, test, a, b, drawingA, drawingB);
            InterpolationEnds ends = encodeEnds(told, test, a, b, drawingA, drawingB, noisy);
            InterpolationEnds.Strip decoded = ends.strip(told, steps, arc);
            return new DecodedPath(ImageTiler.tile(decoded.images(), PADDING, 1), decoded.path(), ends.dim(),
                    decoded.images());
        };
    }

    /**
     * The model as the interpolation uses it: a conditional one encodes a test image as its own class and a drawing
     * as the chosen class, and decodes the path as the chosen class.
     */
    private static LatentModel toldEnds(LatentModel m, ChosenClass chosen, LabeledImages test, int a, int b,
            float[] drawingA, float[] drawingB) {
        int drawn = chosen.within(m);
        return chosen.restyle(m, drawingA != null ? drawn : test.label(a), drawingB != null ? drawn : test.label(b));
    }

    /**
     * Encodes test images a and b, or the drawings put in their place (null for none). The noise is seeded by the
     * pair, and by the drawings too where there are any, so another drawing draws other noise.
     */
    private static InterpolationEnds encodeEnds(LatentModel m, LabeledImages test, int a, int b, float[] drawingA,
            float[] drawingB, boolean noisy) {
        if (drawingA == null && drawingB == null) {
            return InterpolationEnds.encode(m, test.image(a), test.image(b), InterpolationEnds.pairSeed(a, b), noisy);
        }
        float[] imageA = drawingA != null ? drawingA : test.image(a);
        float[] imageB = drawingB != null ? drawingB : test.image(b);
        long seed = InterpolationEnds.pairSeed(a, b) ^ Arrays.hashCode(imageA) * 31L ^ Arrays.hashCode(imageB);
        return InterpolationEnds.encode(m, imageA, imageB, seed, noisy);
    }

    private void showStrip(DecodedPath decode) {
        lastPath = decode;
        strip.set(decode.strip());
        publishPath();
    }

    /** Puts the strip's path on the plane, unless the plane's projection for this model is still on its way. */
    private void publishPath() {
        double[] xy = lastPath == null ? null : lastPath.onPlane(latentPoints.get());
        if (xy != null) {
            interpolationPath.set(xy);
        }
    }
}
