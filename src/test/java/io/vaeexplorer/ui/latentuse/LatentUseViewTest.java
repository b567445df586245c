package io.vaeexplorer.ui.latentuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.concurrent.TaskExecutor;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LatentUseViewTest {

    private LatentUseViewModel model;
    private LatentUseView view;
    private int restarts;

    @Start
    void start(Stage stage) {
        model = new LatentUseViewModel(TaskExecutor.direct(), () -> restarts++);
        view = new LatentUseView(model);
        stage.setScene(new Scene(view, 700, 400));
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void drawsABarPerUnitLargestFirstAndShowsTheWarningOnlyWhenThereIsOne(FxRobot robot) throws Exception {
        Label warning = robot.lookup("#latent-use-warning").queryAs(Label.class);
        assertFalse(onFx(() -> warning.getParent().isVisible()));
        robot.interact(() -> model.show(LatentUseViewModelTest.codes(500, 6, 4), true));
        assertEquals(6, onFx(() -> view.chart().getData().get(0).getData().size()));
        assertEquals("z3", onFx(() -> view.chart().getData().get(0).getData().get(0).getXValue()));
        double first = onFx(() -> view.chart().getData().get(0).getData().get(0).getYValue().doubleValue());
        double last = onFx(() -> view.chart().getData().get(0).getData().get(5).getYValue().doubleValue());
        assertTrue(first > last, first + " then " + last);
        assertTrue(onFx(() -> warning.getParent().isVisible()));
        assertTrue(onFx(warning::getText).contains("2 of 6"));
        robot.clickOn("#latent-use-restart");
        assertEquals(1, restarts, "the warning's button restarts with a warm-up");
        String summary = robot.lookup("#latent-use-summary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("4 of 6 units active"), summary);
        robot.interact(() -> model.show(LatentUseViewModelTest.codes(500, 6, 6), true));
        assertFalse(onFx(() -> warning.getParent().isVisible()));
    }

    private static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }
}
