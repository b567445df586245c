package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.decodeImage;
import static io.vaeexplorer.ui.ExperimentFixture.samePixels;
import static io.vaeexplorer.ui.ExperimentFixture.tileAt;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epsilon sweep's view-model without a toolkit: the test thread plays the FX thread. */
class EpsilonSweepViewModelTest {

    private static WeightSnapshot weights;
    private static Dataset mnist;

    @TempDir
    Path tempDir;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private EpsilonSweepViewModel sweep;
    private LabeledImages test;
    private InferenceModel direct;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @BeforeEach
    void sweepOfTheFirstTestImage() {
        bed = new ExperimentTestbed(fx).open(mnist, weights);
        sweep = bed.sweep();
        test = mnist.test();
        direct = new InferenceModel(weights, ComputeDevice.cpu());
    }

    @AfterEach
    void close() {
        direct.close();
        bed.close();
    }

    private Raster awaitNewGrid(String what, Raster before) {
        fx.waitUntil(what, () -> sweep.gridProperty().get() != null
                && (before == null || !samePixels(sweep.gridProperty().get(), before)));
        return sweep.gridProperty().get();
    }

    @Test
    void sweepGridHasStepsByStepsTilesWithTheDecodeOfMuInTheCentre() {
        Raster grid = awaitNewGrid("the sweep", null);
        assertEquals(tiledSize(9), grid.width());
        assertEquals(tiledSize(9), grid.height());
        float[] mu = direct.encode(test.image(0), 1)[0];
        assertSameImage(decodeImage(direct, mu), tileAt(grid, 4, 4), "centre tile");
        assertFalse(samePixels(tileAt(grid, 0, 0), tileAt(grid, 8, 8)), "the corners sweep different z");

        sweep.stepsProperty().set(5);
        Raster smaller = awaitNewGrid("a 5 x 5 sweep", grid);
        assertEquals(tiledSize(5), smaller.width());
        assertEquals(tiledSize(5), smaller.height());
    }

    @Test
    void anAbsoluteRangeMovesTheLatentVectorByThatMuchWhateverSigmaIs() {
        Raster inSigma = awaitNewGrid("the sweep", null);
        float[][] posterior = direct.encode(test.image(0), 1);
        float[] mu = posterior[0];
        float[] sigma = posterior[1];
        assertEquals("± 2.00 σ", sweep.rangeTextProperty().get());
        fx.waitUntil("the span in sigma", () -> sweep.spanProperty().get().startsWith("z1 ± "));
        String span = sweep.spanProperty().get();
        double reachX = Double.parseDouble(span.substring("z1 ± ".length(), span.indexOf(',')));
        // printed to two significant digits
        assertEquals(2 * sigma[0], reachX, 0.05 * reachX, "2 sigma in latent units: " + span);

        sweep.unitsProperty().set(EpsilonSweep.Units.ABSOLUTE);
        sweep.rangeProperty().set(1.5);
        sweep.stepsProperty().set(3);
        assertEquals("± 1.50", sweep.rangeTextProperty().get());
        fx.waitUntil("the absolute sweep", () -> sweep.gridProperty().get().width() == tiledSize(3)
                && sweep.spanProperty().get().equals("z1 ± 1.5, z2 ± 1.5"));
        Raster absolute = sweep.gridProperty().get();
        // top-left tile: z1 at mu - 1.5, z2 at mu + 1.5 (the top row has the largest eps)
        assertSameImage(decodeImage(direct, new float[] {mu[0] - 1.5f, mu[1] + 1.5f}), tileAt(absolute, 0, 0),
                "top-left tile");
        assertSameImage(decodeImage(direct, new float[] {mu[0] + 1.5f, mu[1] - 1.5f}), tileAt(absolute, 2, 2),
                "bottom-right tile");
        assertSameImage(decodeImage(direct, mu), tileAt(absolute, 1, 1), "centre tile");
        assertFalse(samePixels(tileAt(inSigma, 0, 0), tileAt(absolute, 0, 0)));
    }

    @Test
    void sweepFollowsTheTestImageAndCanSweepEachDimensionInARow() {
        Raster first = awaitNewGrid("the sweep", null);
        sweep.useTestImage(7);
        assertEquals(7, sweep.imageProperty().get());
        Raster other = awaitNewGrid("the sweep of image 7", first);
        float[] mu7 = direct.encode(test.image(7), 1)[0];
        assertSameImage(decodeImage(direct, mu7), tileAt(other, 4, 4), "centre tile of image 7");

        sweep.perDimensionProperty().set(true);
        Raster rows = awaitNewGrid("one row per dimension", other);
        assertEquals(tiledSize(9), rows.width());
        assertEquals(tiledSize(2), rows.height(), "a 2-d model sweeps two rows");

        // the most informative dimension alone, once the order by KL is known
        sweep.dimensionsByKlProperty().set(new int[] {1, 0});
        sweep.informativeRowsProperty().set(1);
        sweep.mostInformativeProperty().set(true);
        fx.waitUntil("the most informative row", () -> sweep.gridProperty().get().height() == tiledSize(1));
        Raster informative = sweep.gridProperty().get();
        assertSameImage(decodeImage(direct, mu7), tileAt(informative, 4, 0), "the row's centre is mu");
        float[] lowest = mu7.clone();
        lowest[1] -= (float) (sweep.rangeProperty().get() * direct.encode(test.image(7), 1)[1][1]);
        assertSameImage(decodeImage(direct, lowest), tileAt(informative, 0, 0), "the row sweeps dimension 1");
        sweep.mostInformativeProperty().set(false);
        fx.waitUntil("every dimension again", () -> sweep.gridProperty().get().height() == tiledSize(2));

        sweep.perDimensionProperty().set(false);
        sweep.dimYProperty().set(0);
        fx.waitUntil("one axis sweeps one row", () -> sweep.gridProperty().get().height() == tiledSize(1));
    }

    @Test
    void dimensionsTheModelDoesNotHaveFallBackToTheFirstTwo() {
        Raster first = awaitNewGrid("the sweep", null);
        sweep.stepsProperty().set(3);
        Raster small = awaitNewGrid("a 3 x 3 sweep", first);
        sweep.dimXProperty().set(5);
        sweep.dimYProperty().set(1);
        fx.waitUntil("the sweep with a dimension out of range", bed.jobs()::isIdle);
        assertEquals(small.width(), sweep.gridProperty().get().width());
        assertEquals(small.height(), sweep.gridProperty().get().height(), "still the grid of z1 and z2");
        assertSameImage(tileAt(small, 0, 0), tileAt(sweep.gridProperty().get(), 0, 0), "the same corner");
    }

    @Test
    void aDigitPickedJumpsToItsFirstTestImageAndTheCountsFollowTheDataAndModel() {
        sweep.useFirstTestImage(3);
        int firstThree = sweep.imageProperty().get();
        assertEquals(3, test.label(firstThree));
        for (int i = 0; i < firstThree; i++) {
            assertFalse(test.label(i) == 3, "the first 3 of the test set");
        }
        assertEquals(firstThree, sweep.firstTestImage(3));
        assertEquals(test.count(), sweep.testImageCountProperty().get());
        assertEquals(2, sweep.latentDimensionsProperty().get());
        assertEquals(mnist.classNames(), sweep.classNames());
    }

    @Test
    void exportWritesAPngOfTheRastersOwnSizeOffTheFxThreadAndNamesTheFile() throws Exception {
        Path none = tempDir.resolve("none.png");
        try (ExperimentTestbed empty = new ExperimentTestbed(fx)) {
            EpsilonSweepViewModel nothingYet = empty.sweep();
            nothingYet.exportPng(none);
            assertEquals("there is no picture to export yet", empty.lines().error());
            assertNull(nothingYet.gridProperty().get());
        }
        assertFalse(Files.exists(none));

        Raster grid = awaitNewGrid("the sweep", null);
        Path file = tempDir.resolve("out").resolve("sweep.png");
        sweep.exportPng(file);
        fx.waitUntil("the PNG is written", () -> bed.lines().status().equals("saved " + file));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(grid.width(), read.getWidth());
        assertEquals(grid.height(), read.getHeight());
        assertEquals(grid.get(130, 130), read.getRaster().getSample(130, 130, 0));
        assertEquals("", bed.lines().error());
    }

    @Test
    void rangeAndSpanReadAsAPersonWritesThem() {
        assertEquals("± 2.00 σ", EpsilonSweepViewModel.rangeText(2, EpsilonSweep.Units.SIGMA));
        assertEquals("± 0.25", EpsilonSweepViewModel.rangeText(0.25, EpsilonSweep.Units.ABSOLUTE));
        assertEquals("z1 ± 0.21, z3 ± 0.0042", EpsilonSweepViewModel.spanText(new double[] {0.2134, 0, 0.00421}));
        assertEquals("", EpsilonSweepViewModel.spanText(new double[] {0, 0}));
    }
}
