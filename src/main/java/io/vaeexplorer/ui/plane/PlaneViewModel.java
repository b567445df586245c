package io.vaeexplorer.ui.plane;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.AggregatePosterior;
import io.vaeexplorer.explore.ClassesTold;
import io.vaeexplorer.explore.ImageGrid;
import io.vaeexplorer.explore.LatentModel;
import io.vaeexplorer.explore.ManifoldFigure;
import io.vaeexplorer.explore.NearestPoint;
import io.vaeexplorer.explore.ReconstructionFigure;
import io.vaeexplorer.render.GifWriter;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.workspace.ChosenClass;
import io.vaeexplorer.ui.workspace.Workspace;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The latent plane's view-model: the test codes on the plane (live or from the timeline), the latent vector being
 * looked at and its decode, and the layers behind and over the points (manifold, density, ellipses, the sketch's
 * posterior, the interpolation path). A conditional model decodes the vector and the manifold at the class chosen in
 * the {@link Workspace}, and a new choice decodes them again. Decodes run on the inference workers, the density on
 * its own thread; every result comes back through the FX executor. FX thread only.
 */
public final class PlaneViewModel {

    /** Images per side of the decoded manifold grid. */
    public static final int MANIFOLD_GRID = 20;
    /** Width in cells of the aggregate-posterior density picture (its height follows the region's shape). */
    public static final int DENSITY_CELLS = 200;
    /** Reconstructed test images per timeline frame. */
    public static final int TIMELINE_RECONSTRUCTIONS = 8;
    public static final int TIMELINE_FRAME_MILLIS = 300;
    public static final int TIMELINE_STRIP_FRAMES = 8;
    /** How many times as wide and high as decoded the decoded image is exported at 1x. */
    public static final int DECODED_EXPORT_SCALE = 4;
    /** The legend's one entry for a set without classes. */
    public static final String ALL_IMAGES = "all images";

    private final Workspace workspace;
    private final InferenceWorker worker;
    private final InferenceWorker interactiveWorker;
    private final TaskExecutor files;
    private final ExportSize exportSize;
    private final TaskExecutor maths;
    private final UserMessages messages;
    private final BooleanSupplier training;

    private final ReadOnlyObjectWrapper<LatentPoints> latentPoints = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<float[]> selectedZ = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Raster> decodedImage = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty showManifold = new SimpleBooleanProperty(false);
    private final ObjectProperty<PlaneRegion> manifoldRegion = new SimpleObjectProperty<>(PlaneRegion.AROUND_PRIOR);
    private final ReadOnlyObjectWrapper<ManifoldImage> manifold = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<double[]> interpolationPath = new SimpleObjectProperty<>();
    private final DoubleProperty interpolationT = new SimpleDoubleProperty(Double.NaN);
    private final ObjectProperty<Posterior> sketchPosterior = new SimpleObjectProperty<>();
    private final ObservableList<Integer> ellipseImages = FXCollections.observableArrayList();
    private final BooleanProperty showDensity = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<DensityImage> density = new ReadOnlyObjectWrapper<>();
    /** The newest density request; an older one still queued skips its work. */
    private final AtomicLong densityRequest = new AtomicLong();
    private final TrainingTimeline timeline = new TrainingTimeline();
    /** Which timeline frame the plane shows; -1 for the live codes. */
    private final IntegerProperty timelineIndex = new SimpleIntegerProperty(-1);
    /** The newest codes of the current weights, whatever the plane shows. */
    private LatentPoints livePoints;
    /** Counts runs, so that codes of a run answered after the next one started are dropped. */
    private int run;
    private final PlaneThumbnails thumbnails;
    private final ObservableList<String> legendNames = FXCollections.observableArrayList();
    /** The class whose codes stand out on the plane (the others fade); -1 for none. */
    private final IntegerProperty highlightedClass = new SimpleIntegerProperty(-1);
    /** Whether the axes follow two latent dimensions rather than the principal components (d > 2 only). */
    private final BooleanProperty dimensionAxes = new SimpleBooleanProperty(false);
    private final IntegerProperty xDimension = new SimpleIntegerProperty(0);
    private final IntegerProperty yDimension = new SimpleIntegerProperty(1);
    /** The current model's latent size; 0 without a model. */
    private final ReadOnlyIntegerWrapper latentSize = new ReadOnlyIntegerWrapper(0);
    private final BooleanBinding conditional;

    /**
     * @param worker the inference thread for encodes and grids
     * @param interactiveWorker the inference thread for what a person drags, never behind a long job
     * @param files where exports are written
     * @param exportSize the size exports are written at
     * @param maths where the density grid is computed
     * @param training true while a run trains (codes encoded then also become timeline frames)
     */
    public PlaneViewModel(Workspace workspace, InferenceWorker worker, InferenceWorker interactiveWorker,
                          TaskExecutor files, ExportSize exportSize, TaskExecutor maths, UserMessages messages,
                          BooleanSupplier training) {
        this.workspace = workspace;
        this.worker = worker;
        this.interactiveWorker = interactiveWorker;
        this.files = files;
        this.exportSize = exportSize;
        this.maths = maths;
        this.messages = messages;
        this.training = training;
        workspace.snapshotProperty().addListener((obs, old, newer) -> showWeights(old, newer));
        showManifold.addListener((obs, was, on) -> refreshManifold());
        manifoldRegion.addListener((obs, was, now) -> refreshManifold());
        selectedZ.addListener((obs, was, z) -> decodeSelected());
        timelineIndex.addListener((obs, was, index) -> showTimelineFrame());
        showDensity.addListener((obs, was, on) -> refreshDensity());
        manifoldRegion.addListener((obs, was, now) -> refreshDensity());
        thumbnails = new PlaneThumbnails(workspace.datasetProperty(), latentPoints.getReadOnlyProperty(), maths,
                messages);
        workspace.datasetProperty().addListener((obs, was, now) -> datasetChanged(now));
        datasetChanged(workspace.datasetProperty().get());
        latentPoints.addListener((obs, was, now) -> {
            refreshDensity();
            if (now == null || was == null || now.count() != was.count()) {
                ellipseImages.clear();
            }
            if (now != null && (was == null || was.dim() != now.dim())) {
                refreshManifold(); // above 2 dimensions the grid needs the codes' plane
            }
        });
        // two axes on one dimension are no plane: choosing the other axis's dimension swaps the two
        xDimension.addListener((obs, was, now) -> {
            if (now.intValue() == yDimension.get()) {
                yDimension.set(was.intValue());
            }
            showChosenAxes();
        });
        yDimension.addListener((obs, was, now) -> {
            if (now.intValue() == xDimension.get()) {
                xDimension.set(was.intValue());
            }
            showChosenAxes();
        });
        dimensionAxes.addListener((obs, was, now) -> showChosenAxes());
        workspace.configProperty().addListener((obs, was, now) -> modelChanged(now));
        modelChanged(workspace.configProperty().get());
        conditional = workspace.conditionClassesProperty().greaterThan(0);
        workspace.decodeClassProperty().addListener((obs, was, now) -> {
            if (conditional.get()) {
                decodeSelected();
                refreshManifold();
            }
        });
    }

    // ---------------------------------------------------------------- state for the views

    public ReadOnlyObjectProperty<LatentPoints> latentPointsProperty() {
        return latentPoints.getReadOnlyProperty();
    }

    /** Names of the open data set's classes, for the legend and the hover preview. */
    public ObservableList<String> classNames() {
        return workspace.classNames();
    }

    /**
     * What the legend lists: the class names, or one entry for all the images of a set without classes (drawn in
     * one colour); empty without data.
     */
    public ObservableList<String> legendNames() {
        return FXCollections.unmodifiableObservableList(legendNames);
    }

    /** The class whose codes stand out on the plane while the others fade; -1 (the default) for none. */
    public IntegerProperty highlightedClassProperty() {
        return highlightedClass;
    }

    /**
     * Whether the plane's axes follow two latent dimensions ({@link #xDimensionProperty()} and
     * {@link #yDimensionProperty()}) rather than the codes' first two principal components (false, the default).
     * Only for latent sizes above 2: a smaller latent space is its own plane. Choosing dimensions a newer model
     * lacks returns to the principal components.
     */
    public BooleanProperty dimensionAxesProperty() {
        return dimensionAxes;
    }

    /**
     * The latent dimension (0-based) along the plane's x axis when {@link #dimensionAxesProperty()} is on. Setting it
     * to the y axis's dimension swaps the two.
     */
    public IntegerProperty xDimensionProperty() {
        return xDimension;
    }

    /** The latent dimension (0-based) along the plane's y axis; setting it to the x axis's swaps the two. */
    public IntegerProperty yDimensionProperty() {
        return yDimension;
    }

    /** True while the current model is conditional: then a class is chosen to decode at. */
    public BooleanBinding conditionalProperty() {
        return conditional;
    }

    /**
     * The class the current conditional model decodes the selected vector and the manifold at (shared with the
     * experiments); see {@link Workspace#decodeClassProperty()}.
     */
    public IntegerProperty decodeClassProperty() {
        return workspace.decodeClassProperty();
    }

    /** Names of the current conditional model's classes, for the class picker; empty for a plain model. */
    public ObservableList<String> decodeClassNames() {
        return workspace.decodeClassNames();
    }

    /** What labels call one class of the open set: "digit" for digits, else "class". */
    public ReadOnlyStringProperty classWordProperty() {
        return workspace.classWordProperty();
    }

    /** The current model's latent size, 0 without a model: the axes can be chosen only above 2. */
    public ReadOnlyIntegerProperty latentSizeProperty() {
        return latentSize.getReadOnlyProperty();
    }

    /** What the plane's axes follow as chosen now (the plane shows it where the codes have those dimensions). */
    public LatentAxes chosenAxes() {
        int x = xDimension.get();
        int y = yDimension.get();
        // one dimension on both axes lasts only while a swap is under way; it is no plane, so none is chosen
        boolean dimensions = dimensionAxes.get() && x >= 0 && y >= 0 && x != y;
        return dimensions ? LatentAxes.dimensions(x, y) : LatentAxes.PRINCIPAL_COMPONENTS;
    }

    /** Draws each test image's thumbnail at its code, where the codes leave room (see {@link #thumbnailsIn}). */
    public BooleanProperty showThumbnailsProperty() {
        return thumbnails.shownProperty();
    }

    /** The test images' tiles for the thumbnails; null until made (only while thumbnails are shown). */
    public ReadOnlyObjectProperty<ThumbnailAtlas> thumbnailAtlasProperty() {
        return thumbnails.atlasProperty();
    }

    /** The cells of the codes on the plane for the thumbnails; null until made (only while they are shown). */
    public ReadOnlyObjectProperty<ThumbnailIndex> thumbnailIndexProperty() {
        return thumbnails.indexProperty();
    }

    /**
     * The test images whose thumbnails are drawn in a visible region: at most one per cell a thumbnail wide, the
     * lowest index in the cell; none while the option is off or the thumbnails are still being made. Costs the
     * number of visible cells, not of codes.
     *
     * @param pixelsPerUnit the view's scale, screen pixels per plane unit
     */
    public ThumbnailPicks thumbnailsIn(PlaneRegion visible, double pixelsPerUnit) {
        return thumbnails.pick(visible, pixelsPerUnit);
    }

    /** The latent vector being looked at (set by a click on the plane); its decode is {@link #decodedImageProperty}. */
    public ObjectProperty<float[]> selectedZProperty() {
        return selectedZ;
    }

    public ReadOnlyObjectProperty<Raster> decodedImageProperty() {
        return decodedImage.getReadOnlyProperty();
    }

    public BooleanProperty showManifoldProperty() {
        return showManifold;
    }

    /** The plane region the manifold grid and the density cover (the plane view sets its visible area). */
    public ObjectProperty<PlaneRegion> manifoldRegionProperty() {
        return manifoldRegion;
    }

    public ReadOnlyObjectProperty<ManifoldImage> manifoldProperty() {
        return manifold.getReadOnlyProperty();
    }

    /** Plane points {x0, y0, x1, y1, ...} of the interpolation path to draw on the plane, or null. */
    public ObjectProperty<double[]> interpolationPathProperty() {
        return interpolationPath;
    }

    /** The interpolation slider's t in [0, 1] along {@link #interpolationPathProperty()}; NaN while there is none. */
    public DoubleProperty interpolationTProperty() {
        return interpolationT;
    }

    /** The posterior of the drawing on the sketch pad (drawn on the plane with its ellipses), or null. */
    public ObjectProperty<Posterior> sketchPosteriorProperty() {
        return sketchPosterior;
    }

    /** Test images whose posterior ellipses (1 and 2 sigma) are drawn on the plane. */
    public ObservableList<Integer> ellipseImages() {
        return ellipseImages;
    }

    /** Shows where the codes crowd or leave holes against the N(0, I) prior, behind the points. */
    public BooleanProperty showDensityProperty() {
        return showDensity;
    }

    public ReadOnlyObjectProperty<DensityImage> densityProperty() {
        return density.getReadOnlyProperty();
    }

    /** The current run's history of latent codes, for scrubbing back through how the space formed. */
    public TrainingTimeline timeline() {
        return timeline;
    }

    /** The timeline frame shown on the plane, or -1 for the live codes (the default). */
    public IntegerProperty timelineIndexProperty() {
        return timelineIndex;
    }

    // ---------------------------------------------------------------- commands

    /** Selects the latent vector under a point of the plane and decodes it. */
    public void decodeAt(double x, double y) {
        LatentPoints points = latentPoints.get();
        ModelConfig config = workspace.configProperty().get();
        if (points != null) {
            selectedZ.set(points.toLatent(x, y));
        } else if (config != null && config.latent() <= 2) {
            selectedZ.set(config.latent() == 1 ? new float[] {(float) x} : new float[] {(float) x, (float) y});
        }
    }

    /** Index of the test image whose latent mean lies nearest to a point of the plane, or -1. */
    public int nearestTestImage(double x, double y) {
        LatentPoints points = latentPoints.get();
        return points == null ? -1 : NearestPoint.nearest(points.xy(), points.count(), x, y);
    }

    /** A test image as a raster (for hover previews and pickers); null without data. */
    public Raster testImage(int index) {
        Dataset data = workspace.datasetProperty().get();
        if (data == null || index < 0 || index >= data.test().count()) {
            return null;
        }
        LabeledImages test = data.test();
        return ImageTiler.single(test.image(index), test.shape());
    }

    /** Adds the image's ellipses to the plane, or removes them when they are there. */
    public void toggleEllipse(int testIndex) {
        LatentPoints points = latentPoints.get();
        if (points == null || testIndex < 0 || testIndex >= points.count()) {
            return;
        }
        if (!ellipseImages.remove(Integer.valueOf(testIndex))) {
            ellipseImages.add(testIndex);
        }
    }

    // ---------------------------------------------------------------- exports, written in the background

    /** How many times as wide and high as at 1x the next export is (the view draws the plane's picture at it). */
    public int exportScale() {
        return exportSize.scale();
    }

    /**
     * The plane as drawn (points, layers, legend, marker), from a picture the view took on the FX thread at
     * {@link #exportScale()}.
     */
    public void exportPlanePng(BufferedImage snapshot, Path file) {
        save(() -> PngWriter.write(snapshot, file));
    }

    /** The decoded image enlarged {@link #DECODED_EXPORT_SCALE} times at 1x (twice that at 2x), unsmoothed. */
    public void exportDecodedPng(Path file) {
        Raster decoded = decodedImage.get();
        if (decoded == null) {
            messages.error("nothing decoded yet");
            return;
        }
        int scale = DECODED_EXPORT_SCALE * exportSize.scale();
        save(() -> PngWriter.write(ImageTiler.enlarge(decoded, scale), file));
    }

    /** The codes on the plane as CSV: see {@link LatentCodesCsv} for the columns. */
    public void exportCodesCsv(Path file) {
        LatentPoints points = latentPoints.get();
        if (points == null) {
            messages.error("no latent codes yet");
            return;
        }
        List<String> names = List.copyOf(workspace.classNames());
        save(() -> LatentCodesCsv.write(points, names, file));
    }

    /** Writes the run's timeline as a looping animated GIF (one frame per recorded moment). */
    public void exportTimelineGif(Path file) {
        List<TrainingTimeline.Frame> frames = List.copyOf(timeline.frames());
        if (frames.isEmpty()) {
            messages.error("the timeline is empty: it fills while a model trains");
            return;
        }
        LatentAxes axes = chosenAxes();
        int scale = exportSize.scale();
        save(() -> GifWriter.writeImages(TimelineAnimation.frames(onAxes(frames, axes), scale), TIMELINE_FRAME_MILLIS,
                true, file));
    }

    /** Writes the timeline as one PNG strip of up to {@link #TIMELINE_STRIP_FRAMES} moments. */
    public void exportTimelinePng(Path file) {
        List<TrainingTimeline.Frame> frames = List.copyOf(timeline.frames());
        if (frames.isEmpty()) {
            messages.error("the timeline is empty: it fills while a model trains");
            return;
        }
        LatentAxes axes = chosenAxes();
        int scale = exportSize.scale();
        save(() -> PngWriter.write(TimelineAnimation.strip(onAxes(frames, axes), TIMELINE_STRIP_FRAMES, scale),
                file));
    }

    /** The frames with their codes on the chosen axes, as the plane shows them. */
    private static List<TrainingTimeline.Frame> onAxes(List<TrainingTimeline.Frame> frames, LatentAxes axes) {
        return frames.stream().map(f -> new TrainingTimeline.Frame(f.step(), f.points().withAxes(axes),
                f.reconstructions())).toList();
    }

    private void save(Callable<Path> write) {
        BackgroundTask.wrap(write)
                .onSuccess(written -> messages.status("saved " + written))
                .onFailure(messages::error)
                .executeWith(files);
    }

    // ---------------------------------------------------------------- from the rest of the window

    /** A new run starts: its timeline replaces the last one's, and late codes of the last run are dropped. */
    public void startRun() {
        run++;
        timelineIndex.set(-1);
        timeline.clear();
    }

    /** Another model becomes current: the timeline tells how the previous model formed, not this one. */
    public void forgetTimeline() {
        timelineIndex.set(-1);
        timeline.clear();
    }

    /** Encodes the test set with the current weights and shows the codes (a loaded model, a finished run). */
    public void refreshLatentPoints() {
        Dataset data = workspace.datasetProperty().get();
        WeightSnapshot weights = workspace.snapshotProperty().get();
        if (data == null || weights == null) {
            return;
        }
        LabeledImages test = data.test();
        boolean recordFrame = training.getAsBoolean();
        LatentAxes axes = chosenAxes();
        worker.submit("latent-points", m -> {
            float[][] posterior = m.encodeGrey(test.grey(), test.classes(), test.count());
            LatentPoints points = LatentPoints.of(test.count(), m.config().latent(), posterior[0], posterior[1],
                    test.labels(), m.snapshot().version()).withAxes(axes);
            return new TrainingTimeline.Frame(m.snapshot().step(), points,
                    recordFrame ? timelineReconstructions(m, test) : null);
        }, this::showLatentFrame, messages::error);
    }

    /**
     * Shows codes the trainer sent. The worker only projects them and reconstructs the timeline's few images
     * (with the newest weights it has, at most one snapshot interval from the codes' step): no encode competes with
     * training. Each event is a job of its own: the timeline keeps a frame for every one, and under a shared key a
     * run whose epochs end faster than the worker answers would replace pending codes and leave no frame of them.
     * Codes of an earlier run answered after a new one started are dropped: its timeline is the new run's.
     */
    public void showTrainingCodes(LatentCodes codes, long step) {
        Dataset data = workspace.datasetProperty().get();
        if (data == null || codes.count() != data.test().count()) {
            return;
        }
        LabeledImages test = data.test();
        int mine = run;
        LatentAxes axes = chosenAxes();
        worker.submit("training-codes-" + mine + "-" + step, m -> {
            if (m.config().latent() != codes.dim()) {
                return null; // the worker has not seen the run's first weights yet; newer codes follow
            }
            LatentPoints points = LatentPoints.of(codes.count(), codes.dim(), codes.mu(), codes.sigma(),
                    codes.labels(), m.snapshot().version()).withAxes(axes);
            return new TrainingTimeline.Frame(step, points, timelineReconstructions(m, test));
        }, frame -> {
            if (mine == run) {
                showLatentFrame(frame);
            }
        }, messages::error);
    }

    // ---------------------------------------------------------------- internals

    private void datasetChanged(Dataset data) {
        highlightedClass.set(-1);
        if (data == null) {
            legendNames.clear();
        } else if (data.labelled()) {
            legendNames.setAll(data.classNames());
        } else {
            legendNames.setAll(List.of(ALL_IMAGES));
        }
    }

    /**
     * A model of another latent size: dimensions it lacks return the axes to the principal components and the
     * dimensions to 0 and 1, so the side panel shows what the plane does; a latent size of at most 2 keeps the
     * choice for the next larger model.
     */
    private void modelChanged(ModelConfig config) {
        int latent = config == null ? 0 : config.latent();
        if (latent > 2 && Math.max(xDimension.get(), yDimension.get()) >= latent) {
            dimensionAxes.set(false);
            xDimension.set(0); // swaps with y where y is 0, which the next line then moves to 1
            yDimension.set(1);
        }
        latentSize.set(latent);
    }

    /**
     * Puts the codes on the plane of the axes chosen now. The manifold and the density of the last axes are dropped
     * at once rather than drawn on the wrong plane until the new ones come.
     */
    private void showChosenAxes() {
        LatentPoints points = latentPoints.get();
        if (points == null) {
            return;
        }
        LatentPoints moved = points.withAxes(chosenAxes());
        if (moved == points) {
            return;
        }
        manifold.set(null);
        density.set(null);
        latentPoints.set(moved);
        refreshManifold();
    }

    /** The codes come from whoever shows new weights: a run's trainer sends them, every other caller re-encodes. */
    private void showWeights(WeightSnapshot old, WeightSnapshot newer) {
        if (newer == null) {
            return;
        }
        boolean architectureChanged = old == null || !old.config().equals(newer.config());
        if (architectureChanged) {
            latentPoints.set(null);
            selectedZ.set(null);
            manifold.set(null);
        }
        decodeSelected();
        refreshManifold();
    }

    /** The first test images reconstructed; a conditional model is told each image's class. */
    private static Raster timelineReconstructions(LatentModel m, LabeledImages test) {
        int n = Math.min(TIMELINE_RECONSTRUCTIONS, test.count());
        float[] firstImages = test.unitFloats(0, n);
        LatentModel told = ClassesTold.ownClasses(m, Arrays.copyOf(test.classes(), n));
        return ImageTiler.tile(ReconstructionFigure.of(told, firstImages, n, n).reconstructions(), 1, 1);
    }

    /** Takes in codes an encode answered with, recording them in the timeline when they come with images. */
    void showLatentFrame(TrainingTimeline.Frame frame) {
        if (frame == null) {
            return;
        }
        LatentPoints points = frame.points();
        livePoints = points;
        if (frame.reconstructions() != null) {
            timeline.add(frame);
        }
        if (timelineIndex.get() < 0) {
            latentPoints.set(points.withAxes(chosenAxes()));
        }
        if (selectedZ.get() == null && points.count() > 0) {
            selectedZ.set(points.mu(0));
        }
    }

    private void showTimelineFrame() {
        int index = timelineIndex.get();
        if (index < 0 || index >= timeline.frames().size()) {
            if (livePoints != null) {
                latentPoints.set(livePoints.withAxes(chosenAxes()));
            }
            return;
        }
        LatentPoints past = timeline.frames().get(index).points();
        if (livePoints == null || past.dim() == livePoints.dim()) {
            latentPoints.set(past.withAxes(chosenAxes()));
        }
    }

    private void refreshDensity() {
        LatentPoints points = latentPoints.get();
        PlaneRegion region = manifoldRegion.get();
        if (!showDensity.get() || points == null || region == null) {
            return;
        }
        long mine = densityRequest.incrementAndGet();
        double xRange = region.width();
        double yRange = region.height();
        if (!(xRange > 0) || !(yRange > 0)) {
            return;
        }
        int width = DENSITY_CELLS;
        int height = (int) Math.max(20, Math.min(4 * DENSITY_CELLS, Math.round(DENSITY_CELLS * yRange / xRange)));
        BackgroundTask.wrap(() -> {
            if (densityRequest.get() != mine) {
                return null; // a newer request is queued
            }
            AggregatePosterior.Area area = new AggregatePosterior.Area(region.xMin(), region.xMax(), region.yMin(),
                    region.yMax(), width, height);
            AggregatePosterior.Grid q = AggregatePosterior.density(points.mu(), points.sigma(), points.count(),
                    points.dim(), points.pca(), area);
            AggregatePosterior.Grid p = AggregatePosterior.prior(points.dim(), points.pca(), area);
            return new DensityImage(AggregatePosterior.ratioImage(q, p), width, height, region,
                    points.snapshotVersion());
        }).onSuccess(image -> {
            if (image != null && densityRequest.get() == mine) {
                density.set(image);
            }
        }).onFailure(message -> messages.error("density: " + message)).executeWith(maths);
    }

    private void decodeSelected() {
        float[] z = selectedZ.get();
        WeightSnapshot weights = workspace.snapshotProperty().get();
        if (z == null || weights == null || z.length != weights.config().latent()) {
            return;
        }
        ChosenClass chosen = workspace.chosenClass();
        // a model of another latent size may come before the job runs: its vector is no longer looked at
        interactiveWorker.submit("decode", model -> model.latent() != z.length ? null
                : ImageTiler.tile(ImageGrid.decodedOne(chosen.of(model), z), 0, 1), image -> {
                    if (image != null) {
                        decodedImage.set(image);
                    }
                }, messages::error);
    }

    private void refreshManifold() {
        if (!showManifold.get() || workspace.snapshotProperty().get() == null) {
            return;
        }
        PlaneRegion region = manifoldRegion.get();
        LatentPoints points = latentPoints.get(); // a read-only record, safe to hand to the worker
        ChosenClass chosen = workspace.chosenClass();
        worker.submit("manifold", model -> {
            if (points != null && points.dim() != model.latent()) {
                return null; // codes of the last model: the new model's first codes refresh the manifold
            }
            ImageGrid grid = ManifoldFigure.decode(chosen.of(model), MANIFOLD_GRID, region.xMin(), region.xMax(),
                    region.yMin(), region.yMax(), points == null ? null : points.pca());
            return grid == null ? null : new ManifoldImage(ImageTiler.tile(grid, 0, 1), MANIFOLD_GRID, region);
        }, image -> {
            if (image != null) {
                manifold.set(image);
            }
        }, messages::error);
    }
}
