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
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.fx.RasterView;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Platform;
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

    private static Dataset mnist;

    private ExperimentTestbed bed;
    private ExperimentsPane pane;
    private ExperimentsViewModel experiments;
    private EpsilonSweepViewModel sweep;
    private LabeledImages test;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @Start
    void start(Stage stage) {
        bed = new ExperimentTestbed(Platform::runLater).open(mnist, weights);
        experiments = bed.experiments();
        pane = new ExperimentsPane(experiments);
        sweep = experiments.sweep();
        stage.setScene(new Scene(pane, 1000, 760));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @BeforeEach
    void firstSweepShown() {
        test = mnist.test();
        waitUntil("the first sweep", () -> sweep.gridProperty().get() != null);
    }

    @Stop
    void stop() {
        bed.close();
    }

    @Test
    void theGridIsShownEnlargedWithCrispPixels(FxRobot robot) {
        RasterView view = robot.lookup("#sweep-grid").queryAs(RasterView.class);
        // the size follows a layout pass, which on a busy machine may come after the raster
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> view.imageView().getFitWidth() > 0);
        } catch (TimeoutException e) {
            throw new AssertionError("the sweep grid was never laid out", e);
        }
        Raster grid = fx(() -> sweep.gridProperty().get());
        assertEquals(grid.width(), view.imageView().getImage().getWidth());
        assertEquals(grid.height(), view.imageView().getImage().getHeight());
        assertFalse(view.imageView().isSmooth(), "nearest-neighbour scaling");
        assertTrue(view.imageView().getFitWidth() >= 2 * grid.width(), "enlarged: " + view.imageView().getFitWidth());
        assertEquals(0, view.imageView().getFitWidth() % grid.width(), "a whole number of screen pixels per pixel");
    }

    @Test
    void typingAnIndexAndPickingADigitMoveTheSweepToThatTestImage(FxRobot robot) throws Exception {
        Raster first = fx(() -> sweep.gridProperty().get());
        Spinner<?> spinner = robot.lookup("#sweep-image").queryAs(Spinner.class);
        robot.clickOn(spinner.getEditor()).push(KeyCode.END).eraseText(6).write("5").push(KeyCode.ENTER);
        waitUntil("the index is taken", () -> sweep.imageProperty().get() == 5);
        Raster fifth = awaitNewRaster("the sweep of image 5", () -> sweep.gridProperty().get(), first);

        robot.clickOn("#sweep-digit");
        robot.clickOn(robot.lookup(".list-cell").match(LabeledMatchers.hasText("3")).queryAs(ListCell.class));
        int firstThree = fx(() -> sweep.firstTestImage(3));
        assertEquals(3, test.label(firstThree));
        waitUntil("the sweep jumps to the first 3", () -> sweep.imageProperty().get() == firstThree);
        Raster three = awaitNewRaster("the sweep of the 3", () -> sweep.gridProperty().get(), fifth);
        try (InferenceModel direct = new InferenceModel(weights, ComputeDevice.cpu())) {
            float[] mu = direct.encode(test.image(firstThree), 1)[0];
            assertSameImage(decodeImage(direct, mu), tileAt(three, 4, 4), "centre of the 3's sweep");
        }
    }

    @Test
    void choosingAbsoluteUnitsSweepsInLatentUnitsAndTheLabelsSaySo(FxRobot robot) {
        Raster inSigma = fx(() -> sweep.gridProperty().get());
        Label rangeValue = robot.lookup("#sweep-range-value").queryAs(Label.class);
        assertEquals("± 2.00 σ", fx(rangeValue::getText));
        waitUntil("the span in latent units", () -> robot.lookup("#sweep-span").queryAs(Label.class).getText()
                .matches("in latent units: z1 ± [0-9.E-]+, z2 ± [0-9.E-]+"));

        robot.clickOn("#sweep-units");
        robot.clickOn(robot.lookup(".list-cell").match(LabeledMatchers.hasText("absolute")).queryAs(ListCell.class));
        assertEquals(EpsilonSweep.Units.ABSOLUTE, fx(() -> sweep.unitsProperty().get()));
        assertEquals("± 2.00", fx(rangeValue::getText));
        Slider range = robot.lookup("#sweep-range").queryAs(Slider.class);
        assertTrue(fx(range::getMin) < 0.1, "small absolute ranges can be chosen: min " + fx(range::getMin));
        awaitNewRaster("the absolute sweep", () -> sweep.gridProperty().get(), inSigma);
        waitUntil("the span of the absolute sweep", () -> robot.lookup("#sweep-span").queryAs(Label.class).getText()
                .equals("in latent units: z1 ± 2, z2 ± 2"));
    }

    @Test
    void theCheckBoxSweepsEveryDimensionInItsOwnRow(FxRobot robot) {
        Raster grid = fx(() -> sweep.gridProperty().get());
        robot.clickOn("#sweep-per-dimension");
        assertTrue(fx(() -> sweep.perDimensionProperty().get()));
        assertTrue(robot.lookup("#sweep-dim-x").query().isDisabled(), "no dimensions to choose per row");
        Raster rows = awaitNewRaster("one row per dimension", () -> sweep.gridProperty().get(), grid);
        assertEquals(tiledSize(9), rows.width());
        assertEquals(tiledSize(2), rows.height());
    }

    @Test
    void thePaneHoldsTheExperimentsAndTheDrawingPadAndEachExportsItsRaster() throws Exception {
        assertEquals(List.of("Sweep", "Interpolation", "Samples", "Reconstructions", "Draw"),
                fx(() -> pane.getTabs().stream().map(Tab::getText).toList()));
        waitUntil("every experiment has a result", () -> experiments.interpolation().stripProperty().get() != null
                && experiments.samples().priorSamplesProperty().get() != null
                && experiments.samples().mixtureSamplesProperty().get() != null
                && experiments.reconstructions().reconstructionsProperty().get() != null);
        assertExports(experiments.sweep()::exportPng, fx(experiments.sweep().gridProperty()::get));
        assertExports(experiments.interpolation()::exportStripPng,
                fx(experiments.interpolation().stripProperty()::get));
        assertExports(experiments.samples()::exportSamplesPng,
                fx(() -> ExperimentExports.sideBySide(experiments.samples().priorSamplesProperty().get(),
                        experiments.samples().mixtureSamplesProperty().get(), SamplesViewModel.EXPORT_GAP)));
        assertExports(experiments.reconstructions()::exportPng,
                fx(experiments.reconstructions().reconstructionsProperty()::get));
        assertSame(experiments, pane.experiments());
    }

    @Test
    void atTwoTimesEachExportIsItsRasterWithEveryPixelATwoByTwoBlock() throws Exception {
        waitUntil("every experiment has a result", () -> experiments.interpolation().stripProperty().get() != null
                && experiments.samples().priorSamplesProperty().get() != null
                && experiments.samples().mixtureSamplesProperty().get() != null
                && experiments.reconstructions().reconstructionsProperty().get() != null);
        ExperimentFixture.onFx(() -> bed.exportSize().doubledProperty().set(true));
        try {
            assertExports(experiments.sweep()::exportPng, fx(experiments.sweep().gridProperty()::get), 2);
            assertExports(experiments.interpolation()::exportStripPng,
                    fx(experiments.interpolation().stripProperty()::get), 2);
            assertExports(experiments.samples()::exportSamplesPng,
                    fx(() -> ExperimentExports.sideBySide(experiments.samples().priorSamplesProperty().get(),
                            experiments.samples().mixtureSamplesProperty().get(), SamplesViewModel.EXPORT_GAP)), 2);
            assertExports(experiments.reconstructions()::exportPng,
                    fx(experiments.reconstructions().reconstructionsProperty()::get), 2);
        } finally {
            ExperimentFixture.onFx(() -> bed.exportSize().doubledProperty().set(false));
        }
    }

    /** Exports through the view-model, which writes off the FX thread and names the file on the status line. */
    private void assertExports(Consumer<Path> export, Raster raster) throws Exception {
        assertExports(export, raster, 1);
    }

    /** As above, at an export size of {@code scale}: every pixel of the raster a scale x scale block of the PNG. */
    private void assertExports(Consumer<Path> export, Raster raster, int scale) throws Exception {
        Path file = Files.createTempFile(tempDir, "export", ".png");
        ExperimentFixture.onFx(() -> export.accept(file));
        waitUntil("the export of " + file, () -> bed.lines().status().equals("saved " + file));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(scale * raster.width(), read.getWidth(), file.toString());
        assertEquals(scale * raster.height(), read.getHeight(), file.toString());
        // the file's own levels: getRGB would pass a grey PNG through a colour conversion
        assertEquals(raster.channels(), read.getRaster().getNumBands(), file.toString());
        int[] levels = new int[raster.channels()];
        for (int y = 0; y < read.getHeight(); y++) {
            for (int x = 0; x < read.getWidth(); x++) {
                read.getRaster().getPixel(x, y, levels);
                for (int c = 0; c < levels.length; c++) {
                    if (levels[c] != raster.level(x / scale, y / scale, c)) {
                        throw new AssertionError(file + ": (" + x + ", " + y + ") is not the raster's pixel ("
                                + x / scale + ", " + y / scale + ")");
                    }
                }
            }
        }
    }
}
