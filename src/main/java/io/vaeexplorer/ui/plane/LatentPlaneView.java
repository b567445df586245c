package io.vaeexplorer.ui.plane;

import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.FxDelay;
import io.vaeexplorer.ui.fx.NodeExport;
import java.awt.image.BufferedImage;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * The latent plane: every test image as a small square at its latent mean (or, when d > 2, its projection onto the
 * first two principal components or onto two chosen latent dimensions), coloured by class, with axes, a legend, the
 * selected latent vector as a marker, an optional decoded manifold behind the points, an optional density of the
 * codes against the prior (with its colour key) and an optional interpolation path on top, with a dot where the
 * interpolation slider stands.
 *
 * <p>Mouse: left click or drag decodes the point under the cursor; the wheel zooms around the cursor; right or
 * middle drag (or shift + left drag) pans; a right double-click fits the view to the points again; hovering shows
 * the nearest test image.
 *
 * <p>Drawing: each layer has its painter (manifold, density, grid, points, thumbnails, path, posteriors, axes),
 * drawn in that order; the class legend, the selected vector's marker and the hover preview are nodes over the
 * canvas. Changes are
 * coalesced into at most one redraw per pulse. Everything here runs on the FX thread, like the
 * {@link PlaneViewModel} it shows.
 */
public final class LatentPlaneView extends Region {

    static final double MARGIN_LEFT = 58;
    static final double MARGIN_RIGHT = 12;
    static final double MARGIN_TOP = 12;
    static final double MARGIN_BOTTOM = 44;
    /** A hovered point farther than this from the cursor (canvas pixels) shows no preview. */
    static final double HOVER_RADIUS = 30;
    /** How long the view must rest after a zoom or pan before the manifold is recomputed for it. */
    static final long REGION_DEBOUNCE_MILLIS = 150;

    private enum Drag { NONE, SELECT, PAN }

    private final PlaneViewModel plane;
    /** Held here: the list is a read-only view whose listeners last only as long as it does. */
    private final ObservableList<String> classNames;
    private final Canvas canvas = new Canvas();
    private final ManifoldLayer manifold = new ManifoldLayer();
    private final DensityLayer density = new DensityLayer();
    private final ScatterLayer scatter = new ScatterLayer();
    private final ThumbnailLayer thumbnails = new ThumbnailLayer();
    private final InterpolationPathLayer path = new InterpolationPathLayer();
    private final PosteriorLayer posteriors = new PosteriorLayer();
    /** Held here: the cursor property holds it only weakly, so the plane can go before the model does. */
    private final InvalidationListener cursorMoved = obs -> requestRedraw();
    private final PlaneMarker marker = new PlaneMarker();
    private final HoverPreview preview = new HoverPreview();
    private final PlaneLegend legend;
    /** The window's theme: the canvas ignores the stylesheet, so it draws in the matching palette itself. */
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private PlaneStyle style = PlaneStyle.LIGHT;

    private PlaneViewport viewport = PlaneViewport.fit(PlaneRegion.AROUND_PRIOR, MARGIN_LEFT, MARGIN_TOP, 1, 1);
    private boolean userMoved;

    // coalescing: at most one redraw per pulse
    private boolean redrawScheduled;
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            redrawScheduled = false;
            redraw();
        }
    };
    private final FxDelay regionDebounce = new FxDelay(Platform::runLater, this::pushRegion);

    private Drag drag = Drag.NONE;
    private double lastX;
    private double lastY;
    private int hoverIndex = -1;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;

    /** Told of each redraw and its duration; null unless a test or benchmark watches. */
    private RedrawProbe redrawProbe;

    public LatentPlaneView(PlaneViewModel plane) {
        this.plane = plane;
        this.classNames = plane.classNames();
        this.legend = new PlaneLegend(plane);
        canvas.setId("latent-plane");
        getChildren().addAll(canvas, legend, marker, preview);
        getStyleClass().add("latent-plane-view");
        setPrefSize(600, 500);
        setMinSize(160, 120);

        InvalidationListener sizeChanged = obs -> sizeChanged();
        canvas.widthProperty().addListener(sizeChanged);
        canvas.heightProperty().addListener(sizeChanged);

        plane.latentPointsProperty().addListener((obs, was, now) -> {
            if (was != null && now != null && !was.axes().equals(now.axes())) {
                userMoved = false; // a zoom into the last axes' plane means nothing on the new one
            }
            pointsChanged();
        });
        // change listeners (not invalidation listeners): they fire on every new value even if nobody read the last
        plane.selectedZProperty().addListener((obs, was, now) -> placeMarker());
        plane.manifoldProperty().addListener((obs, was, now) -> requestRedraw());
        plane.interpolationPathProperty().addListener((obs, was, now) -> requestRedraw());
        plane.interpolationTProperty().addListener(new WeakInvalidationListener(cursorMoved));
        plane.sketchPosteriorProperty().addListener((obs, was, now) -> requestRedraw());
        plane.ellipseImages().addListener((ListChangeListener<Integer>) change -> requestRedraw());
        plane.densityProperty().addListener((obs, was, now) -> requestRedraw());
        plane.showDensityProperty().addListener((obs, was, on) -> {
            if (on) {
                pushRegion();
            }
            requestRedraw();
        });
        plane.showManifoldProperty().addListener((obs, was, on) -> {
            if (on) {
                pushRegion(); // the grid is computed for what is visible now, not for a stale region
            }
            requestRedraw();
        });
        InvalidationListener thumbnailsChanged = obs -> {
            thumbnails.invalidate();
            requestRedraw();
        };
        plane.showThumbnailsProperty().addListener(thumbnailsChanged);
        plane.thumbnailAtlasProperty().addListener(thumbnailsChanged);
        plane.thumbnailIndexProperty().addListener(thumbnailsChanged);
        plane.highlightedClassProperty().addListener((obs, was, now) -> {
            scatter.highlight(now.intValue());
            thumbnails.invalidate();
            requestRedraw();
        });
        plane.legendNames().addListener((ListChangeListener<String>) change -> requestLayout());
        dark.addListener((obs, was, on) -> {
            style = PlaneStyle.of(on);
            scatter.style(style);
            thumbnails.style(style);
            requestRedraw();
        });

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> drag = Drag.NONE);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != MouseButton.PRIMARY && e.getClickCount() == 2) {
                fitToPoints();
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            mouseX = Double.NaN;
            hideHover();
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.setOnZoom(e -> zoomAt(e.getX(), e.getY(), e.getZoomFactor()));

        if (plane.latentPointsProperty().get() != null) {
            pointsChanged();
        }
    }

    // ---------------------------------------------------------------- public API

    /** The canvas the plane is drawn on (id {@code latent-plane}), for tests and PNG export. */
    public Canvas canvas() {
        return canvas;
    }

    /**
     * Whether the canvas draws in the dark palette (dark background, light grid and text) to match the window's
     * dark theme; off draws the light one.
     */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Plane coordinates {x, y} of a canvas point. */
    public double[] toPlane(double canvasX, double canvasY) {
        return viewport.toPlane(canvasX, canvasY);
    }

    /** Canvas coordinates {x, y} of a plane point. */
    public double[] toCanvas(double planeX, double planeY) {
        return viewport.toCanvas(planeX, planeY);
    }

    /** The current viewport (centre, scale and plot rectangle). */
    public PlaneViewport viewport() {
        return viewport;
    }

    /** Shows another region; counts as a user change (new points no longer refit the view). */
    public void setViewport(PlaneViewport newViewport) {
        viewport = newViewport.withPlot(MARGIN_LEFT, MARGIN_TOP, plotWidth(), plotHeight());
        userMoved = true;
        viewportChanged();
    }

    /**
     * Fits the view to the bulk of the points (1st..99th percentile per axis plus a margin; at least [-3, 3] on
     * both axes when the latent space is at most 2-D) and lets new points refit it again until the next zoom or pan.
     */
    public void fitToPoints() {
        userMoved = false;
        fit();
        viewportChanged();
    }

    /**
     * What the plane shows (points, layers, axes, legend, marker), {@code scale} times as wide and high. Above 1 the
     * plane is painted afresh on a canvas of that many pixels per point, laid over the screen's canvas only while
     * the picture is taken: its lines and labels are as sharp as the legend's, not the screen's pixels enlarged.
     * Call on the FX thread.
     */
    public BufferedImage picture(int scale) {
        if (scale == 1) {
            return NodeExport.snapshot(this, 1);
        }
        Canvas sharp = new Canvas(canvas.getWidth() * scale, canvas.getHeight() * scale);
        sharp.setManaged(false);
        sharp.getTransforms().add(new Scale(1.0 / scale, 1.0 / scale));
        sharp.relocate(canvas.getLayoutX(), canvas.getLayoutY());
        GraphicsContext gc = sharp.getGraphicsContext2D();
        gc.scale(scale, scale);
        paint(gc, canvas.getWidth(), canvas.getHeight());
        // over the screen's canvas, under the legend, marker and preview
        getChildren().add(getChildren().indexOf(canvas) + 1, sharp);
        try {
            return NodeExport.snapshot(this, scale);
        } finally {
            getChildren().remove(sharp);
        }
    }

    /** Tells the probe of every redraw from now on and how long it took; null for none. */
    public void setRedrawProbe(RedrawProbe probe) {
        redrawProbe = probe;
    }

    /** Whether a redraw or the visible region's hand-over to the model is still to come (tests wait on it). */
    boolean updatePending() {
        return redrawScheduled || regionDebounce.isPending();
    }

    /** Index of the test image whose preview is shown, or -1. */
    int hoveredIndex() {
        return hoverIndex;
    }

    /** Redraws at once, points included, instead of at the next pulse (tests snapshot the result). */
    void redrawNow() {
        if (redrawScheduled) {
            pulse.stop();
            redrawScheduled = false;
        }
        scatter.invalidate();
        thumbnails.invalidate();
        redraw();
    }

    /** The class legend over the plot's upper right corner (for tests). */
    PlaneLegend legend() {
        return legend;
    }

    /** How many thumbnails the last redraw showed (for tests). */
    int thumbnailsDrawn() {
        return thumbnails.drawnCount();
    }

    /** {image, left, top, side} of the k-th thumbnail of the last redraw, canvas coordinates (for tests). */
    int[] thumbnailBox(int k) {
        return thumbnails.drawnBox(k);
    }

    // ---------------------------------------------------------------- layout

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double w = Math.max(0, snapSizeX(getWidth() - in.getLeft() - in.getRight()));
        double h = Math.max(0, snapSizeY(getHeight() - in.getTop() - in.getBottom()));
        canvas.relocate(in.getLeft(), in.getTop());
        canvas.setWidth(w);
        canvas.setHeight(h);
        placeLegend(in.getLeft(), in.getTop());
    }

    /** The legend at the plot's upper right, as tall as its rows or the plot allows; hidden where it cannot fit. */
    private void placeLegend(double left, double top) {
        PlaneViewport v = viewport;
        double width = legend.widthWanted();
        double height = legend.heightFor(v.height() - 12);
        boolean fits = width + 12 <= v.width() && height >= 24;
        legend.setVisible(!plane.legendNames().isEmpty() && fits);
        if (fits) {
            legend.resizeRelocate(snapPositionX(left + v.left() + v.width() - width - 6),
                    snapPositionY(top + v.top() + 6), width, snapSizeY(height));
        }
    }

    private double plotWidth() {
        return Math.max(0, Math.floor(canvas.getWidth() - MARGIN_LEFT - MARGIN_RIGHT));
    }

    private double plotHeight() {
        return Math.max(0, Math.floor(canvas.getHeight() - MARGIN_TOP - MARGIN_BOTTOM));
    }

    private void sizeChanged() {
        if (userMoved) {
            viewport = viewport.withPlot(MARGIN_LEFT, MARGIN_TOP, plotWidth(), plotHeight());
        } else {
            fit();
        }
        viewportChanged();
    }

    // ---------------------------------------------------------------- model changes

    private void pointsChanged() {
        if (!userMoved) {
            fit();
            restartRegionDebounce();
        }
        scatter.invalidate();
        thumbnails.invalidate();
        hoverIndex = -1;
        if (preview.isVisible() && !Double.isNaN(mouseX)) {
            hover(mouseX, mouseY); // the codes moved: the image under the cursor may be another one
        } else {
            hideHover();
        }
        requestRedraw();
    }

    private void fit() {
        LatentPoints points = plane.latentPointsProperty().get();
        PlaneRegion region = PlaneRegion.AROUND_PRIOR;
        if (points != null && points.count() > 0) {
            region = PlaneViewport.robustBounds(points.xy(), points.count(), 1, 0.08, 1e-3);
            if (points.dim() <= 2) {
                region = region.union(PlaneRegion.AROUND_PRIOR);
            }
        }
        viewport = PlaneViewport.fit(region, MARGIN_LEFT, MARGIN_TOP, plotWidth(), plotHeight());
    }

    private void viewportChanged() {
        scatter.invalidate();
        thumbnails.invalidate();
        restartRegionDebounce();
        requestRedraw();
    }

    /** The region goes to the model once the view has rested, not on every step of a zoom or pan. */
    private void restartRegionDebounce() {
        regionDebounce.cancel();
        regionDebounce.schedule(REGION_DEBOUNCE_MILLIS);
    }

    /** Tells the model which region is visible, so the manifold grid covers it. */
    private void pushRegion() {
        regionDebounce.cancel();
        if (viewport.width() < 1 || viewport.height() < 1) {
            return;
        }
        PlaneRegion region = viewport.visibleRegion();
        if (!region.equals(plane.manifoldRegionProperty().get())) {
            plane.manifoldRegionProperty().set(region);
        }
    }

    // ---------------------------------------------------------------- mouse

    private void pressed(MouseEvent e) {
        lastX = e.getX();
        lastY = e.getY();
        MouseButton button = e.getButton();
        if (button == MouseButton.PRIMARY && e.isShortcutDown() && viewport.contains(e.getX(), e.getY())) {
            // ctrl-click: show (or hide) the posterior ellipses of the test image nearest to the click
            drag = Drag.NONE;
            int nearest = plane.nearestTestImage(viewport.planeX(e.getX()), viewport.planeY(e.getY()));
            plane.toggleEllipse(nearest);
            return;
        }
        if (button == MouseButton.SECONDARY || button == MouseButton.MIDDLE
                || (button == MouseButton.PRIMARY && e.isShiftDown())) {
            drag = Drag.PAN;
            hideHover();
        } else if (button == MouseButton.PRIMARY && viewport.contains(e.getX(), e.getY())) {
            drag = Drag.SELECT;
            hideHover();
            selectAt(e.getX(), e.getY());
        } else {
            drag = Drag.NONE;
        }
    }

    private void dragged(MouseEvent e) {
        if (drag == Drag.PAN) {
            double dx = e.getX() - lastX;
            double dy = e.getY() - lastY;
            lastX = e.getX();
            lastY = e.getY();
            if (dx != 0 || dy != 0) {
                viewport = viewport.panned(dx, dy);
                userMoved = true;
                viewportChanged();
            }
        } else if (drag == Drag.SELECT) {
            selectAt(e.getX(), e.getY());
        }
    }

    private void selectAt(double canvasX, double canvasY) {
        double x = clamp(canvasX, viewport.left(), viewport.left() + viewport.width());
        double y = clamp(canvasY, viewport.top(), viewport.top() + viewport.height());
        plane.decodeAt(viewport.planeX(x), viewport.planeY(y));
    }

    private void scrolled(ScrollEvent e) {
        double delta = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX();
        if (delta == 0) {
            return;
        }
        // 40 px is one wheel notch on most systems: 1.2x per notch, smooth for touchpads
        zoomAt(e.getX(), e.getY(), Math.pow(1.2, delta / 40.0));
        e.consume();
    }

    private void zoomAt(double canvasX, double canvasY, double factor) {
        PlaneViewport zoomed = viewport.zoomedAt(canvasX, canvasY, factor);
        if (!zoomed.equals(viewport)) {
            viewport = zoomed;
            userMoved = true;
            viewportChanged();
        }
        if (preview.isVisible()) {
            hover(canvasX, canvasY);
        }
    }

    private void hover(double canvasX, double canvasY) {
        mouseX = canvasX;
        mouseY = canvasY;
        LatentPoints points = plane.latentPointsProperty().get();
        if (drag != Drag.NONE || points == null || !viewport.contains(canvasX, canvasY)) {
            hideHover();
            return;
        }
        int index = plane.nearestTestImage(viewport.planeX(canvasX), viewport.planeY(canvasY));
        if (index < 0) {
            hideHover();
            return;
        }
        double dx = viewport.canvasX(points.xy()[2 * index]) - canvasX;
        double dy = viewport.canvasY(points.xy()[2 * index + 1]) - canvasY;
        if (dx * dx + dy * dy > HOVER_RADIUS * HOVER_RADIUS) {
            hideHover();
            return;
        }
        if (index != hoverIndex || !preview.isVisible()) {
            Raster raster = plane.testImage(index);
            if (raster == null) {
                hideHover();
                return;
            }
            preview.show(raster, className(points.labels()[index] & 0xff) + "  (test #" + index + ")");
            hoverIndex = index;
            requestRedraw();
        }
        preview.placeBeside(canvas.getLayoutX() + canvasX, canvas.getLayoutY() + canvasY, getWidth(), getHeight());
    }

    private void hideHover() {
        if (preview.isVisible() || hoverIndex >= 0) {
            preview.hide();
            hoverIndex = -1;
            requestRedraw();
        }
    }

    private String className(int label) {
        return label < classNames.size() ? classNames.get(label) : String.valueOf(label);
    }

    // ---------------------------------------------------------------- drawing

    private void requestRedraw() {
        if (!redrawScheduled) {
            redrawScheduled = true;
            pulse.start();
        }
    }

    private void redraw() {
        long start = System.nanoTime();
        paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
        placeMarker();
        RedrawProbe probe = redrawProbe;
        if (probe != null) {
            probe.redrawn(System.nanoTime() - start);
        }
    }

    /** Draws every layer of the plane, in canvas coordinates, on a canvas w x h (or one scaled from it). */
    private void paint(GraphicsContext gc, double w, double h) {
        gc.setGlobalAlpha(1);
        PlaneStyle s = style;
        gc.setFill(s.background());
        gc.fillRect(0, 0, w, h);
        PlaneViewport v = viewport;
        if (v.width() >= 2 && v.height() >= 2) {
            LatentPoints points = plane.latentPointsProperty().get();
            boolean densityShown = plane.showDensityProperty().get() && plane.densityProperty().get() != null;
            gc.save();
            gc.beginPath();
            gc.rect(v.left(), v.top(), v.width(), v.height());
            gc.clip();
            gc.setFill(s.plotBackground());
            gc.fillRect(v.left(), v.top(), v.width(), v.height());
            manifold.draw(gc, v, plane.showManifoldProperty().get() ? plane.manifoldProperty().get() : null);
            density.draw(gc, v, densityShown ? plane.densityProperty().get() : null);
            double[] xTicks = PlaneAxes.ticks(v.planeX(v.left()), v.planeX(v.left() + v.width()), v.width() / 90);
            double[] yTicks = PlaneAxes.ticks(v.planeY(v.top() + v.height()), v.planeY(v.top()), v.height() / 70);
            PlaneAxes.drawGrid(gc, v, xTicks, yTicks, s);
            if (points != null) {
                scatter.draw(gc, v, points);
                thumbnails.draw(gc, v, points, plane.showThumbnailsProperty().get()
                        ? plane.thumbnailAtlasProperty().get() : null,
                        () -> plane.thumbnailsIn(v.visibleRegion(), v.scale()), plane.highlightedClassProperty().get());
                scatter.drawHovered(gc, v, points, hoverIndex);
            }
            path.draw(gc, v, plane.interpolationPathProperty().get(), plane.interpolationTProperty().get());
            posteriors.drawEllipses(gc, v, points, plane.ellipseImages());
            posteriors.drawSketch(gc, v, points, plane.sketchPosteriorProperty().get());
            gc.restore();
            PlaneAxes.drawFrame(gc, v, s);
            PlaneAxes.drawAxes(gc, v, points, xTicks, yTicks, h, s);
            density.drawKey(gc, v, densityShown, s);
        } else {
            density.forgetKey();
            path.forgetCursor();
        }
    }

    /** Canvas position of the dot for the interpolation slider's t when last drawn, or null (for tests). */
    double[] pathCursorPosition() {
        return path.cursor();
    }

    /** The density key's colour ramp {x, y, width, height} on the canvas when last drawn, or null (for tests). */
    double[] densityKeyRamp() {
        return density.keyRamp();
    }

    /** Canvas position of the drawing's marker when last drawn, or null (for tests). */
    double[] sketchMarkerPosition() {
        return posteriors.sketchMarker();
    }

    /** Moves the marker node to the selected latent vector; hidden when there is none or it is out of view. */
    private void placeMarker() {
        marker.place(plane.selectedZProperty().get(), plane.latentPointsProperty().get(), viewport,
                canvas.getLayoutX(), canvas.getLayoutY());
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
