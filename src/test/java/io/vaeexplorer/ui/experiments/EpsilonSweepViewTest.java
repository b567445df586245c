package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.awaitNewRaster;
import static io.vaeexplorer.ui.ExperimentFixture.decodeImage;
import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.tileAt;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExperimentFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.matcher.control.LabeledMatchers;

@ExtendWith(ApplicationExtension.class)
class EpsilonSweepViewTest {

    private static WeightSnapshot weights;

    @TempDir
    Path tempDir;

    private AppViewModel model;
    private ExperimentsPane pane;
    private ExperimentsViewModel experiments;
    private LabeledImages test;

    @BeforeAll
    static void untrainedModel() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
    }

    @Start
    void start(Stage stage) {
        model = ExperimentFixture.explorerWithMnist(tempDir, weights);
        pane = new ExperimentsPane(model);
        experiments = pane.experiments();
        stage.setScene(new Scene(pane, 1000, 760));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @BeforeEach
    void firstSweepShown() {
        ExperimentFixture.awaitDataset(model);
        test = fx(() -> model.workspace().datasetProperty().get().test());
        waitUntil("the first sweep", () -> experiments.sweepGridProperty().get() != null);
    }

    @Stop
    void stop() {
        model.close();
    }

    @Test
    void theGridIsShownEnlargedWithCrispPixels(FxRobot robot) {
        ExperimentRasterView view = robot.lookup("#sweep-grid").queryAs(ExperimentRasterView.class);
        // the size follows a layout pass, which on a busy machine may come after the raster
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                    () -> view.imageView().getFitWidth() > 0);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the sweep grid was never laid out", e);
        }
        GreyRaster grid = fx(() -> experiments.sweepGridProperty().get());
        assertEquals(grid.width(), view.imageView().getImage().getWidth());
        assertEquals(grid.height(), view.imageView().getImage().getHeight());
        assertFalse(view.imageView().isSmooth(), "nearest-neighbour scaling");
        assertTrue(view.imageView().getFitWidth() >= 2 * grid.width(), "enlarged: " + view.imageView().getFitWidth());
        assertEquals(0, view.imageView().getFitWidth() % grid.width(), "a whole number of screen pixels per pixel");
    }

    @Test
    void typingAnIndexAndPickingADigitMoveTheSweepToThatTestImage(FxRobot robot) throws Exception {
        GreyRaster first = fx(() -> experiments.sweepGridProperty().get());
        Spinner<?> spinner = robot.lookup("#sweep-image").queryAs(Spinner.class);
        robot.clickOn(spinner.getEditor()).push(KeyCode.END).eraseText(6).write("5").push(KeyCode.ENTER);
        waitUntil("the index is taken", () -> experiments.sweepImageProperty().get() == 5);
        GreyRaster fifth = awaitNewRaster("the sweep of image 5", () -> experiments.sweepGridProperty().get(), first);

        robot.clickOn("#sweep-digit");
        robot.clickOn(robot.lookup(".list-cell").match(LabeledMatchers.hasText("3")).queryAs(ListCell.class));
        int firstThree = fx(() -> experiments.firstTestImage(3));
        assertEquals(3, test.label(firstThree));
        waitUntil("the sweep jumps to the first 3", () -> experiments.sweepImageProperty().get() == firstThree);
        GreyRaster three = awaitNewRaster("the sweep of the 3", () -> experiments.sweepGridProperty().get(), fifth);
        try (InferenceModel direct = new InferenceModel(weights, ComputeDevice.cpu())) {
            float[] mu = direct.encode(test.image(firstThree), 1)[0];
            assertSameImage(decodeImage(direct, mu), tileAt(three, 4, 4), "centre of the 3's sweep");
        }
    }

    @Test
    void choosingAbsoluteUnitsSweepsInLatentUnitsAndTheLabelsSaySo(FxRobot robot) {
        GreyRaster inSigma = fx(() -> experiments.sweepGridProperty().get());
        Label rangeValue = robot.lookup("#sweep-range-value").queryAs(Label.class);
        assertEquals("± 2.00 σ", fx(rangeValue::getText));
        waitUntil("the span in latent units", () -> robot.lookup("#sweep-span").queryAs(Label.class).getText()
                .matches("in latent units: z1 ± [0-9.E-]+, z2 ± [0-9.E-]+"));

        robot.clickOn("#sweep-units");
        robot.clickOn(robot.lookup(".list-cell").match(LabeledMatchers.hasText("absolute")).queryAs(ListCell.class));
        assertEquals(EpsilonSweep.Units.ABSOLUTE, fx(() -> experiments.sweepUnitsProperty().get()));
        assertEquals("± 2.00", fx(rangeValue::getText));
        Slider range = robot.lookup("#sweep-range").queryAs(Slider.class);
        assertTrue(fx(range::getMin) < 0.1, "small absolute ranges can be chosen: min " + fx(range::getMin));
        awaitNewRaster("the absolute sweep", () -> experiments.sweepGridProperty().get(), inSigma);
        waitUntil("the span of the absolute sweep", () -> robot.lookup("#sweep-span").queryAs(Label.class).getText()
                .equals("in latent units: z1 ± 2, z2 ± 2"));
    }

    @Test
    void theCheckBoxSweepsEveryDimensionInItsOwnRow(FxRobot robot) {
        GreyRaster grid = fx(() -> experiments.sweepGridProperty().get());
        robot.clickOn("#sweep-per-dimension");
        assertTrue(fx(() -> experiments.sweepPerDimensionProperty().get()));
        assertTrue(robot.lookup("#sweep-dim-x").query().isDisabled(), "no dimensions to choose per row");
        GreyRaster rows = awaitNewRaster("one row per dimension", () -> experiments.sweepGridProperty().get(), grid);
        assertEquals(tiledSize(9), rows.width());
        assertEquals(tiledSize(2), rows.height());
    }

    @Test
    void exportWritesAPngOfTheRastersOwnSize() throws Exception {
        GreyRaster grid = fx(() -> experiments.sweepGridProperty().get());
        Path file = tempDir.resolve("out").resolve("sweep.png");
        fx(() -> pane.sweepView().exportPng(file));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(grid.width(), read.getWidth());
        assertEquals(grid.height(), read.getHeight());
        assertEquals(grid.get(130, 130), read.getRaster().getSample(130, 130, 0));
    }

    @Test
    void thePaneHoldsTheExperimentsAndTheDrawingPadAndEachExportsItsRaster() throws Exception {
        assertEquals(List.of("Sweep", "Interpolation", "Samples", "Reconstructions", "Draw"),
                fx(() -> pane.getTabs().stream().map(Tab::getText).toList()));
        waitUntil("every experiment has a result", () -> experiments.interpolationStripProperty().get() != null
                && experiments.priorSamplesProperty().get() != null
                && experiments.reconstructionsProperty().get() != null);
        assertExports(p -> pane.interpolationView().exportPng(p), fx(experiments.interpolationStripProperty()::get));
        assertExports(p -> pane.samplesView().exportPng(p), fx(experiments.priorSamplesProperty()::get));
        assertExports(p -> pane.reconstructionsView().exportPng(p), fx(experiments.reconstructionsProperty()::get));
        assertSame(experiments, pane.experiments());
    }

    private void assertExports(Function<Path, Path> export, GreyRaster raster) throws Exception {
        Path file = Files.createTempFile(tempDir, "export", ".png");
        fx(() -> export.apply(file));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(raster.width(), read.getWidth(), file.toString());
        assertEquals(raster.height(), read.getHeight(), file.toString());
    }
}
