package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.awaitNewRaster;
import static io.vaeexplorer.ui.ExperimentFixture.decodeImage;
import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.image;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.samePixels;
import static io.vaeexplorer.ui.ExperimentFixture.tileAt;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.explore.PriorSampler;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExperimentFixture;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class ExperimentsViewModelTest {

    private static WeightSnapshot weights;

    @TempDir
    Path tempDir;

    private AppViewModel model;
    private ExperimentsViewModel experiments;
    private LabeledImages test;
    private InferenceModel direct;

    @BeforeAll
    static void untrainedModel() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
    }

    @Start
    void start(Stage stage) {
        model = ExperimentFixture.explorerWithMnist(tempDir, weights);
        experiments = new ExperimentsViewModel(model);
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @BeforeEach
    void dataLoaded() {
        ExperimentFixture.awaitDataset(model);
        test = fx(() -> model.workspace().datasetProperty().get().test());
        direct = new InferenceModel(weights, ComputeDevice.cpu());
    }

    @AfterEach
    void closeDirectModel() {
        direct.close();
    }

    @Stop
    void stop() {
        model.close();
    }

    @Test
    void sweepGridHasStepsByStepsTilesWithTheDecodeOfMuInTheCentre() {
        GreyRaster grid = awaitNewRaster("the sweep", () -> experiments.sweepGridProperty().get(), null);
        assertEquals(tiledSize(9), grid.width());
        assertEquals(tiledSize(9), grid.height());
        float[] mu = direct.encode(test.image(0), 1)[0];
        assertSameImage(decodeImage(direct, mu), tileAt(grid, 4, 4), "centre tile");
        assertFalse(samePixels(tileAt(grid, 0, 0), tileAt(grid, 8, 8)), "the corners sweep different z");

        onFx(() -> experiments.sweepStepsProperty().set(5));
        GreyRaster smaller = awaitNewRaster("a 5 x 5 sweep", () -> experiments.sweepGridProperty().get(), grid);
        assertEquals(tiledSize(5), smaller.width());
        assertEquals(tiledSize(5), smaller.height());
    }

    @Test
    void anAbsoluteRangeMovesTheLatentVectorByThatMuchWhateverSigmaIs() {
        GreyRaster inSigma = awaitNewRaster("the sweep", () -> experiments.sweepGridProperty().get(), null);
        float[][] posterior = direct.encode(test.image(0), 1);
        float[] mu = posterior[0];
        float[] sigma = posterior[1];
        assertEquals("± 2.00 σ", fx(() -> experiments.sweepRangeTextProperty().get()));
        waitUntil("the span in sigma", () -> experiments.sweepSpanProperty().get().startsWith("z1 ± "));
        String span = fx(() -> experiments.sweepSpanProperty().get());
        double reachX = Double.parseDouble(span.substring("z1 ± ".length(), span.indexOf(',')));
        // printed to two significant digits
        assertEquals(2 * sigma[0], reachX, 0.05 * reachX, "2 sigma in latent units: " + span);

        onFx(() -> {
            experiments.sweepUnitsProperty().set(EpsilonSweep.Units.ABSOLUTE);
            experiments.sweepRangeProperty().set(1.5);
            experiments.sweepStepsProperty().set(3);
        });
        assertEquals("± 1.50", fx(() -> experiments.sweepRangeTextProperty().get()));
        waitUntil("the absolute sweep", () -> experiments.sweepGridProperty().get().width() == tiledSize(3)
                && experiments.sweepSpanProperty().get().equals("z1 ± 1.5, z2 ± 1.5"));
        GreyRaster absolute = fx(() -> experiments.sweepGridProperty().get());
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
        GreyRaster first = awaitNewRaster("the sweep", () -> experiments.sweepGridProperty().get(), null);
        onFx(() -> experiments.useTestImage(7));
        assertEquals(7, fx(() -> experiments.sweepImageProperty().get()));
        GreyRaster other = awaitNewRaster("the sweep of image 7", () -> experiments.sweepGridProperty().get(), first);
        float[] mu7 = direct.encode(test.image(7), 1)[0];
        assertSameImage(decodeImage(direct, mu7), tileAt(other, 4, 4), "centre tile of image 7");

        onFx(() -> experiments.sweepPerDimensionProperty().set(true));
        GreyRaster rows = awaitNewRaster("one row per dimension", () -> experiments.sweepGridProperty().get(), other);
        assertEquals(tiledSize(9), rows.width());
        assertEquals(tiledSize(2), rows.height(), "a 2-d model sweeps two rows");

        onFx(() -> {
            experiments.sweepPerDimensionProperty().set(false);
            experiments.sweepDimYProperty().set(0);
        });
        waitUntil("one axis sweeps one row", () -> experiments.sweepGridProperty().get().height() == tiledSize(1));
    }

    @Test
    void interpolationEndsAreTheDecodesOfTheMeansAndTheStripAndPathHaveOneEntryPerStep() {
        float[] muA = direct.encode(test.image(0), 1)[0];
        float[] muB = direct.encode(test.image(1), 1)[0];
        GreyRaster expectedA = decodeImage(direct, muA);
        GreyRaster expectedB = decodeImage(direct, muB);
        assertTrue(ExperimentFixture.maxDifference(expectedA, expectedB) > 5,
                "the untrained model must tell image 0 from image 1 for this test to mean anything");

        waitUntil("the decode at t = 0", () -> experiments.interpolatedImageProperty().get() != null);
        assertSameImage(expectedA, fx(() -> experiments.interpolatedImageProperty().get()), "t = 0");
        long answered = fx(experiments::interpolationAnswers);
        onFx(() -> experiments.tProperty().set(1));
        waitUntil("the decode at t = 1 is the decode of mu_B", () -> ExperimentFixture.maxDifference(
                experiments.interpolatedImageProperty().get(), expectedB) <= 1);
        assertTrue(fx(experiments::interpolationAnswers) > answered);

        GreyRaster strip = awaitNewRaster("the strip", () -> experiments.interpolationStripProperty().get(), null);
        assertEquals(tiledSize(10), strip.width());
        assertEquals(tiledSize(1), strip.height());
        assertSameImage(expectedA, tileAt(strip, 0, 0), "first step");
        assertSameImage(expectedB, tileAt(strip, 9, 0), "last step");
        double[] path = fx(() -> model.plane().interpolationPathProperty().get());
        assertEquals(20, path.length, "10 points on the plane");
        assertArrayEquals(new double[] {muA[0], muA[1]}, new double[] {path[0], path[1]}, 1e-5);
        assertArrayEquals(new double[] {muB[0], muB[1]}, new double[] {path[18], path[19]}, 1e-5);

        onFx(() -> experiments.stripStepsProperty().set(4));
        GreyRaster shorter = awaitNewRaster("a 4-step strip", () -> experiments.interpolationStripProperty().get(),
                strip);
        assertEquals(tiledSize(4), shorter.width());
        waitUntil("a 4-point path", () -> model.plane().interpolationPathProperty().get().length == 8);
    }

    @Test
    void fixedNoiseDecodesTheMeanPlusOneSeededEpsTimesSigma() {
        waitUntil("the decode at t = 0", () -> experiments.interpolatedImageProperty().get() != null);
        GreyRaster meanOnly = fx(() -> experiments.interpolatedImageProperty().get());
        onFx(() -> experiments.fixedEpsProperty().set(true));
        GreyRaster noisy = awaitNewRaster("the noisy decode", () -> experiments.interpolatedImageProperty().get(),
                meanOnly);
        float[][] a = direct.encode(test.image(0), 1);
        float[] eps = PriorSampler.sample(1, 2, InterpolationEnds.pairSeed(0, 1));
        float[] z = {a[0][0] + eps[0] * a[1][0], a[0][1] + eps[1] * a[1][1]};
        assertSameImage(decodeImage(direct, z), noisy, "mu_A + eps * sigma_A");
    }

    @Test
    void priorSamplesAreReproducibleForASeedAndChangeOnResample() {
        GreyRaster first = awaitNewRaster("prior samples", () -> experiments.priorSamplesProperty().get(), null);
        assertEquals(tiledSize(8), first.width(), "8 per row");
        assertEquals(tiledSize(8), first.height(), "64 samples");
        long seed = fx(() -> experiments.sampleSeedProperty().get());
        onFx(experiments::resample);
        awaitNewRaster("resampled", () -> experiments.priorSamplesProperty().get(), first);
        onFx(() -> experiments.sampleSeedProperty().set(seed));
        waitUntil("the first samples again", () -> samePixels(experiments.priorSamplesProperty().get(), first));
        float[] z0 = PriorSampler.sample(64, 2, seed);
        assertSameImage(decodeImage(direct, new float[] {z0[0], z0[1]}), tileAt(first, 0, 0), "first sample");
    }

    @Test
    void variantsComeFromATestImageOfTheChosenDigitShownFirst() {
        onFx(() -> experiments.variantsDigitProperty().set(7));
        int source = fx(() -> experiments.variantsSourceProperty().get());
        assertEquals(7, test.label(source));
        for (int i = 0; i < source; i++) {
            assertNotEquals(7, test.label(i), "the first 7 of the test set");
        }
        waitUntil("variants of the 7", () -> experiments.variantsProperty().get() != null
                && samePixels(tileAt(experiments.variantsProperty().get(), 0, 0), image(test.image(source))));
        GreyRaster variants = fx(() -> experiments.variantsProperty().get());
        assertEquals(tiledSize(ExperimentsViewModel.VARIANT_COLUMNS), variants.width());
        assertEquals(tiledSize(3), variants.height(), "source + 32 variants in rows of 11");
        assertFalse(samePixels(tileAt(variants, 1, 0), tileAt(variants, 2, 0)), "variants differ");

        onFx(experiments::nextVariantSource);
        int next = fx(() -> experiments.variantsSourceProperty().get());
        assertTrue(next > source);
        assertEquals(7, test.label(next));
        waitUntil("variants of the next 7", () -> samePixels(tileAt(experiments.variantsProperty().get(), 0, 0),
                image(test.image(next))));
    }

    @Test
    void reconstructionsShowSixteenTestImagesAboveTheirReconstructionsAndFollowTheWeights() {
        GreyRaster raster = awaitNewRaster("reconstructions", () -> experiments.reconstructionsProperty().get(), null);
        assertEquals(tiledSize(16), raster.width());
        assertEquals(2 * tiledSize(1), raster.height(), "two rows of 16");
        for (int i = 0; i < 16; i += 5) {
            GreyRaster top = tileAt(raster, i, 0);
            assertTrue(samePixels(image(test.image(i)), top), "original " + i);
            // the reconstructions' own tiling starts below the originals'
            GreyRaster bottom = ExperimentFixture.tileAtPixel(raster, ExperimentFixture.tileLeft(i),
                    tiledSize(1) + ExperimentsViewModel.PADDING);
            assertSameImage(image(direct.reconstruct(test.image(i), 1)), bottom, "reconstruction " + i);
        }

        WeightSnapshot newer = ExperimentFixture.untrainedWeights(2, 2);
        onFx(() -> model.useCheckpoint(ExperimentFixture.checkpoint(newer)));
        GreyRaster updated = awaitNewRaster("reconstructions of the new weights",
                () -> experiments.reconstructionsProperty().get(), raster);
        assertTrue(samePixels(tileAt(raster, 3, 0), tileAt(updated, 3, 0)), "the originals stay");
    }

    @Test
    void aBurstOfWeightUpdatesIsCoalescedIntoAFewRecomputations() throws Exception {
        awaitNewRaster("reconstructions", () -> experiments.reconstructionsProperty().get(), null);
        waitUntil("the first results are done", experiments::isIdle);
        AtomicInteger updates = new AtomicInteger();
        onFx(() -> experiments.reconstructionsProperty().addListener((obs, was, now) -> updates.incrementAndGet()));
        WeightSnapshot other = ExperimentFixture.untrainedWeights(2, 2);
        // 10 snapshots over about half a second, as a training run publishes them
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            WeightSnapshot next = i % 2 == 0 ? other : weights;
            onFx(() -> model.useCheckpoint(ExperimentFixture.checkpoint(next)));
            Thread.sleep(50);
        }
        long burstMillis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(2 * ExperimentsViewModel.SNAPSHOT_SETTLE_MILLIS);
        waitUntil("the recomputations are done", experiments::isIdle);
        int recomputed = updates.get();
        // one per settle window, plus the window still open when the burst ends and one request served late
        long allowed = burstMillis / ExperimentsViewModel.SNAPSHOT_SETTLE_MILLIS + 2;
        assertTrue(recomputed >= 1 && recomputed <= allowed,
                recomputed + " recomputations for 10 snapshots in " + burstMillis + " ms");
        GreyRaster last = fx(() -> experiments.reconstructionsProperty().get());
        GreyRaster expected = image(direct.reconstruct(test.image(0), 1));
        assertSameImage(expected, ExperimentFixture.tileAtPixel(last, ExperimentFixture.tileLeft(0),
                tiledSize(1) + ExperimentsViewModel.PADDING), "the newest weights' reconstruction");
    }

    @Test
    void withoutDataOrModelNothingIsComputedAndNothingFails() throws Exception {
        AppViewModel empty = fx(() -> new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("empty-settings.json"))));
        try {
            ExperimentsViewModel idle = fx(() -> new ExperimentsViewModel(empty));
            onFx(() -> {
                idle.tProperty().set(0.5);
                idle.useTestImage(3);
                idle.resample();
                idle.nextVariantSource();
            });
            Thread.sleep(2 * ExperimentsViewModel.SNAPSHOT_SETTLE_MILLIS);
            assertTrue(fx(idle::isIdle));
            assertNull(fx(() -> idle.sweepGridProperty().get()));
            assertNull(fx(() -> idle.priorSamplesProperty().get()));
            assertNull(fx(() -> idle.reconstructionsProperty().get()));
            assertEquals(-1, fx(() -> idle.variantsSourceProperty().get()));
            assertEquals("", fx(() -> idle.errorProperty().get()));
        } finally {
            onFx(empty::close);
        }
    }
}
