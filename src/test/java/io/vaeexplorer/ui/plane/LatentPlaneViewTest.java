package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.TorchDefaultInit;
import io.vaeexplorer.engine.VaeBlock;
import io.vaeexplorer.engine.WeightCopier;
import io.vaeexplorer.explore.PosteriorEllipse;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.fx.ClassColors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The latent plane on a real FX thread: real MNIST test set (10,000 points), a real inference worker and a tiny
 * untrained network whose latent heads are scaled up so the codes spread over a few units, as a trained model's do.
 */
@ExtendWith(ApplicationExtension.class)
class LatentPlaneViewTest {

    private static Checkpoint checkpoint;

    @TempDir
    Path temp;

    private Stage stage;
    private AppViewModel model;
    private LatentPlaneView view;
    private final RedrawTimes redraws = new RedrawTimes();

    @BeforeAll
    static void tinyModel() {
        DjlRuntime.configure();
        ModelConfig config = ModelConfig.mlp(2, List.of(16));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock block = new VaeBlock(config);
            block.initializeFor(manager);
            TorchDefaultInit.apply(block, 5);
            WeightSnapshot raw = WeightCopier.snapshot(block, 1, 0);
            // the mu and logvar heads (2 x 16 weights, 2 biases): x15, so the codes spread like a trained model's
            List<NamedWeight> weights = new ArrayList<>();
            for (NamedWeight w : raw.weights()) {
                float[] values = w.values().clone();
                if (w.shape()[0] == 2) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] *= 15f;
                    }
                }
                weights.add(new NamedWeight(w.name(), w.shape(), values));
            }
            checkpoint = new Checkpoint(new WeightSnapshot(config, 1, 0, weights), TrainingConfig.defaults(),
                    List.of(), "cpu", "test");
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json")));
        view = new LatentPlaneView(model.plane());
        view.setRedrawProbe(redraws);
        stage.setScene(new Scene(view, 600, 500));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
        model.openDataset(Path.of("assets", "mnist"));
        model.useCheckpoint(checkpoint);
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            stage.close();
            model.close();
            return null;
        });
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** Waits for the 10k points, the first decode, and a redraw that shows them. */
    private LatentPoints awaitPoints() throws Exception {
        waitFor(60, () -> model.plane().latentPointsProperty().get() != null && model.plane().decodedImageProperty().get() != null);
        awaitRedraw();
        return fx(() -> model.plane().latentPointsProperty().get());
    }

    /** Waits until the coalesced redraw and the region's hand-over to the model have run. */
    private void awaitRedraw() throws Exception {
        waitFor(30, () -> !view.updatePending());
    }

    private WritableImage snapshot() throws Exception {
        return fx(() -> {
            view.redrawNow();
            return view.snapshot(null, null); // the canvas and the marker node over it
        });
    }

    private Point2D screen(double canvasX, double canvasY) throws Exception {
        return fx(() -> view.canvas().localToScreen(canvasX, canvasY));
    }

    private static boolean near(Color c, int argb, double tolerance) {
        return Math.abs(c.getRed() * 255 - ((argb >> 16) & 0xff)) <= tolerance
                && Math.abs(c.getGreen() * 255 - ((argb >> 8) & 0xff)) <= tolerance
                && Math.abs(c.getBlue() * 255 - (argb & 0xff)) <= tolerance;
    }

    /** A canvas position inside the plot, left of the legend, a fraction of the way across and down. */
    private double[] plotPoint(double fx, double fy) throws Exception {
        PlaneViewport v = fx(view::viewport);
        return new double[] {Math.round(v.left() + fx * (v.width() - 140)), Math.round(v.top() + fy * v.height())};
    }

    // ---------------------------------------------------------------- tests

    @Test
    void allTestPointsAreDrawnInTheirClassColours() throws Exception {
        LatentPoints points = awaitPoints();
        assertEquals(10_000, points.count());
        WritableImage image = snapshot();
        PlaneViewport v = fx(view::viewport);
        PixelReader reader = image.getPixelReader();
        int[] perClass = new int[10];
        // the plot left of the legend box (which shows the colours too)
        for (int y = (int) v.top() + 1; y < v.top() + v.height() - 1; y++) {
            for (int x = (int) v.left() + 1; x < v.left() + v.width() - 150; x++) {
                Color c = reader.getColor(x, y);
                for (int k = 0; k < 10; k++) {
                    if (near(c, ClassColors.argb(k), 2)) {
                        perClass[k]++;
                    }
                }
            }
        }
        for (int k = 0; k < 10; k++) {
            assertTrue(perClass[k] > 100, "class " + k + " has only " + perClass[k] + " pixels: "
                    + Arrays.toString(perClass));
        }
        // a point drawn last at its place keeps its colour at its canvas position
        int last = points.count() - 1;
        double[] c = fx(() -> view.toCanvas(points.xy()[2 * last], points.xy()[2 * last + 1]));
        if (v.contains(c[0], c[1]) && c[0] < v.left() + v.width() - 150) {
            assertTrue(near(reader.getColor((int) c[0], (int) c[1]), ClassColors.argb(points.labels()[last]), 2),
                    "the last point's pixel is " + reader.getColor((int) c[0], (int) c[1]));
        }
        // the legend names the ten classes
        assertEquals(10, fx(() -> model.workspace().classNames().size()));
    }

    @Test
    void aClickDecodesThereAndADragMovesTheMarker(FxRobot robot) throws Exception {
        awaitPoints();
        Raster firstDecode = fx(() -> model.plane().decodedImageProperty().get());
        double[] a = plotPoint(0.3, 0.3);
        double[] planeA = fx(() -> view.toPlane(a[0], a[1]));
        robot.clickOn(screen(a[0], a[1]), MouseButton.PRIMARY);
        waitFor(30, () -> {
            float[] z = model.plane().selectedZProperty().get();
            return z != null && Math.abs(z[0] - planeA[0]) < 0.05 && Math.abs(z[1] - planeA[1]) < 0.05;
        });
        waitFor(30, () -> model.plane().decodedImageProperty().get() != firstDecode);
        assertFalse(Arrays.equals(firstDecode.pixels(), fx(() -> model.plane().decodedImageProperty().get()).pixels()),
                "the decode did not change with the click");
        assertTrue(darkPixelsAround(snapshot(), a) > 20, "no marker at the click");

        double[] b = plotPoint(0.7, 0.6);
        double[] planeB = fx(() -> view.toPlane(b[0], b[1]));
        Raster clickDecode = fx(() -> model.plane().decodedImageProperty().get());
        robot.drag(screen(a[0], a[1]), MouseButton.PRIMARY).moveTo(screen(b[0], b[1])).drop();
        waitFor(30, () -> {
            float[] z = model.plane().selectedZProperty().get();
            return Math.abs(z[0] - planeB[0]) < 0.05 && Math.abs(z[1] - planeB[1]) < 0.05;
        });
        waitFor(30, () -> model.plane().decodedImageProperty().get() != clickDecode);
        WritableImage after = snapshot();
        assertTrue(darkPixelsAround(after, b) > 20, "the marker did not follow the drag");
        assertTrue(darkPixelsAround(after, a) < darkPixelsAround(after, b), "the marker stayed at the click");
    }

    /** Near-black pixels (the marker's outline) within 12 px of a canvas point. */
    private static int darkPixelsAround(WritableImage image, double[] at) {
        PixelReader reader = image.getPixelReader();
        int n = 0;
        for (int y = (int) at[1] - 12; y <= at[1] + 12; y++) {
            for (int x = (int) at[0] - 12; x <= at[0] + 12; x++) {
                Color c = reader.getColor(x, y);
                if (c.getRed() < 0.3 && c.getGreen() < 0.3 && c.getBlue() < 0.3) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theWheelZoomsAroundTheCursorAndRightDragPansAndDoubleClickFits(FxRobot robot) throws Exception {
        awaitPoints();
        PlaneViewport fitted = fx(view::viewport);
        double[] p = plotPoint(0.4, 0.5);
        double[] under = fx(() -> view.toPlane(p[0], p[1]));
        double[] corner = fx(() -> view.toPlane(fitted.left() + 5, fitted.top() + 5));
        robot.moveTo(screen(p[0], p[1]));
        robot.scroll(3, VerticalDirection.UP);
        waitFor(30, () -> view.viewport().scale() != fitted.scale());
        PlaneViewport zoomed = fx(view::viewport);
        double[] underAfter = fx(() -> view.toPlane(p[0], p[1]));
        double[] cornerAfter = fx(() -> view.toPlane(fitted.left() + 5, fitted.top() + 5));
        assertEquals(under[0], underAfter[0], 1e-6, "the point under the cursor moved");
        assertEquals(under[1], underAfter[1], 1e-6, "the point under the cursor moved");
        assertNotEquals(corner[0], cornerAfter[0], 1e-3);
        assertNotEquals(corner[1], cornerAfter[1], 1e-3);
        // the manifold region follows the visible region once the view rests
        waitFor(30, () -> view.viewport().visibleRegion().equals(model.plane().manifoldRegionProperty().get()));

        robot.drag(screen(p[0], p[1]), MouseButton.SECONDARY).moveTo(screen(p[0] + 40, p[1] + 20)).drop();
        waitFor(30, () -> view.viewport().centerX() != zoomed.centerX());
        PlaneViewport panned = fx(view::viewport);
        assertEquals(zoomed.scale(), panned.scale(), 1e-12);
        assertEquals(-40 / zoomed.scale(), panned.centerX() - zoomed.centerX(), 1e-6);
        assertEquals(20 / zoomed.scale(), panned.centerY() - zoomed.centerY(), 1e-6);

        robot.moveTo(screen(p[0], p[1])).doubleClickOn(MouseButton.SECONDARY);
        waitFor(30, () -> view.viewport().equals(fitted));
    }

    @Test
    void hoverShowsTheNearestTestImageAndLeavingHidesIt(FxRobot robot) throws Exception {
        LatentPoints points = awaitPoints();
        int target = 4321;
        double[] c = fx(() -> view.toCanvas(points.xy()[2 * target], points.xy()[2 * target + 1]));
        assertTrue(fx(() -> view.viewport().contains(c[0], c[1])), "test point off the plot");
        // whole screen pixels, so that the cursor is exactly where the test thinks it is
        Point2D at = screen(c[0], c[1]);
        Point2D cursor = new Point2D(Math.round(at.getX()), Math.round(at.getY()));
        robot.moveTo(cursor);
        waitFor(30, () -> view.lookup("#plane-preview").isVisible());
        int shown = fx(view::hoveredIndex);
        Point2D local = fx(() -> view.canvas().screenToLocal(cursor));
        int nearest = fx(() -> model.plane().nearestTestImage(view.toPlane(local.getX(), local.getY())[0],
                view.toPlane(local.getX(), local.getY())[1]));
        assertEquals(nearest, shown, "the preview is not the image nearest to the cursor");
        double[] s = fx(() -> view.toCanvas(points.xy()[2 * shown], points.xy()[2 * shown + 1]));
        assertTrue(Math.hypot(s[0] - c[0], s[1] - c[1]) <= 2, "shown point " + shown + " is far from the cursor");
        String name = fx(() -> model.workspace().classNames().get(points.labels()[shown]));
        Label label = (Label) view.lookup("#plane-preview-label");
        assertTrue(label.getText().startsWith(name), label.getText() + " does not name class " + name);
        ImageView image = (ImageView) view.lookup("#plane-preview-image");
        assertNotNull(image.getImage());
        assertEquals(28, image.getImage().getWidth());
        Raster expected = fx(() -> model.plane().testImage(shown));
        PixelReader shownPixels = image.getImage().getPixelReader();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(expected.get(x, y), (int) Math.round(shownPixels.getColor(x, y).getRed() * 255),
                        "preview pixel " + x + "," + y + " is not test image " + shown);
            }
        }
        assertEquals(HoverPreview.SIZE, image.getFitWidth());

        Point2D outside = fx(() -> new Point2D(stage.getX() + stage.getWidth() + 30, stage.getY() + 100));
        robot.moveTo(outside);
        waitFor(30, () -> !view.lookup("#plane-preview").isVisible() && view.hoveredIndex() < 0);
    }

    @Test
    void theManifoldCoversTheVisibleRegionBehindThePoints() throws Exception {
        awaitPoints();
        WritableImage before = snapshot();
        fx(() -> {
            model.plane().showManifoldProperty().set(true);
            return null;
        });
        PlaneRegion visible = fx(() -> view.viewport().visibleRegion());
        waitFor(30, () -> visible.equals(model.plane().manifoldRegionProperty().get()));
        waitFor(30, () -> {
            ManifoldImage m = model.plane().manifoldProperty().get();
            return m != null && visible.equals(m.region());
        });
        WritableImage after = snapshot();
        PlaneViewport v = fx(view::viewport);
        int changedBackground = 0;
        int background = 0;
        int pointPixelsKept = 0;
        int pointPixels = 0;
        for (int y = (int) v.top() + 2; y < v.top() + v.height() - 2; y += 2) {
            for (int x = (int) v.left() + 2; x < v.left() + v.width() - 150; x += 2) {
                Color b = before.getPixelReader().getColor(x, y);
                Color a = after.getPixelReader().getColor(x, y);
                if (b.equals(Color.WHITE)) {
                    background++;
                    if (!a.equals(Color.WHITE)) {
                        changedBackground++;
                    }
                } else if (b.getSaturation() > 0.3) {
                    pointPixels++;
                    if (a.equals(b)) {
                        pointPixelsKept++;
                    }
                }
            }
        }
        assertTrue(background > 1000, "too little background to compare: " + background);
        assertTrue(changedBackground > 0.9 * background,
                "the manifold covers only " + changedBackground + " of " + background + " background pixels");
        assertTrue(pointPixelsKept > 0.9 * pointPixels,
                "points are not drawn on top: " + pointPixelsKept + " of " + pointPixels + " unchanged");
    }

    @Test
    void changesInOnePulseGiveOneRedrawAndThePathIsDrawn() throws Exception {
        awaitPoints();
        awaitPublishedPath();
        // nothing else on its way that could redraw: both workers have answered, the view has drawn
        waitFor(30, () -> !view.updatePending() && model.inferenceIdle());
        double[] path = {-2, -2, 0, 1, 2, 2};
        // the redraws of the first pulse after the changes; later ones (the decode of the new point arriving, say)
        // come from later events
        AtomicLong afterPulse = new AtomicLong(-1);
        long[] counts = fx(() -> {
            long before = redraws.count();
            view.setViewport(view.viewport().panned(3, 0));
            view.setViewport(view.viewport().panned(3, 0));
            model.plane().interpolationPathProperty().set(path);
            model.plane().selectedZProperty().set(new float[] {1, -1});
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                afterPulse.set(redraws.count());
                view.getScene().removePostLayoutPulseListener(once[0]);
            };
            view.getScene().addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
            return new long[] {before, redraws.count()};
        });
        assertEquals(counts[0], counts[1], "drawn at once instead of at the next pulse");
        waitFor(30, () -> afterPulse.get() >= 0);
        assertEquals(counts[0] + 1, afterPulse.get(), "several changes were not coalesced into one redraw");
        awaitRedraw();
        WritableImage image = snapshot();
        double[] mid = fx(() -> view.toCanvas(-1, -0.5)); // half way from A to the middle point
        int yellow = 0;
        for (int y = (int) mid[1] - 3; y <= mid[1] + 3; y++) {
            for (int x = (int) mid[0] - 3; x <= mid[0] + 3; x++) {
                if (near(image.getPixelReader().getColor(x, y), 0xffc800, 40)) {
                    yellow++;
                }
            }
        }
        assertTrue(yellow > 0, "no path drawn between A and the middle point");
    }

    @Test
    void theDensityOverlayHasAKeyFromBlueThroughWhiteToRedOnAnOpaqueBox() throws Exception {
        awaitPoints();
        assertNull(fx(view::densityKeyRamp), "no key without the overlay");
        fx(() -> {
            model.plane().showDensityProperty().set(true);
            return null;
        });
        waitFor(60, () -> model.plane().densityProperty().get() != null && !view.updatePending());
        WritableImage image = snapshot();
        double[] ramp = fx(view::densityKeyRamp);
        assertNotNull(ramp, "the overlay is shown with its key");
        PlaneViewport v = fx(view::viewport);
        assertTrue(v.contains(ramp[0], ramp[1]) && v.contains(ramp[0] + ramp[2], ramp[1] + ramp[3]),
                "the key lies on the plot");
        PixelReader pixels = image.getPixelReader();
        int y = (int) (ramp[1] + ramp[3] / 2);
        Color low = pixels.getColor((int) ramp[0] + 1, y);
        Color middle = pixels.getColor((int) (ramp[0] + ramp[2] / 2), y);
        Color high = pixels.getColor((int) (ramp[0] + ramp[2]) - 2, y);
        assertTrue(low.getBlue() > low.getRed() + 0.25, "the ramp starts blue (q/p below 1): " + low);
        assertTrue(high.getRed() > high.getBlue() + 0.25, "the ramp ends red (q/p above 1): " + high);
        assertTrue(middle.getRed() > 0.85 && middle.getGreen() > 0.85 && middle.getBlue() > 0.85,
                "q/p = 1 in the middle is near white: " + middle);
        // the box under the text hides the points and densities beneath it, so the labels read on any plane
        for (int x = (int) ramp[0]; x < ramp[0] + ramp[2]; x++) {
            for (int row : new int[] {(int) ramp[1] - 3, (int) (ramp[1] + ramp[3]) + 18}) {
                Color c = pixels.getColor(x, row);
                assertTrue(isGreyOrWhite(c), "the key's box shows something else at (" + x + ", " + row + "): " + c);
            }
        }

        fx(() -> {
            model.plane().showDensityProperty().set(false);
            return null;
        });
        awaitRedraw();
        snapshot();
        assertNull(fx(view::densityKeyRamp), "the key goes with the overlay");
    }

    /** Text in grey on white, anti-aliased: no saturated colour of a class or of the overlay. */
    private static boolean isGreyOrWhite(Color c) {
        double spread = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()))
                - Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
        return spread < 0.12;
    }

    @Test
    void posteriorEllipsesAreWhiteOverADarkOutlineNotTheColourOfTheirCluster() throws Exception {
        LatentPoints points = awaitPoints();
        PlaneViewport v = fx(view::viewport);
        // an image whose 1-sigma ellipse is big enough to look at and lies on the plot
        int picked = -1;
        PosteriorEllipse[] rings = null;
        for (int i = 0; i < points.count() && picked < 0; i++) {
            PosteriorEllipse[] r = PosteriorEllipse.oneAndTwoSigma(points.mu(i), points.sigma(i), points.pca());
            double[] b = r[1].bounds();
            double minor = r[0].semiMinor() * v.scale();
            if (minor >= 6 && minor <= 40 && v.contains(v.canvasX(b[0]), v.canvasY(b[3]))
                    && v.contains(v.canvasX(b[1]), v.canvasY(b[2]))) {
                picked = i;
                rings = r;
            }
        }
        assertTrue(picked >= 0, "no test image with an ellipse of a useful size");
        int index = picked;
        fx(() -> {
            model.plane().ellipseImages().add(index);
            return null;
        });
        awaitRedraw();
        PixelReader pixels = snapshot().getPixelReader();
        Color classColour = ClassColors.color(points.labels()[index] & 0xff);
        for (int ring = 0; ring < 2; ring++) {
            double[] xy = rings[ring].points(72);
            int white = 0;
            int darkAround = 0;
            for (int k = 0; k < 72; k++) {
                double cx = v.canvasX(xy[2 * k]);
                double cy = v.canvasY(xy[2 * k + 1]);
                double cxCentre = v.canvasX(rings[ring].centreX());
                double cyCentre = v.canvasY(rings[ring].centreY());
                double d = Math.hypot(cx - cxCentre, cy - cyCentre);
                // the brightest pixel across the stroke (a thin line is spread over two pixels)
                Color on = Color.BLACK;
                for (double step = -1; step <= 1; step += 0.5) {
                    Color c = pixels.getColor((int) Math.round(cx + step * (cx - cxCentre) / d),
                            (int) Math.round(cy + step * (cy - cyCentre) / d));
                    on = c.getBrightness() > on.getBrightness() ? c : on;
                }
                if (on.getBrightness() > 0.8 && on.getSaturation() < 0.25 && !near(classColour, argb(on), 60)) {
                    white++;
                }
                // outward from the centre, just past the bright stroke: the dark outline
                double darkest = 1;
                for (double step = 1; step <= 3; step += 0.5) {
                    darkest = Math.min(darkest, pixels.getColor((int) Math.round(cx + step * (cx - cxCentre) / d),
                            (int) Math.round(cy + step * (cy - cyCentre) / d)).getBrightness());
                }
                if (darkest < 0.45) {
                    darkAround++;
                }
            }
            assertTrue(white > 0.8 * 72, "ring " + (ring + 1) + ": only " + white + " of 72 points are bright");
            assertTrue(darkAround > 0.6 * 72, "ring " + (ring + 1) + ": only " + darkAround + " of 72 outlined");
        }
    }

    private static int argb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    /**
     * The Interpolation tab publishes its own path when its strip is decoded, in the background: waits until it has
     * stopped changing, so that it cannot replace a path a test sets (or add a redraw to one it counts).
     */
    private void awaitPublishedPath() throws Exception {
        Object published = new Object();
        for (int quiet = 0; quiet < 4; ) {
            Object now = fx(() -> model.plane().interpolationPathProperty().get());
            quiet = now == published ? quiet + 1 : 0;
            published = now;
            Thread.sleep(500);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    void theInterpolationPathHasADotAtTheSlidersTThatMovesWithIt() throws Exception {
        awaitPoints();
        awaitPublishedPath();
        double[] path = {-2, -2, 0, 1, 2, 2};
        fx(() -> {
            model.plane().interpolationTProperty().set(0.25);
            model.plane().interpolationPathProperty().set(path);
            return null;
        });
        awaitRedraw();
        PixelReader pixels = snapshot().getPixelReader();
        double[] quarter = fx(() -> view.toCanvas(-1, -0.5));
        assertArrayEquals(quarter, fx(view::pathCursorPosition), 1e-9, "t = 0.25: half way to the middle step");
        assertTrue(pixels.getColor((int) quarter[0], (int) quarter[1]).getBrightness() < 0.3, "dark centre");
        assertTrue(pixels.getColor((int) quarter[0] + 4, (int) quarter[1]).getBrightness() > 0.9, "white ring");

        fx(() -> {
            model.plane().interpolationTProperty().set(0.75);
            return null;
        });
        awaitRedraw();
        double[] threeQuarters = fx(() -> view.toCanvas(1, 1.5));
        assertArrayEquals(threeQuarters, fx(view::pathCursorPosition), 1e-9, "the dot follows t");

        fx(() -> {
            model.plane().interpolationPathProperty().set(null);
            return null;
        });
        awaitRedraw();
        assertNull(fx(view::pathCursorPosition), "no path, no dot");
    }

    /** How long the redraws take is measured by {@link ResponsivenessBenchmark}; here, that each one is kept. */
    @Test
    void everyFullRedrawOfTheTenThousandPointsIsCountedAndTimed() throws Exception {
        LatentPoints points = awaitPoints();
        assertEquals(10_000, points.count());
        // layers finished in the background (the density, the thumbnails' atlas) may still ask for a redraw: wait
        // until none has come for half a second, so every redraw counted below is one of the loop's
        long settled = -1;
        while (settled != redraws.count()) {
            settled = redraws.count();
            Thread.sleep(500);
            WaitForAsyncUtils.waitForFxEvents();
        }
        long before = redraws.count();
        int count = 40;
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int step = i;
            times.add(fx(() -> {
                // a pan forces the points into the buffer again: a full redraw, done now instead of at the pulse
                view.setViewport(view.viewport().panned(step % 2 == 0 ? 2 : -2, 1 - 2 * (step % 2)));
                view.redrawNow();
                return redraws.lastMillis();
            }));
        }
        awaitRedraw();
        assertEquals(before + count, redraws.count(), "a redraw done now must not leave one for the pulse");
        List<Double> kept = redraws.millis();
        assertTrue(kept.size() >= count);
        assertEquals(times, kept.subList(kept.size() - count, kept.size()));
        assertTrue(times.stream().allMatch(ms -> ms > 0), "redraw times " + times);
    }
}
