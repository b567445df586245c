package io.vaeexplorer.ui.latentuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.LatentCodes;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
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

    @Test
    void theAxisFollowsEachReadingsOrderNotTheFirstOne(FxRobot robot) throws Exception {
        robot.interact(() -> model.show(LatentUseViewModelTest.codes(500, 6, 4), true));
        List<String> firstOrder = onFx(this::barNames);
        assertEquals(firstOrder, onFx(() -> List.copyOf(((CategoryAxis) view.chart().getXAxis()).getCategories())));
        robot.interact(() -> model.show(columnsReversed(LatentUseViewModelTest.codes(500, 6, 4)), true));
        List<String> secondOrder = onFx(this::barNames);
        assertEquals("z3", firstOrder.get(0));
        assertEquals("z2", secondOrder.get(0), "the widest dimension is now the third");
        assertEquals(secondOrder, onFx(() -> List.copyOf(((CategoryAxis) view.chart().getXAxis()).getCategories())),
                "the bars are drawn left to right in this reading's order");
    }

    /** The same codes with the dimensions in reverse order: dimension d becomes dimension dim - 1 - d. */
    private static LatentCodes columnsReversed(LatentCodes codes) {
        int dim = codes.dim();
        float[] mu = new float[codes.mu().length];
        float[] sigma = new float[codes.sigma().length];
        for (int i = 0; i < codes.count(); i++) {
            for (int d = 0; d < dim; d++) {
                mu[i * dim + d] = codes.mu()[i * dim + dim - 1 - d];
                sigma[i * dim + d] = codes.sigma()[i * dim + dim - 1 - d];
            }
        }
        return new LatentCodes(codes.count(), dim, mu, sigma, codes.labels());
    }

    private List<String> barNames() {
        return view.chart().getData().get(0).getData().stream().map(XYChart.Data::getXValue).toList();
    }

    private static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }
}
