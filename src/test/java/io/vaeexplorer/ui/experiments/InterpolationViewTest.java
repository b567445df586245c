package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.awaitNewRaster;
import static io.vaeexplorer.ui.ExperimentFixture.decodeImage;
import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.maxDifference;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.fx.RasterView;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class InterpolationViewTest {

    private static WeightSnapshot weights;

    private static Dataset mnist;

    private ExperimentTestbed bed;
    private InterpolationViewModel interpolation;
    private InterpolationView view;
    private LabeledImages test;
    private InferenceModel direct;
    private Stage stage;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        bed = new ExperimentTestbed(Platform::runLater).open(mnist, weights);
        interpolation = bed.interpolation();
        view = new InterpolationView(interpolation);
        stage.setScene(new Scene(view, 900, 700));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @BeforeEach
    void firstDecodeShown() {
        test = mnist.test();
        direct = new InferenceModel(weights, ComputeDevice.cpu());
        waitUntil("the first decode and strip", () -> interpolation.interpolatedImageProperty().get() != null
                && interpolation.stripProperty().get() != null);
    }

    @AfterEach
    void closeDirectModel() {
        direct.close();
    }

    @Stop
    void stop() {
        bed.close();
    }

    @Test
    void draggingTheSliderDecodesWhileDraggingAndTheEndsAreTheDecodesOfTheMeans(FxRobot robot) {
        Raster atA = decodeImage(direct, direct.encode(test.image(0), 1)[0]);
        Raster atB = decodeImage(direct, direct.encode(test.image(1), 1)[0]);
        assertTrue(maxDifference(atA, atB) > 5, "the test needs ends that look different");
        assertTrue(maxDifference(atA, fx(() -> interpolation.interpolatedImageProperty().get())) <= 1, "t = 0 is A");

        Slider slider = robot.lookup("#interp-slider").queryAs(Slider.class);
        Node thumb = robot.from(slider).lookup(".thumb").query();
        Bounds track = fx(() -> slider.localToScreen(slider.getBoundsInLocal()));
        long answered = fx(interpolation::interpolationAnswers);

        robot.drag(thumb, MouseButton.PRIMARY).moveBy(track.getWidth() / 3, 0);
        // still pressed: the decode follows the thumb before it is released
        waitUntil("a decode while dragging", () -> interpolation.interpolationAnswers() > answered
                && interpolation.tProperty().get() > 0.1
                && maxDifference(interpolation.interpolatedImageProperty().get(), atA) > 1);
        robot.moveBy(track.getWidth() / 3, 0);
        double midway = fx(() -> interpolation.tProperty().get());
        assertTrue(midway > 0.4 && midway < 0.9, "t = " + midway);
        robot.moveTo(new Point2D(track.getMaxX() + 40, track.getCenterY())).drop();

        assertEquals(1.0, fx(() -> interpolation.tProperty().get()), 1e-9);
        waitUntil("t = 1 decodes mu_B", () -> maxDifference(interpolation.interpolatedImageProperty().get(), atB) <= 1);

        robot.drag(thumb, MouseButton.PRIMARY).moveTo(new Point2D(track.getMinX() - 40, track.getCenterY())).drop();
        assertEquals(0.0, fx(() -> interpolation.tProperty().get()), 1e-9);
        waitUntil("t = 0 decodes mu_A", () -> maxDifference(interpolation.interpolatedImageProperty().get(), atA) <= 1);
    }

    @Test
    void theImageAndTheStripFillAShortViewAndRefitWhenItGrows(FxRobot robot) {
        Raster strip = fx(() -> interpolation.stripProperty().get());
        RasterView shownStrip = robot.lookup("#interp-strip").queryAs(RasterView.class);
        RasterView shownImage = robot.lookup("#interp-image").queryAs(RasterView.class);
        // as short as the experiments get under the plane in the window
        robot.interact(() -> {
            stage.setWidth(900);
            stage.setHeight(330);
        });
        waitUntil("a layout at the short size", () -> view.getHeight() < 340 && !view.isNeedsLayout());
        double shortStrip = fx(() -> shownStrip.imageView().getFitWidth());
        double shortImage = fx(() -> shownImage.imageView().getFitWidth());
        assertTrue(shortStrip >= 2 * strip.width(), "the strip is enlarged: " + shortStrip + " px for "
                + strip.width());
        assertTrue(shortImage >= 4 * ExperimentFixture.COLS, "the image at t is enlarged: " + shortImage + " px");
        double stripHeight = fx(() -> shownStrip.imageView().getFitHeight());
        assertTrue(stripHeight <= fx(shownStrip::getHeight) && shortStrip <= fx(shownStrip::getWidth),
                "the strip fits its part");

        robot.interact(() -> {
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        waitUntil("a layout at the large size", () -> view.getHeight() > 800 && !view.isNeedsLayout());
        double largeStrip = fx(() -> shownStrip.imageView().getFitWidth());
        double largeImage = fx(() -> shownImage.imageView().getFitWidth());
        assertTrue(largeStrip > shortStrip, "the strip grows with the view: " + shortStrip + " -> " + largeStrip);
        assertTrue(largeImage > shortImage, "the image grows with the view: " + shortImage + " -> " + largeImage);
        assertEquals(0, largeStrip % strip.width(), "a whole number of screen pixels per pixel");
    }

    @Test
    void theStripHasOneTilePerStepAndThePlaneGetsOnePointPerStep(FxRobot robot) {
        Raster strip = fx(() -> interpolation.stripProperty().get());
        assertEquals(tiledSize(10), strip.width());
        assertEquals(tiledSize(1), strip.height());
        RasterView shown = robot.lookup("#interp-strip").queryAs(RasterView.class);
        assertEquals(strip.width(), shown.imageView().getImage().getWidth());
        waitUntil("the path", () -> bed.interpolationPath().get() != null);
        assertEquals(20, fx(() -> bed.interpolationPath().get()).length);

        for (int i = 0; i < 4; i++) {
            robot.clickOn("#interp-steps .decrement-arrow-button");
        }
        assertEquals(6, fx(() -> interpolation.stripStepsProperty().get()));
        Raster shorter = awaitNewRaster("a 6-step strip", () -> interpolation.stripProperty().get(),
                strip);
        assertEquals(tiledSize(6), shorter.width());
        waitUntil("a 6-point path", () -> bed.interpolationPath().get().length == 12);
    }

    @Test
    void theCheckBoxesSwitchToFixedNoiseAndTheArc(FxRobot robot) {
        Raster meanOnly = fx(() -> interpolation.interpolatedImageProperty().get());
        robot.clickOn("#interp-fixed-eps");
        assertTrue(fx(() -> interpolation.fixedEpsProperty().get()));
        Raster noisy = awaitNewRaster("a noisy decode", () -> interpolation.interpolatedImageProperty().get(),
                meanOnly);
        robot.clickOn("#interp-spherical");
        assertTrue(fx(() -> interpolation.sphericalProperty().get()));
        // at t = 0 the arc and the line meet: the same noisy decode comes back
        robot.sleep(3 * ExperimentJobs.SNAPSHOT_SETTLE_MILLIS);
        waitUntil("the decodes are done", bed.jobs()::isIdle);
        assertTrue(maxDifference(noisy, fx(() -> interpolation.interpolatedImageProperty().get())) <= 1);
        assertFalse(ExperimentFixture.samePixels(meanOnly, noisy));
    }
}
