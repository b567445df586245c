package io.vaeexplorer.ui.draw;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.explore.DigitNormaliser;
import io.vaeexplorer.ui.draw.SketchPadView.Sketch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SketchPadViewTest {

    private static final int N = DigitNormaliser.SIZE;

    private SketchPadView view;
    /** Every image the new-image callback received, in order (written on the FX thread). */
    private final List<Sketch> published = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        view = new SketchPadView();
        view.setOnNewImage(published::add);
        stage.setScene(new Scene(view, 400, 480));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @Test
    void aHorizontalDragBecomesACentredBarTwentyPixelsWide(FxRobot robot) {
        assertTrue(fx(() -> view.getImage().isEmpty()), "a new pad is empty");

        stroke(robot, 60, 100, 220, 100);

        assertEquals(1f, fx(() -> view.inkAt(140, 100)), "ink under the path");
        assertEquals(0f, fx(() -> view.inkAt(140, 140)), "none far from it");
        float[] img = fx(() -> view.getImage().pixels());
        // 160 px long plus the brush: 184 x 24 scales to 20 x 2.6, centred by mass
        for (int y = 0; y < N; y++) {
            double row = rowMass(img, y);
            if (y < 11 || y > 16) {
                assertEquals(0.0, row, 1e-6, "row " + y);
            }
        }
        assertTrue(rowMass(img, 13) > 10 && rowMass(img, 14) > 10, "the bar lies on the middle rows");
        for (int y = 0; y < N; y++) {
            for (int x : new int[] {0, 1, 2, 25, 26, 27}) {
                assertEquals(0f, img[y * N + x], "(" + x + ", " + y + ") is margin");
            }
        }
        assertTrue(img[13 * N + 5] > 0.3f && img[13 * N + 22] > 0.3f, "the bar spans the 20-px box");
        double[] com = DigitNormaliser.centreOfMass(img, N, N);
        assertEquals(13.5, com[0], 0.1);
        assertEquals(13.5, com[1], 0.1);

        // the preview shows the same 28 x 28 image, white ink on black, each pixel 3 x 3
        Image shown = fx(() -> robot.lookup("#sketch-preview").query().snapshot(null, null));
        assertTrue(shown.getPixelReader().getColor(14 * 3 + 1, 13 * 3 + 1).getBrightness() > 0.5, "bar");
        assertTrue(shown.getPixelReader().getColor(14 * 3 + 1, 3 * 3 + 1).getBrightness() < 0.01, "background");
        assertEquals(fx(view::getImage), published.get(published.size() - 1), "the callback got the final image");
    }

    @Test
    void aSecondStrokeChangesTheImage(FxRobot robot) {
        stroke(robot, 60, 140, 220, 140);
        Sketch bar = fx(view::getImage);
        int before = published.size();

        stroke(robot, 140, 60, 140, 220);
        Sketch cross = fx(view::getImage);

        assertNotEquals(bar, cross);
        assertTrue(published.size() > before, "the stroke published a new image");
        float[] img = cross.pixels();
        // a plus: ink on the middle column near the top and bottom, where the bar alone had none
        assertEquals(0f, bar.pixels()[6 * N + 13] + bar.pixels()[6 * N + 14]);
        assertTrue(img[6 * N + 13] + img[6 * N + 14] > 0.5f, "top of the vertical stroke");
        assertTrue(img[21 * N + 13] + img[21 * N + 14] > 0.5f, "bottom of the vertical stroke");
    }

    @Test
    void imagesFollowTheStrokeWhileDrawing(FxRobot robot) {
        Point2D from = onPad(40, 60);
        robot.drag(from, MouseButton.PRIMARY).moveTo(onPad(40, 150));
        // still pressed: an image arrives before the release
        waitUntil("an image while drawing", () -> !view.getImage().isEmpty());
        Sketch early = fx(view::getImage);
        robot.moveTo(onPad(200, 150)).moveTo(onPad(200, 240));
        waitUntil("the image follows the pen", () -> !view.getImage().equals(early));
        int whileDrawing = published.size();
        robot.drop();
        WaitForAsyncUtils.waitForFxEvents();

        // how often images go out while the pen moves is FxDelay's pacing, which a clock decides, not asserted here
        assertTrue(whileDrawing >= 2, "published " + whileDrawing);
        assertFalse(view.getImage().isEmpty());
    }

    @Test
    void clearEmptiesThePadAndTellsTheListener(FxRobot robot) {
        stroke(robot, 60, 140, 220, 140);
        assertFalse(fx(() -> view.getImage().isEmpty()));
        int before = published.size();

        robot.clickOn("#sketch-clear");

        assertTrue(fx(() -> view.getImage().isEmpty()));
        assertEquals(before + 1, published.size(), "one callback for the clear");
        assertTrue(published.get(before).isEmpty(), "the listener got the empty image");
        assertEquals(0f, fx(() -> view.inkAt(140, 140)));
        assertArrayEquals(new float[N * N], fx(() -> view.getImage().pixels()));
        assertTrue(robot.lookup("#sketch-as-a").queryButton().isDisabled(), "nothing to use as A");
    }

    @Test
    void asAAndAsBHandTheCurrentImageToTheirCallbacks(FxRobot robot) {
        AtomicReference<float[]> a = new AtomicReference<>();
        AtomicReference<float[]> b = new AtomicReference<>();
        Button asA = robot.lookup("#sketch-as-a").queryButton();
        assertTrue(asA.isDisabled(), "off while no callback is set");
        robot.interact(() -> {
            view.setOnUseAsA(a::set);
            view.setOnUseAsB(b::set);
        });
        assertTrue(asA.isDisabled(), "off while the pad is empty");

        stroke(robot, 140, 50, 140, 230);
        assertFalse(asA.isDisabled());
        robot.clickOn("#sketch-as-a");
        float[] vertical = fx(() -> view.getImage().pixels());
        assertArrayEquals(vertical, a.get());
        assertEquals(null, b.get(), "B untouched");

        stroke(robot, 50, 140, 230, 140);
        robot.clickOn("#sketch-as-b");
        assertArrayEquals(fx(() -> view.getImage().pixels()), b.get());
        assertArrayEquals(vertical, a.get(), "A keeps its own copy");
    }

    /** Drags with the primary button between two pad points and waits for the end-of-stroke image. */
    private void stroke(FxRobot robot, double x0, double y0, double x1, double y1) {
        int before = published.size();
        robot.drag(onPad(x0, y0), MouseButton.PRIMARY).moveTo(onPad(x1, y1)).drop();
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil("the stroke's image", () -> published.size() > before);
    }

    private Point2D onPad(double x, double y) {
        return fx(() -> view.pad().localToScreen(x, y));
    }

    private static double rowMass(float[] img, int y) {
        double s = 0;
        for (int x = 0; x < N; x++) {
            s += img[y * N + x];
        }
        return s;
    }
}
