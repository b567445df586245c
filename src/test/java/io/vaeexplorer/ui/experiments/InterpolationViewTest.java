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
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExperimentFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class InterpolationViewTest {

    private static WeightSnapshot weights;

    @TempDir
    Path tempDir;

    private AppViewModel model;
    private ExperimentsViewModel experiments;
    private InterpolationView view;
    private LabeledImages test;
    private InferenceModel direct;
    private Stage stage;

    @BeforeAll
    static void untrainedModel() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = ExperimentFixture.explorerWithMnist(tempDir, weights);
        experiments = new ExperimentsViewModel(model);
        view = new InterpolationView(experiments);
        stage.setScene(new Scene(view, 900, 700));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @BeforeEach
    void firstDecodeShown() {
        ExperimentFixture.awaitDataset(model);
        test = fx(() -> model.workspace().datasetProperty().get().test());
        direct = new InferenceModel(weights, ComputeDevice.cpu());
        waitUntil("the first decode and strip", () -> experiments.interpolatedImageProperty().get() != null
                && experiments.interpolationStripProperty().get() != null);
    }

    @AfterEach
    void closeDirectModel() {
        direct.close();
    }

    @Stop
    void stop() {
        model.close();
    }

    @Test
    void draggingTheSliderDecodesWhileDraggingAndTheEndsAreTheDecodesOfTheMeans(FxRobot robot) {
        GreyRaster atA = decodeImage(direct, direct.encode(test.image(0), 1)[0]);
        GreyRaster atB = decodeImage(direct, direct.encode(test.image(1), 1)[0]);
        assertTrue(maxDifference(atA, atB) > 5, "the test needs ends that look different");
        assertTrue(maxDifference(atA, fx(() -> experiments.interpolatedImageProperty().get())) <= 1, "t = 0 is A");

        Slider slider = robot.lookup("#interp-slider").queryAs(Slider.class);
        Node thumb = robot.from(slider).lookup(".thumb").query();
        Bounds track = fx(() -> slider.localToScreen(slider.getBoundsInLocal()));
        long answered = fx(experiments::interpolationAnswers);

        robot.drag(thumb, MouseButton.PRIMARY).moveBy(track.getWidth() / 3, 0);
        // still pressed: the decode follows the thumb before it is released
        waitUntil("a decode while dragging", () -> experiments.interpolationAnswers() > answered
                && experiments.tProperty().get() > 0.1
                && maxDifference(experiments.interpolatedImageProperty().get(), atA) > 1);
        robot.moveBy(track.getWidth() / 3, 0);
        double midway = fx(() -> experiments.tProperty().get());
        assertTrue(midway > 0.4 && midway < 0.9, "t = " + midway);
        robot.moveTo(new Point2D(track.getMaxX() + 40, track.getCenterY())).drop();

        assertEquals(1.0, fx(() -> experiments.tProperty().get()), 1e-9);
        waitUntil("t = 1 decodes mu_B", () -> maxDifference(experiments.interpolatedImageProperty().get(), atB) <= 1);

        robot.drag(thumb, MouseButton.PRIMARY).moveTo(new Point2D(track.getMinX() - 40, track.getCenterY())).drop();
        assertEquals(0.0, fx(() -> experiments.tProperty().get()), 1e-9);
        waitUntil("t = 0 decodes mu_A", () -> maxDifference(experiments.interpolatedImageProperty().get(), atA) <= 1);
    }

    @Test
    void theImageAndTheStripFillAShortViewAndRefitWhenItGrows(FxRobot robot) {
        GreyRaster strip = fx(() -> experiments.interpolationStripProperty().get());
        ExperimentRasterView shownStrip = robot.lookup("#interp-strip").queryAs(ExperimentRasterView.class);
        ExperimentRasterView shownImage = robot.lookup("#interp-image").queryAs(ExperimentRasterView.class);
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
        GreyRaster strip = fx(() -> experiments.interpolationStripProperty().get());
        assertEquals(tiledSize(10), strip.width());
        assertEquals(tiledSize(1), strip.height());
        ExperimentRasterView shown = robot.lookup("#interp-strip").queryAs(ExperimentRasterView.class);
        assertEquals(strip.width(), shown.imageView().getImage().getWidth());
        waitUntil("the path", () -> model.plane().interpolationPathProperty().get() != null);
        assertEquals(20, fx(() -> model.plane().interpolationPathProperty().get()).length);

        for (int i = 0; i < 4; i++) {
            robot.clickOn("#interp-steps .decrement-arrow-button");
        }
        assertEquals(6, fx(() -> experiments.stripStepsProperty().get()));
        GreyRaster shorter = awaitNewRaster("a 6-step strip", () -> experiments.interpolationStripProperty().get(),
                strip);
        assertEquals(tiledSize(6), shorter.width());
        waitUntil("a 6-point path", () -> model.plane().interpolationPathProperty().get().length == 12);
    }

    @Test
    void theCheckBoxesSwitchToFixedNoiseAndTheArc(FxRobot robot) {
        GreyRaster meanOnly = fx(() -> experiments.interpolatedImageProperty().get());
        robot.clickOn("#interp-fixed-eps");
        assertTrue(fx(() -> experiments.fixedEpsProperty().get()));
        GreyRaster noisy = awaitNewRaster("a noisy decode", () -> experiments.interpolatedImageProperty().get(),
                meanOnly);
        robot.clickOn("#interp-spherical");
        assertTrue(fx(() -> experiments.sphericalProperty().get()));
        // at t = 0 the arc and the line meet: the same noisy decode comes back
        robot.sleep(3 * ExperimentsViewModel.SNAPSHOT_SETTLE_MILLIS);
        waitUntil("the decodes are done", experiments::isIdle);
        assertTrue(maxDifference(noisy, fx(() -> experiments.interpolatedImageProperty().get())) <= 1);
        assertFalse(ExperimentFixture.samePixels(meanOnly, noisy));
    }

    @Test
    void exportWritesTheStripAsAPngOfItsOwnSize() throws Exception {
        GreyRaster strip = fx(() -> experiments.interpolationStripProperty().get());
        Path file = tempDir.resolve("strip.png");
        fx(() -> view.exportPng(file));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(strip.width(), read.getWidth());
        assertEquals(strip.height(), read.getHeight());
        Path single = tempDir.resolve("at-t.png");
        fx(() -> view.exportImagePng(single));
        assertEquals(28, ImageIO.read(single.toFile()).getWidth());
    }

    @Test
    void theGifPlaysTheStripFromAToBAndBack() throws Exception {
        int steps = fx(() -> experiments.stripStepsProperty().get());
        Path file = tempDir.resolve("interpolation.gif");
        ExperimentFixture.onFx(() -> InterpolationView.exportGif(experiments, file));
        waitUntil("the GIF is written", () -> java.nio.file.Files.exists(file)
                && model.statusProperty().get().contains("interpolation.gif"));
        javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertEquals(2 * steps - 2, reader.getNumImages(true), "A to B and back, the ends once each");
            BufferedImage first = reader.read(0);
            assertEquals(28 * ExperimentsViewModel.ANIMATION_SCALE, first.getWidth());
            BufferedImage last = reader.read(steps - 1);
            assertFalse(java.util.Arrays.equals(first.getRGB(0, 0, 112, 112, null, 0, 112),
                    last.getRGB(0, 0, 112, 112, null, 0, 112)), "A and B differ");
        } finally {
            reader.dispose();
        }
    }
}
