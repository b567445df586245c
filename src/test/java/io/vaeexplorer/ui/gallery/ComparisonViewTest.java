package io.vaeexplorer.ui.gallery;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExperimentFixture;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The model comparison's pictures fill the columns they get, as the Models tab shows them, and follow resizes. */
@ExtendWith(ApplicationExtension.class)
class ComparisonViewTest {

    @TempDir
    Path tempDir;

    private Stage stage;
    private AppViewModel model;
    private TaskExecutor comparisons;
    private ComparisonViewModel viewModel;
    private ComparisonView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = ExperimentFixture.explorerWithMnist(tempDir, ExperimentFixture.untrainedWeights(1, 1));
        comparisons = TaskExecutor.singleThread("test-compare", Platform::runLater);
        viewModel = new ComparisonViewModel(comparisons, model);
        view = new ComparisonView(viewModel);
        // as the Models tab holds it: scrolled vertically, as wide as the pane
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        stage.setScene(new Scene(scroll, 900, 800));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @Stop
    void stop() {
        comparisons.close();
        model.close();
    }

    @Test
    void twoModelsShareTheWidthAndTheirPicturesGrowWithIt(FxRobot robot) {
        ExperimentFixture.awaitDataset(model);
        LabeledImages test = fx(() -> model.workspace().datasetProperty().get().test());
        List<GalleryEntry> entries = List.of(
                new GalleryEntry("one", "trained", ExperimentFixture.checkpoint(ExperimentFixture.untrainedWeights(1, 1)),
                        null),
                new GalleryEntry("two", "trained", ExperimentFixture.checkpoint(ExperimentFixture.untrainedWeights(2, 1)),
                        null));
        ExperimentFixture.onFx(() -> viewModel.compare(entries, test));
        waitUntil("the comparison is shown", () -> view.shown() != null
                && robot.lookup(".comparison-scatter").queryAll().size() == 2 && !view.isNeedsLayout()
                && robot.lookup(".comparison-scatter").query().getLayoutBounds().getWidth() > 0);

        List<Node> columns = fx(() -> List.copyOf(robot.lookup(".comparison-column").queryAll()));
        assertEquals(2, columns.size());
        double columnWidth = fx(() -> columns.get(0).getLayoutBounds().getWidth());
        assertEquals(columnWidth, fx(() -> columns.get(1).getLayoutBounds().getWidth()), 1, "equal shares");
        assertTrue(columnWidth > 0.4 * 900, "the two columns share the width: " + columnWidth);
        double narrow = scatterWidth(robot);
        assertTrue(narrow >= columnWidth - 1 && narrow <= columnWidth + 1,
                "the scatter is as wide as its column: " + narrow + " of " + columnWidth);
        double pairs = fx(() -> ((ComparisonView.FittedRaster) columns.get(0).lookupAll(".comparison-pairs")
                .iterator().next()).imageView().getFitWidth());
        RasterSize raster = fx(() -> new RasterSize(((ComparisonView.FittedRaster) columns.get(0)
                .lookupAll(".comparison-pairs").iterator().next()).imageView().getImage().getWidth()));
        assertTrue(pairs >= 2 * raster.width() && pairs <= columnWidth, "reconstructions enlarged to the column: "
                + pairs + " px for " + raster.width());
        assertEquals(0, pairs % raster.width(), "a whole number of screen pixels per pixel");

        robot.interact(() -> stage.setWidth(1100));
        waitUntil("a wider layout", () -> columns.get(0).getLayoutBounds().getWidth() > columnWidth + 50
                && !view.isNeedsLayout());
        double wide = scatterWidth(robot);
        assertTrue(wide > narrow + 50, "the scatter follows the wider column: " + narrow + " -> " + wide);
        ImageView drawn = fx(() -> ((ComparisonView.ScatterView) robot.lookup(".comparison-scatter").query())
                .imageView());
        assertEquals(Math.min(Math.floor(wide), ComparisonView.MAX_PICTURE), fx(() -> drawn.getImage().getWidth()),
                1, "drawn again at the size shown (up to the largest picture), not scaled up");
        assertTrue(fx(() -> drawn.getImage().getWidth()) > narrow + 30, "drawn larger than before");
    }

    private record RasterSize(double width) {
    }

    private double scatterWidth(FxRobot robot) {
        return fx(() -> robot.lookup(".comparison-scatter").query().getLayoutBounds().getWidth());
    }
}
