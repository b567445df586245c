package io.vaeexplorer.ui.plane;

import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.explore.AggregatePosterior;
import io.vaeexplorer.explore.PosteriorEllipse;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.experiments.InterpolationCursor;
import io.vaeexplorer.ui.fx.ClassColors;
import io.vaeexplorer.ui.fx.FxDelay;
import io.vaeexplorer.ui.fx.RasterImages;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The latent plane: every test image as a small square at its latent mean (or its PCA projection when d > 2),
 * coloured by class, with axes, a legend, the selected latent vector as a marker, an optional decoded manifold
 * behind the points, an optional density of the codes against the prior (with its colour key) and an optional
 * interpolation path on top, with a dot where the interpolation slider stands.
 *
 * <p>Mouse: left click or drag decodes the point under the cursor; the wheel zooms around the cursor; right or
 * middle drag (or shift + left drag) pans; a right double-click fits the view to the points again; hovering shows
 * the nearest test image.
 *
 * <p>Drawing: the points are written into an {@code int[]} ARGB buffer shared with a {@link PixelBuffer} and
 * drawn with one {@code drawImage}; the buffer is rewritten only when the points or the viewport change (a hover
 * or a new marker redraws the canvas but reuses it). Changes are coalesced into at most one redraw per pulse.
 * Everything here runs on the FX thread, like the {@link AppViewModel} it shows.
 */
public final class LatentPlaneView extends Region {

    static final double MARGIN_LEFT = 58;
    static final double MARGIN_RIGHT = 12;
    static final double MARGIN_TOP = 12;
    static final double MARGIN_BOTTOM = 44;
    /** Size of the hover preview image, pixels. */
    static final int PREVIEW_SIZE = 56;
    /** A hovered point farther than this from the cursor (canvas pixels) shows no preview. */
    static final double HOVER_RADIUS = 30;
    /** How long the view must rest after a zoom or pan before the manifold is recomputed for it. */
    static final long REGION_DEBOUNCE_MILLIS = 150;
    private static final double MANIFOLD_OPACITY = 0.6;

    private static final Color BACKGROUND = Color.rgb(246, 246, 246);
    private static final Color PLOT_BACKGROUND = Color.WHITE;
    private static final Color GRID = Color.rgb(0, 0, 0, 0.09);
    private static final Color ZERO_LINE = Color.rgb(0, 0, 0, 0.22);
    private static final Color FRAME = Color.rgb(120, 120, 120);
    private static final Color TEXT = Color.rgb(40, 40, 40);
    private static final Color DARK = Color.rgb(20, 20, 20, 0.9);
    private static final Color PATH_COLOR = Color.rgb(255, 200, 0);
    private static final Color SKETCH_COLOR = Color.rgb(200, 0, 90);
    private static final double DENSITY_OPACITY = 0.75;
    private static final Color ELLIPSE_STROKE = Color.WHITE;
    private static final Color KEY_BACKGROUND = Color.rgb(255, 255, 255, 0.92);
    static final double KEY_RAMP_WIDTH = 170;
    static final double KEY_RAMP_HEIGHT = 12;
    private static final int ELLIPSE_POINTS = 72;
    private static final Font TICK_FONT = Font.font(11);
    private static final Font TITLE_FONT = Font.font(12);
    private static final Font LEGEND_FONT = Font.font(11);
    private static final Font PATH_FONT = Font.font(null, FontWeight.BOLD, 12);

    /** Colour of each possible label byte (labels are 0..255), premultiplied ARGB = ARGB since all are opaque. */
    private static final int[] LABEL_ARGB = ClassColors.argbByLabelByte();

    private enum Drag { NONE, SELECT, PAN }

    private final AppViewModel model;
    private final Canvas canvas = new Canvas();
    private DensityImage densitySource;
    private WritableImage densityImage;
    private double[] sketchMarkerAt;
    private double[] densityRampAt;
    private double[] pathCursorAt;
    /** Held here: the cursor property holds it only weakly, so the plane can go before the model does. */
    private final InvalidationListener cursorMoved = obs -> requestRedraw();
    /**
     * The selected point's marker is a node over the canvas, not pixels in it: moving it repaints a 40-pixel square
     * instead of the whole plane, so a click's new image reaches the screen without waiting for a full-plane
     * software render (what set the click-to-decode tail).
     */
    private final javafx.scene.Group marker = markerNode();
    private final ImageView previewImage = new ImageView();
    private final Label previewLabel = new Label();
    private final VBox preview = new VBox(2, previewImage, previewLabel);

    private PlaneViewport viewport = PlaneViewport.fit(PlaneRegion.AROUND_PRIOR, MARGIN_LEFT, MARGIN_TOP, 1, 1);
    private boolean userMoved;

    // the scatter buffer, rewritten when scatterDirty
    private int[] pixels;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage scatterImage;
    private int bufferWidth;
    private int bufferHeight;
    private boolean scatterDirty = true;

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

    private ManifoldImage manifoldSource;
    private Image manifoldImage;
    private double legendWidth = -1;

    private Drag drag = Drag.NONE;
    private double lastX;
    private double lastY;
    private int hoverIndex = -1;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;

    /** Told of each redraw and its duration; null unless a test or benchmark watches. */
    private RedrawProbe redrawProbe;

    public LatentPlaneView(AppViewModel model) {
        this.model = model;
        canvas.setId("latent-plane");
        preview.setId("plane-preview");
        previewImage.setId("plane-preview-image");
        previewLabel.setId("plane-preview-label");
        previewImage.setFitWidth(PREVIEW_SIZE);
        previewImage.setFitHeight(PREVIEW_SIZE);
        previewImage.setSmooth(false);
        previewLabel.setFont(Font.font(11));
        preview.setPadding(new Insets(3));
        preview.setStyle("-fx-background-color: rgba(255,255,255,0.95); -fx-border-color: #444; "
                + "-fx-border-width: 1;");
        preview.setManaged(false);
        preview.setVisible(false);
        preview.setMouseTransparent(true);
        marker.setManaged(false);
        marker.setMouseTransparent(true);
        marker.setVisible(false);
        marker.setId("plane-marker");
        getChildren().addAll(canvas, marker, preview);
        getStyleClass().add("latent-plane-view");
        setPrefSize(600, 500);
        setMinSize(160, 120);

        InvalidationListener sizeChanged = obs -> sizeChanged();
        canvas.widthProperty().addListener(sizeChanged);
        canvas.heightProperty().addListener(sizeChanged);

        model.plane().latentPointsProperty().addListener((obs, was, now) -> pointsChanged());
        // change listeners (not invalidation listeners): they fire on every new value even if nobody read the last
        model.plane().selectedZProperty().addListener((obs, was, now) -> placeMarker());
        model.plane().manifoldProperty().addListener((obs, was, now) -> requestRedraw());
        model.plane().interpolationPathProperty().addListener((obs, was, now) -> requestRedraw());
        model.plane().interpolationTProperty().addListener(new javafx.beans.WeakInvalidationListener(cursorMoved));
        model.plane().sketchPosteriorProperty().addListener((obs, was, now) -> requestRedraw());
        model.plane().ellipseImages().addListener((ListChangeListener<Integer>) change -> requestRedraw());
        model.plane().densityProperty().addListener((obs, was, now) -> requestRedraw());
        model.plane().showDensityProperty().addListener((obs, was, on) -> {
            if (on) {
                pushRegion();
            }
            requestRedraw();
        });
        model.plane().showManifoldProperty().addListener((obs, was, on) -> {
            if (on) {
                pushRegion(); // the grid is computed for what is visible now, not for a stale region
            }
            requestRedraw();
        });
        model.workspace().classNames().addListener((ListChangeListener<String>) change -> {
            legendWidth = -1;
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

        if (model.plane().latentPointsProperty().get() != null) {
            pointsChanged();
        }
    }

    // ---------------------------------------------------------------- public API

    /** The canvas the plane is drawn on (id {@code latent-plane}), for tests and PNG export. */
    public Canvas canvas() {
        return canvas;
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
        scatterDirty = true;
        redraw();
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
        scatterDirty = true;
        hoverIndex = -1;
        if (preview.isVisible() && !Double.isNaN(mouseX)) {
            hover(mouseX, mouseY); // the codes moved: the image under the cursor may be another one
        } else {
            hideHover();
        }
        requestRedraw();
    }

    private void fit() {
        LatentPoints points = model.plane().latentPointsProperty().get();
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
        scatterDirty = true;
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
        if (!region.equals(model.plane().manifoldRegionProperty().get())) {
            model.plane().manifoldRegionProperty().set(region);
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
            int nearest = model.plane().nearestTestImage(viewport.planeX(e.getX()), viewport.planeY(e.getY()));
            model.plane().toggleEllipse(nearest);
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
        model.plane().decodeAt(viewport.planeX(x), viewport.planeY(y));
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
        LatentPoints points = model.plane().latentPointsProperty().get();
        if (drag != Drag.NONE || points == null || !viewport.contains(canvasX, canvasY)) {
            hideHover();
            return;
        }
        int index = model.plane().nearestTestImage(viewport.planeX(canvasX), viewport.planeY(canvasY));
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
            GreyRaster raster = model.plane().testImage(index);
            if (raster == null) {
                hideHover();
                return;
            }
            previewImage.setImage(RasterImages.toImage(raster));
            previewLabel.setText(className(points.labels()[index] & 0xff) + "  (test #" + index + ")");
            hoverIndex = index;
            preview.setVisible(true);
            preview.autosize();
            requestRedraw();
        }
        placePreview(canvasX, canvasY);
    }

    private void placePreview(double canvasX, double canvasY) {
        double w = preview.getWidth();
        double h = preview.getHeight();
        double x = canvas.getLayoutX() + canvasX + 16;
        double y = canvas.getLayoutY() + canvasY + 16;
        if (x + w > getWidth()) {
            x = canvas.getLayoutX() + canvasX - 16 - w;
        }
        if (y + h > getHeight()) {
            y = canvas.getLayoutY() + canvasY - 16 - h;
        }
        preview.relocate(Math.max(0, x), Math.max(0, y));
    }

    private void hideHover() {
        if (preview.isVisible() || hoverIndex >= 0) {
            preview.setVisible(false);
            previewImage.setImage(null);
            hoverIndex = -1;
            requestRedraw();
        }
    }

    private String className(int label) {
        List<String> names = model.workspace().classNames();
        return label < names.size() ? names.get(label) : String.valueOf(label);
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
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.setGlobalAlpha(1);
        gc.setFill(BACKGROUND);
        gc.fillRect(0, 0, w, h);
        PlaneViewport v = viewport;
        if (v.width() >= 2 && v.height() >= 2) {
            LatentPoints points = model.plane().latentPointsProperty().get();
            gc.save();
            gc.beginPath();
            gc.rect(v.left(), v.top(), v.width(), v.height());
            gc.clip();
            gc.setFill(PLOT_BACKGROUND);
            gc.fillRect(v.left(), v.top(), v.width(), v.height());
            drawManifold(gc, v);
            drawDensity(gc, v);
            double[] xTicks = ticks(v.planeX(v.left()), v.planeX(v.left() + v.width()), v.width() / 90);
            double[] yTicks = ticks(v.planeY(v.top() + v.height()), v.planeY(v.top()), v.height() / 70);
            drawGrid(gc, v, xTicks, yTicks);
            if (points != null) {
                if (scatterDirty || scatterImage == null) {
                    rasterize(points, v);
                }
                gc.drawImage(scatterImage, v.left(), v.top());
                drawHovered(gc, v, points);
            }
            drawPath(gc, v);
            drawEllipses(gc, v, points);
            drawSketch(gc, v, points);
            gc.restore();
            gc.setStroke(FRAME);
            gc.setLineWidth(1);
            gc.strokeRect(v.left() - 0.5, v.top() - 0.5, v.width() + 1, v.height() + 1);
            drawAxes(gc, v, points, xTicks, yTicks, h);
            drawLegend(gc, v);
            drawDensityKey(gc, v);
        } else {
            densityRampAt = null;
            pathCursorAt = null;
        }
        placeMarker();
        RedrawProbe probe = redrawProbe;
        if (probe != null) {
            probe.redrawn(System.nanoTime() - start);
        }
    }

    /** Writes every point as a 3x3 square into the int buffer and publishes it to the image. */
    private void rasterize(LatentPoints points, PlaneViewport v) {
        int w = (int) v.width();
        int h = (int) v.height();
        if (pixels == null || w != bufferWidth || h != bufferHeight) {
            pixels = new int[w * h];
            pixelBuffer = new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
            scatterImage = new WritableImage(pixelBuffer);
            bufferWidth = w;
            bufferHeight = h;
        } else {
            Arrays.fill(pixels, 0);
        }
        int[] px = pixels;
        float[] xy = points.xy();
        byte[] labels = points.labels();
        double scale = v.scale();
        double ox = w / 2.0 - v.centerX() * scale; // buffer x = ox + planeX * scale
        double oy = h / 2.0 + v.centerY() * scale; // buffer y = oy - planeY * scale
        int maxX = w - 1;
        int maxY = h - 1;
        for (int i = 0, n = points.count(); i < n; i++) {
            double bx = ox + xy[2 * i] * scale;
            double by = oy - xy[2 * i + 1] * scale;
            if (!(bx >= 1 && bx < maxX && by >= 1 && by < maxY)) {
                continue; // also drops NaN
            }
            int cx = (int) bx;
            int cy = (int) by;
            int c = LABEL_ARGB[labels[i] & 0xff];
            int o = (cy - 1) * w + cx - 1;
            px[o] = c;
            px[o + 1] = c;
            px[o + 2] = c;
            o += w;
            px[o] = c;
            px[o + 1] = c;
            px[o + 2] = c;
            o += w;
            px[o] = c;
            px[o + 1] = c;
            px[o + 2] = c;
        }
        pixelBuffer.updateBuffer(b -> null);
        scatterDirty = false;
    }

    private void drawManifold(GraphicsContext gc, PlaneViewport v) {
        ManifoldImage m = model.plane().manifoldProperty().get();
        if (!model.plane().showManifoldProperty().get() || m == null) {
            return;
        }
        if (m != manifoldSource) {
            manifoldSource = m;
            manifoldImage = RasterImages.toImage(m.raster());
        }
        // the grid's points are the tiles' centres: the picture reaches half a tile beyond the region
        int n = Math.max(1, m.gridSize());
        PlaneRegion r = m.region();
        double halfX = n > 1 ? r.width() / (2.0 * (n - 1)) : 0;
        double halfY = n > 1 ? r.height() / (2.0 * (n - 1)) : 0;
        double x0 = v.canvasX(r.xMin() - halfX);
        double x1 = v.canvasX(r.xMax() + halfX);
        double y0 = v.canvasY(r.yMax() + halfY);
        double y1 = v.canvasY(r.yMin() - halfY);
        gc.setGlobalAlpha(MANIFOLD_OPACITY);
        gc.drawImage(manifoldImage, x0, y0, x1 - x0, y1 - y0);
        gc.setGlobalAlpha(1);
    }

    private static double[] ticks(double min, double max, double target) {
        double step = PlaneViewport.niceStep(max - min, Math.max(2, target));
        long first = (long) Math.ceil(min / step);
        long last = (long) Math.floor(max / step);
        if (last - first > 200 || last < first) {
            return new double[0];
        }
        double[] out = new double[(int) (last - first + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (first + i) * step;
        }
        return out;
    }

    private static void drawGrid(GraphicsContext gc, PlaneViewport v, double[] xTicks, double[] yTicks) {
        gc.setLineWidth(1);
        for (double t : xTicks) {
            double x = Math.floor(v.canvasX(t)) + 0.5;
            gc.setStroke(Math.abs(t) < 1e-12 ? ZERO_LINE : GRID);
            gc.strokeLine(x, v.top(), x, v.top() + v.height());
        }
        for (double t : yTicks) {
            double y = Math.floor(v.canvasY(t)) + 0.5;
            gc.setStroke(Math.abs(t) < 1e-12 ? ZERO_LINE : GRID);
            gc.strokeLine(v.left(), y, v.left() + v.width(), y);
        }
    }

    private void drawHovered(GraphicsContext gc, PlaneViewport v, LatentPoints points) {
        int i = hoverIndex;
        if (i < 0 || i >= points.count()) {
            return;
        }
        double x = v.canvasX(points.xy()[2 * i]);
        double y = v.canvasY(points.xy()[2 * i + 1]);
        gc.setFill(ClassColors.color(points.labels()[i] & 0xff));
        gc.fillRect(x - 3, y - 3, 6, 6);
        gc.setStroke(DARK);
        gc.setLineWidth(2);
        gc.strokeOval(x - 7, y - 7, 14, 14);
    }

    private void drawPath(GraphicsContext gc, PlaneViewport v) {
        pathCursorAt = null;
        double[] path = model.plane().interpolationPathProperty().get();
        if (path == null || path.length < 2) {
            return;
        }
        int n = path.length / 2;
        gc.beginPath();
        for (int i = 0; i < n; i++) {
            double x = v.canvasX(path[2 * i]);
            double y = v.canvasY(path[2 * i + 1]);
            if (i == 0) {
                gc.moveTo(x, y);
            } else {
                gc.lineTo(x, y);
            }
        }
        gc.setStroke(DARK);
        gc.setLineWidth(4);
        gc.stroke();
        gc.setStroke(PATH_COLOR);
        gc.setLineWidth(2);
        gc.stroke();
        endDot(gc, v, path[0], path[1], "A");
        if (n > 1) {
            endDot(gc, v, path[2 * n - 2], path[2 * n - 1], "B");
        }
        double[] at = InterpolationCursor.pointAt(path, model.plane().interpolationTProperty().get());
        if (at != null) {
            double x = v.canvasX(at[0]);
            double y = v.canvasY(at[1]);
            gc.setFill(Color.WHITE);
            gc.fillOval(x - 6.5, y - 6.5, 13, 13);
            gc.setStroke(DARK);
            gc.setLineWidth(2.5);
            gc.strokeOval(x - 6.5, y - 6.5, 13, 13);
            gc.setFill(DARK);
            gc.fillOval(x - 2.5, y - 2.5, 5, 5);
            pathCursorAt = new double[] {x, y};
        }
    }

    /** Canvas position of the dot for the interpolation slider's t when last drawn, or null (for tests). */
    public double[] pathCursorPosition() {
        return pathCursorAt == null ? null : pathCursorAt.clone();
    }

    private static void endDot(GraphicsContext gc, PlaneViewport v, double px, double py, String name) {
        double x = v.canvasX(px);
        double y = v.canvasY(py);
        gc.setFill(PATH_COLOR);
        gc.fillOval(x - 5, y - 5, 10, 10);
        gc.setStroke(DARK);
        gc.setLineWidth(1.5);
        gc.strokeOval(x - 5, y - 5, 10, 10);
        gc.setFont(PATH_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.setLineWidth(3);
        gc.setStroke(Color.WHITE);
        gc.strokeText(name, x + 6, y - 4);
        gc.setFill(DARK);
        gc.fillText(name, x + 6, y - 4);
    }

    /** The aggregate posterior against the prior: red where the codes crowd, blue in the prior's holes. */
    private void drawDensity(GraphicsContext gc, PlaneViewport v) {
        DensityImage d = model.plane().densityProperty().get();
        if (!model.plane().showDensityProperty().get() || d == null) {
            return;
        }
        if (d != densitySource) {
            densitySource = d;
            densityImage = new WritableImage(d.width(), d.height());
            densityImage.getPixelWriter().setPixels(0, 0, d.width(), d.height(),
                    javafx.scene.image.PixelFormat.getIntArgbInstance(), d.argb(), 0, d.width());
        }
        PlaneRegion r = d.region();
        double x0 = v.canvasX(r.xMin());
        double x1 = v.canvasX(r.xMax());
        double y0 = v.canvasY(r.yMax());
        double y1 = v.canvasY(r.yMin());
        gc.setGlobalAlpha(DENSITY_OPACITY);
        gc.drawImage(densityImage, x0, y0, x1 - x0, y1 - y0);
        gc.setGlobalAlpha(1);
    }

    /**
     * The key of the density overlay, in the plot's lower left corner: the colour ramp as the overlay shows it
     * (over white, at the overlay's opacity) with ratios q/p under it and what the two ends mean.
     */
    private void drawDensityKey(GraphicsContext gc, PlaneViewport v) {
        densityRampAt = null;
        if (!model.plane().showDensityProperty().get() || model.plane().densityProperty().get() == null) {
            return;
        }
        double pad = 8;
        double boxWidth = KEY_RAMP_WIDTH + 2 * pad;
        double boxHeight = 76;
        double x = v.left() + 6;
        double y = v.top() + v.height() - boxHeight - 6;
        if (boxWidth + 12 > v.width() || boxHeight + 12 > v.height()) {
            return; // too small to hold a key
        }
        gc.setFill(KEY_BACKGROUND);
        gc.fillRoundRect(x, y, boxWidth, boxHeight, 6, 6);
        gc.setStroke(Color.rgb(0, 0, 0, 0.35));
        gc.setLineWidth(1);
        gc.strokeRoundRect(x + 0.5, y + 0.5, boxWidth - 1, boxHeight - 1, 6, 6);

        gc.setFont(LEGEND_FONT);
        gc.setFill(TEXT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText("codes q against the prior p", x + pad, y + 4);

        double rampX = x + pad;
        double rampY = y + 22;
        double full = AggregatePosterior.FULL_COLOUR_LOG_RATIO;
        gc.setGlobalAlpha(DENSITY_OPACITY);
        for (int i = 0; i < KEY_RAMP_WIDTH; i++) {
            double logRatio = ((i + 0.5) / KEY_RAMP_WIDTH * 2 - 1) * full;
            int rgb = AggregatePosterior.ratioRgb(logRatio);
            gc.setFill(Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff));
            gc.fillRect(rampX + i, rampY, 1, KEY_RAMP_HEIGHT);
        }
        gc.setGlobalAlpha(1);
        gc.setStroke(Color.rgb(0, 0, 0, 0.45));
        gc.strokeRect(rampX - 0.5, rampY - 0.5, KEY_RAMP_WIDTH + 1, KEY_RAMP_HEIGHT + 1);
        densityRampAt = new double[] {rampX, rampY, KEY_RAMP_WIDTH, KEY_RAMP_HEIGHT};

        long end = Math.round(Math.exp(full));
        long middle = Math.round(Math.sqrt(end));
        double[] ratios = {1.0 / end, 1.0 / middle, 1, middle, end};
        String[] names = {"1/" + end, "1/" + middle, "1", Long.toString(middle), Long.toString(end)};
        gc.setFont(TICK_FONT);
        gc.setTextBaseline(VPos.TOP);
        gc.setStroke(Color.rgb(0, 0, 0, 0.45));
        for (int i = 0; i < ratios.length; i++) {
            double tx = rampX + (Math.log(ratios[i]) / full + 1) / 2 * KEY_RAMP_WIDTH;
            gc.strokeLine(Math.round(tx) + 0.5, rampY + KEY_RAMP_HEIGHT, Math.round(tx) + 0.5,
                    rampY + KEY_RAMP_HEIGHT + 3);
            gc.setTextAlign(i == 0 ? TextAlignment.LEFT : i == ratios.length - 1 ? TextAlignment.RIGHT
                    : TextAlignment.CENTER);
            double labelX = i == 0 ? rampX : i == ratios.length - 1 ? rampX + KEY_RAMP_WIDTH : tx;
            gc.setFill(TEXT);
            gc.fillText(names[i], labelX, rampY + KEY_RAMP_HEIGHT + 3);
        }
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(Color.rgb(33, 102, 172));
        gc.fillText("holes (few codes)", rampX, y + boxHeight - 18);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setFill(Color.rgb(178, 24, 43));
        gc.fillText("codes crowd", rampX + KEY_RAMP_WIDTH, y + boxHeight - 18);
    }

    /** The density key's colour ramp {x, y, width, height} on the canvas when last drawn, or null (for tests). */
    public double[] densityKeyRamp() {
        return densityRampAt == null ? null : densityRampAt.clone();
    }

    /** 1- and 2-sigma ellipses of the picked test images' posteriors, around a dot in their class colour. */
    private void drawEllipses(GraphicsContext gc, PlaneViewport v, LatentPoints points) {
        if (points == null || model.plane().ellipseImages().isEmpty()) {
            return;
        }
        for (int index : model.plane().ellipseImages()) {
            if (index < 0 || index >= points.count()) {
                continue;
            }
            Color colour = ClassColors.color(points.labels()[index] & 0xff);
            PosteriorEllipse[] rings = PosteriorEllipse.oneAndTwoSigma(points.mu(index), points.sigma(index),
                    points.pca());
            // white over a dark outline: a stroke in the class colour vanishes into the cluster it sits in
            strokeEllipse(gc, v, rings[1], DARK, 3.8);
            strokeEllipse(gc, v, rings[1], ELLIPSE_STROKE, 1.8);
            strokeEllipse(gc, v, rings[0], DARK, 4.5);
            strokeEllipse(gc, v, rings[0], ELLIPSE_STROKE, 2.2);
            double[] c = {v.canvasX(rings[0].centreX()), v.canvasY(rings[0].centreY())};
            gc.setFill(colour);
            gc.fillOval(c[0] - 4, c[1] - 4, 8, 8);
            gc.setStroke(DARK);
            gc.setLineWidth(1.5);
            gc.strokeOval(c[0] - 4, c[1] - 4, 8, 8);
        }
    }

    /** The drawing's posterior mean (a diamond) with its 1- and 2-sigma ellipses. */
    private void drawSketch(GraphicsContext gc, PlaneViewport v, LatentPoints points) {
        sketchMarkerAt = null;
        Posterior sketch = model.plane().sketchPosteriorProperty().get();
        if (sketch == null || (points != null && sketch.mu().length != points.dim())
                || (points == null && sketch.mu().length > 2)) {
            return;
        }
        PosteriorEllipse[] rings = PosteriorEllipse.oneAndTwoSigma(sketch.mu(), sketch.sigma(),
                points == null ? null : points.pca());
        strokeEllipse(gc, v, rings[0], Color.WHITE, 4);
        strokeEllipse(gc, v, rings[0], SKETCH_COLOR, 2);
        gc.setLineDashes(6, 4);
        strokeEllipse(gc, v, rings[1], SKETCH_COLOR, 1.5);
        gc.setLineDashes((double[]) null);
        double x = v.canvasX(rings[0].centreX());
        double y = v.canvasY(rings[0].centreY());
        double r = 7;
        double[] xs = {x, x + r, x, x - r};
        double[] ys = {y - r, y, y + r, y};
        gc.setFill(SKETCH_COLOR);
        gc.fillPolygon(xs, ys, 4);
        gc.setStroke(Color.WHITE);
        gc.setLineWidth(1.5);
        gc.strokePolygon(xs, ys, 4);
        sketchMarkerAt = new double[] {x, y};
    }

    private static void strokeEllipse(GraphicsContext gc, PlaneViewport v, PosteriorEllipse e, Color colour,
                                      double width) {
        double[] xy = e.points(ELLIPSE_POINTS);
        double[] xs = new double[ELLIPSE_POINTS];
        double[] ys = new double[ELLIPSE_POINTS];
        for (int i = 0; i < ELLIPSE_POINTS; i++) {
            xs[i] = v.canvasX(xy[2 * i]);
            ys[i] = v.canvasY(xy[2 * i + 1]);
        }
        gc.setStroke(colour);
        gc.setLineWidth(width);
        gc.strokePolygon(xs, ys, ELLIPSE_POINTS);
    }

    /** Canvas position of the drawing's marker when last drawn, or null (for tests). */
    public double[] sketchMarkerPosition() {
        return sketchMarkerAt == null ? null : sketchMarkerAt.clone();
    }

    /** Moves the marker node to the selected latent vector; hidden when there is none or it is out of view. */
    private void placeMarker() {
        float[] z = model.plane().selectedZProperty().get();
        LatentPoints points = model.plane().latentPointsProperty().get();
        double[] p = null;
        if (z != null && z.length > 0) {
            if (points != null && z.length == points.dim()) {
                p = points.toPlane(z);
            } else if (points == null && z.length <= 2) {
                p = new double[] {z[0], z.length > 1 ? z[1] : 0};
            } // else a vector of another model: no marker
        }
        PlaneViewport v = viewport;
        if (p == null || v.width() < 2 || v.height() < 2) {
            marker.setVisible(false);
            return;
        }
        double x = v.canvasX(p[0]);
        double y = v.canvasY(p[1]);
        boolean inside = x >= v.left() && x <= v.left() + v.width() && y >= v.top() && y <= v.top() + v.height();
        marker.setVisible(inside);
        marker.setLayoutX(canvas.getLayoutX() + x);
        marker.setLayoutY(canvas.getLayoutY() + y);
    }

    /** A ring with four ticks, white over a dark outline so it shows on any colour; centred on (0, 0). */
    private static javafx.scene.Group markerNode() {
        javafx.scene.Group group = new javafx.scene.Group();
        for (int layer = 0; layer < 2; layer++) {
            Color colour = layer == 0 ? DARK : Color.WHITE;
            double width = layer == 0 ? 4.5 : 2;
            double r = 8;
            javafx.scene.shape.Circle ring = new javafx.scene.shape.Circle(0, 0, r, null);
            ring.setStroke(colour);
            ring.setStrokeWidth(width);
            group.getChildren().add(ring);
            double[][] ticks = {{-r - 6, 0, -r + 3, 0}, {r - 3, 0, r + 6, 0}, {0, -r - 6, 0, -r + 3}, {0, r - 3, 0, r + 6}};
            for (double[] t : ticks) {
                javafx.scene.shape.Line line = new javafx.scene.shape.Line(t[0], t[1], t[2], t[3]);
                line.setStroke(colour);
                line.setStrokeWidth(width);
                group.getChildren().add(line);
            }
        }
        return group;
    }

    private static void drawAxes(GraphicsContext gc, PlaneViewport v, LatentPoints points, double[] xTicks,
                                 double[] yTicks, double canvasHeight) {
        gc.setFill(TEXT);
        gc.setFont(TICK_FONT);
        int xDecimals = xTicks.length > 1 ? PlaneViewport.decimalsFor(xTicks[1] - xTicks[0]) : 2;
        int yDecimals = yTicks.length > 1 ? PlaneViewport.decimalsFor(yTicks[1] - yTicks[0]) : 2;
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        double bottom = v.top() + v.height();
        for (double t : xTicks) {
            gc.fillText(format(t, xDecimals), v.canvasX(t), bottom + 4);
        }
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (double t : yTicks) {
            gc.fillText(format(t, yDecimals), v.left() - 5, v.canvasY(t));
        }
        String xTitle = points != null ? points.xAxisLabel() : "z1";
        String yTitle = points != null ? points.yAxisLabel() : "z2";
        gc.setFont(TITLE_FONT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.BOTTOM);
        gc.fillText(xTitle, v.left() + v.width() / 2, canvasHeight - 4);
        gc.save();
        gc.translate(14, v.top() + v.height() / 2);
        gc.rotate(-90);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(yTitle, 0, 0);
        gc.restore();
    }

    private static String format(double value, int decimals) {
        if (decimals == 0) {
            return Long.toString(Math.round(value));
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
    }

    private void drawLegend(GraphicsContext gc, PlaneViewport v) {
        List<String> names = model.workspace().classNames();
        if (names.isEmpty()) {
            return;
        }
        if (legendWidth < 0) {
            Text probe = new Text();
            probe.setFont(LEGEND_FONT);
            double widest = 0;
            for (String name : names) {
                probe.setText(name);
                widest = Math.max(widest, probe.getLayoutBounds().getWidth());
            }
            legendWidth = Math.ceil(widest) + 30;
        }
        double rowHeight = 15;
        double boxHeight = names.size() * rowHeight + 8;
        double x = v.left() + v.width() - legendWidth - 6;
        double y = v.top() + 6;
        if (x < v.left() || boxHeight > v.height() - 12) {
            return; // too small to hold a legend
        }
        gc.setFill(Color.rgb(255, 255, 255, 0.85));
        gc.fillRoundRect(x, y, legendWidth, boxHeight, 6, 6);
        gc.setStroke(Color.rgb(0, 0, 0, 0.25));
        gc.setLineWidth(1);
        gc.strokeRoundRect(x + 0.5, y + 0.5, legendWidth - 1, boxHeight - 1, 6, 6);
        gc.setFont(LEGEND_FONT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < names.size(); i++) {
            double rowY = y + 4 + i * rowHeight + rowHeight / 2;
            gc.setFill(ClassColors.color(i));
            gc.fillRect(x + 7, rowY - 5, 10, 10);
            gc.setFill(TEXT);
            gc.fillText(names.get(i), x + 23, rowY);
        }
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
