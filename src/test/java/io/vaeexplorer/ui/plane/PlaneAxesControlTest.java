package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.ui.workspace.Workspace;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The choice of the plane's axes in the side panel: there for a latent size of 4, gone for 2, and a person's clicks
 * on it move the codes onto the chosen dimensions. The codes are placed by hand; the panel, not a model, is under
 * test.
 */
@ExtendWith(ApplicationExtension.class)
class PlaneAxesControlTest {

    private static final int CODES = 12;

    private Stage stage;
    private final PlaneFixture fixture = PlaneFixture.withoutModel(Platform::runLater);
    private final Workspace workspace = fixture.workspace;
    private final PlaneViewModel plane = fixture.plane;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        LatentPlaneView view = new LatentPlaneView(plane);
        BorderPane root = new BorderPane(view);
        PlaneSidePanel side = new PlaneSidePanel(plane, view);
        side.setPrefWidth(300);
        root.setRight(side);
        stage.setScene(new Scene(root, 1000, 700));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @AfterEach
    void stop() {
        onFx(stage::close);
        fixture.close();
    }

    /** A model of the latent size (no weights: nothing decodes) and codes whose dimension k of code i is i * (k + 1). */
    private void showModel(int latent) {
        onFx(() -> {
            workspace.showWeights(PlaneFixture.weightsWithoutValues(latent, latent));
            float[] mu = new float[CODES * latent];
            for (int i = 0; i < CODES; i++) {
                for (int k = 0; k < latent; k++) {
                    mu[i * latent + k] = i * (k + 1) * (i % 2 == 0 ? 1 : -1);
                }
            }
            plane.showLatentFrame(new TrainingTimeline.Frame(0, LatentPoints.of(CODES, latent, mu,
                    new float[CODES * latent], new byte[CODES], latent), null));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean shown(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    @Test
    void theAxesChoiceIsThereForFourDimensionsAndGoneForTwo(FxRobot robot) {
        showModel(2);
        assertFalse(shown(robot, "#plane-axes-choice"), "a 2-D latent space is its own plane");

        showModel(4);
        assertTrue(shown(robot, "#plane-axes-choice"));
        RadioButton principal = robot.lookup("#axes-principal").queryAs(RadioButton.class);
        Spinner<?> y = robot.lookup("#axes-y-dimension").queryAs(Spinner.class);
        assertTrue(fx(principal::isSelected), "principal components by default");
        assertTrue(fx(y::isDisabled), "no dimensions to pick until the choice is dimensions");

        robot.clickOn("#axes-dimensions");
        assertTrue(fx(() -> plane.dimensionAxesProperty().get()));
        assertFalse(fx(y::isDisabled));
        assertEquals(LatentAxes.dimensions(0, 1), fx(() -> plane.latentPointsProperty().get().axes()));

        robot.clickOn(robot.lookup("#axes-y-dimension .increment-arrow-button").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        LatentPoints points = fx(() -> plane.latentPointsProperty().get());
        assertEquals(LatentAxes.dimensions(0, 2), points.axes());
        assertEquals(points.mu()[5 * 4 + 2], points.xy()[2 * 5 + 1], "code 5's y is its dimension 2");
        assertTrue(points.yAxisLabel().startsWith("z2 "), points.yAxisLabel());

        robot.clickOn("#axes-principal");
        assertTrue(fx(() -> plane.latentPointsProperty().get().axes().principal()));

        showModel(2);
        assertFalse(shown(robot, "#plane-axes-choice"));
    }
}
