package io.vaeexplorer.ui.draw;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.ui.experiments.ExperimentTestbed;
import io.vaeexplorer.ui.fx.RasterView;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The Draw tab follows the open data set: the sketch pad for digits, an open button for pictures. */
@ExtendWith(ApplicationExtension.class)
class DrawDigitViewTest {

    @TempDir
    static Path temp;

    private ExperimentTestbed bed;
    private TaskExecutor files;
    private DrawViewModel draw;
    private final AtomicReference<float[]> endA = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        bed = new ExperimentTestbed(Platform::runLater);
        bed.workspace().openDataset(DrawViewModelTest.colourPictures(temp));
        files = TaskExecutor.singleThread("test-pictures", Platform::runLater);
        draw = new DrawViewModel(bed.workspace(), bed.interactiveWorker(), files, bed.sketchPosterior(),
                (isA, image) -> {
                    if (isA) {
                        endA.set(image);
                    }
                }, bed.lines());
        stage.setScene(new Scene(new DrawDigitView(draw), 800, 500));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @Stop
    void stop() {
        files.close();
        bed.close();
    }

    @Test
    void aPictureSetShowsTheOpenButtonInsteadOfThePadAndDigitsBringThePadBack(FxRobot robot) {
        assertTrue(shown(robot, "#open-picture"), "the open button is there for pictures");
        assertFalse(shown(robot, "#sketch-pad-view"), "the pad is not");
        assertTrue(robot.lookup("#picture-as-a").queryButton().isDisabled(), "no picture to use yet");

        onFx(() -> draw.openPicture(temp.resolve("pictures/test/warm/wide.png")));
        waitUntil("the picture is shown", () -> ((RasterView) robot.lookup("#picture-shown").query())
                .imageView().getImage() != null);
        assertFalse(robot.lookup("#picture-as-a").queryButton().isDisabled());
        robot.clickOn("#picture-as-a");
        assertNotNull(endA.get(), "as A hands the picture to the interpolation");
        Dataset pictures = fx(() -> bed.workspace().datasetProperty().get());
        assertArrayEquals(pictures.test().image(pictures.test().count() - 1), endA.get());

        onFx(() -> bed.workspace().openDataset(ExperimentTestbed.mnist()));
        assertTrue(shown(robot, "#sketch-pad-view"), "digits are drawn");
        assertFalse(shown(robot, "#open-picture"));
    }

    /** Whether the node is visible and laid out, along with every parent. */
    private static boolean shown(FxRobot robot, String query) {
        return fx(() -> {
            for (Node node = robot.lookup(query).query(); node != null; node = node.getParent()) {
                if (!node.isVisible() || !node.isManaged()) {
                    return false;
                }
            }
            return true;
        });
    }
}
