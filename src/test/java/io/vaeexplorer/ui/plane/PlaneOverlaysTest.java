package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.draw.DrawDigitView;
import io.vaeexplorer.ui.experiments.ExperimentsPane;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the plane draws over the scatter: the sketch pad's posterior, picked images' ellipses, the density. */
@ExtendWith(ApplicationExtension.class)
class PlaneOverlaysTest {

    @TempDir
    static Path temp;

    private AppViewModel model;

    @Start
    void start(Stage stage) {
        model = ExperimentFixture.wholeWindow(stage, temp, 1500, 1150);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get();
    }

    private void waitForShippedModel() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            LatentPoints now = model.plane().latentPointsProperty().get(); // once: a new architecture clears the points
            return now != null && now.count() == 10_000;
        });
    }

    private LatentPlaneView plane(FxRobot robot) {
        return (LatentPlaneView) robot.lookup("#latent-plane").queryAs(Canvas.class).getParent();
    }

    @Test
    void drawingOnTheSketchPadMovesItsMarkerOnThePlane(FxRobot robot) throws Exception {
        waitForShippedModel();
        TabPane experiments = robot.lookup("#experiments").queryAs(TabPane.class);
        robot.interact(() -> experiments.getSelectionModel().select(
                experiments.getTabs().stream().filter(t -> t.getText().equals("Draw")).findFirst().orElseThrow()));
        DrawDigitView draw = robot.lookup("#draw-digit").queryAs(DrawDigitView.class);
        assertNull(model.plane().sketchPosteriorProperty().get());

        // a "1": one vertical stroke
        stroke(robot, draw, 140, 40, 140, 240);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.plane().sketchPosteriorProperty().get() != null
                && plane(robot).sketchMarkerPosition() != null);
        float[] one = model.plane().sketchPosteriorProperty().get().mu();
        double[] markerOne = ExperimentFixture.fx(() -> plane(robot).sketchMarkerPosition());

        // a "0" instead: clear and draw a ring
        robot.clickOn("#sketch-clear");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.plane().sketchPosteriorProperty().get() == null);
        ring(robot, draw);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.plane().sketchPosteriorProperty().get() != null
                && plane(robot).sketchMarkerPosition() != null);
        float[] zero = model.plane().sketchPosteriorProperty().get().mu();
        double[] markerZero = ExperimentFixture.fx(() -> plane(robot).sketchMarkerPosition());
        double moved = Math.hypot(markerZero[0] - markerOne[0], markerZero[1] - markerOne[1]);
        assertTrue(moved > 20, "the marker moved " + moved + " px between a drawn 1 and a drawn 0");
        double[] expected = plane(robot).toCanvas(zero[0], zero[1]);
        assertArrayEquals(expected, markerZero, 0.5, "the marker sits at the drawing's posterior mean");
        assertTrue(Math.hypot(zero[0] - one[0], zero[1] - one[1]) > 0.3);

        // the drawing as end A of the interpolation
        robot.clickOn("#sketch-as-a");
        assertNotNull(ExperimentFixture.fx(() -> ((ExperimentsPane) experiments).experiments().interpolation()
                .drawnAProperty().get()));
    }

    @Test
    void ctrlClickShowsEllipsesAndTheDensityToggleComputesThePriorComparison(FxRobot robot) throws Exception {
        waitForShippedModel();
        Canvas canvas = robot.lookup("#latent-plane").queryAs(Canvas.class);
        robot.moveTo(canvas).press(KeyCode.CONTROL).clickOn(MouseButton.PRIMARY).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, ExperimentFixture.fx(() -> model.plane().ellipseImages().size()));
        int picked = model.plane().ellipseImages().get(0);
        Point2D centre = canvas.localToScreen(canvas.getWidth() / 2, canvas.getHeight() / 2);
        assertTrue(picked >= 0 && picked < 10_000 && centre != null);
        robot.clickOn("#clear-ellipses");
        assertEquals(0, ExperimentFixture.fx(() -> model.plane().ellipseImages().size()));

        robot.clickOn("#density-toggle");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().densityProperty().get() != null);
        DensityImage d = model.plane().densityProperty().get();
        assertEquals(PlaneViewModel.DENSITY_CELLS, d.width());
        int opaque = 0;
        for (int argb : d.argb()) {
            opaque += (argb >>> 24) > 128 ? 1 : 0;
        }
        assertTrue(opaque > d.argb().length / 20, "the densities cover part of the visible plane: " + opaque);
    }

    @Test
    void theInterpolationSliderMovesADotAlongThePathOnThePlane(FxRobot robot) throws Exception {
        waitForShippedModel();
        TabPane experiments = robot.lookup("#experiments").queryAs(TabPane.class);
        robot.interact(() -> experiments.getSelectionModel().select(experiments.getTabs().stream()
                .filter(t -> t.getText().equals("Interpolation")).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().interpolationPathProperty().get() != null
                && plane(robot).pathCursorPosition() != null);
        double[] path = model.plane().interpolationPathProperty().get();
        double[] atA = ExperimentFixture.fx(() -> plane(robot).toCanvas(path[0], path[1]));
        assertArrayEquals(atA, ExperimentFixture.fx(() -> plane(robot).pathCursorPosition()), 0.5, "t = 0 is at A");

        Slider slider = robot.lookup("#interp-slider").queryAs(Slider.class);
        Bounds track = ExperimentFixture.fx(() -> slider.localToScreen(slider.getLayoutBounds()));
        robot.clickOn(new Point2D(track.getMinX() + 0.75 * track.getWidth(), track.getCenterY()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> slider.getValue() > 0.5);
        double t = ExperimentFixture.fx(slider::getValue);
        double[] expected = InterpolationCursor.pointAt(path, t);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            double[] now = plane(robot).pathCursorPosition();
            double[] want = plane(robot).toCanvas(expected[0], expected[1]);
            return now != null && Math.hypot(now[0] - want[0], now[1] - want[1]) < 0.5;
        });
        double[] moved = ExperimentFixture.fx(() -> plane(robot).pathCursorPosition());
        assertTrue(Math.hypot(moved[0] - atA[0], moved[1] - atA[1]) > 20, "the dot left A with the slider");
    }

    private static void stroke(FxRobot robot, DrawDigitView draw, double x0, double y0, double x1, double y1) {
        robot.drag(onPad(draw, x0, y0), MouseButton.PRIMARY).moveTo(onPad(draw, (x0 + x1) / 2, (y0 + y1) / 2))
                .moveTo(onPad(draw, x1, y1)).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void ring(FxRobot robot, DrawDigitView draw) {
        robot.drag(onPad(draw, 140, 40), MouseButton.PRIMARY);
        for (int i = 1; i <= 24; i++) {
            double a = 2 * Math.PI * i / 24;
            robot.moveTo(onPad(draw, 140 + 70 * Math.sin(a), 140 - 100 * Math.cos(a)));
        }
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Point2D onPad(DrawDigitView draw, double x, double y) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> draw.pad().pad().localToScreen(x, y)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
