package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.image;
import static io.vaeexplorer.ui.ExperimentFixture.samePixels;
import static io.vaeexplorer.ui.ExperimentFixture.tileAt;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconstructions and how they follow new weights, without a toolkit: the test thread plays the FX thread. */
class ReconstructionsViewModelTest {

    private static WeightSnapshot weights;
    private static Dataset mnist;

    @TempDir
    Path tempDir;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private ReconstructionsViewModel reconstructions;
    private LabeledImages test;
    private InferenceModel direct;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @BeforeEach
    void reconstructionsOfTheUntrainedModel() {
        bed = new ExperimentTestbed(fx).open(mnist, weights);
        reconstructions = bed.reconstructions();
        test = mnist.test();
        direct = new InferenceModel(weights, ComputeDevice.cpu());
    }

    @AfterEach
    void close() {
        direct.close();
        bed.close();
    }

    private Raster awaitNew(String what, Raster before) {
        fx.waitUntil(what, () -> reconstructions.reconstructionsProperty().get() != null
                && (before == null || !samePixels(reconstructions.reconstructionsProperty().get(), before)));
        return reconstructions.reconstructionsProperty().get();
    }

    /** The reconstruction of test image i: the reconstructions' own tiling starts below the originals'. */
    private static Raster reconstructionAt(Raster raster, int i) {
        return ExperimentFixture.tileAtPixel(raster, ExperimentFixture.tileLeft(i),
                tiledSize(1) + ExperimentsViewModel.PADDING);
    }

    @Test
    void reconstructionsShowSixteenTestImagesAboveTheirReconstructionsAndFollowTheWeights() {
        Raster raster = awaitNew("reconstructions", null);
        assertEquals(tiledSize(16), raster.width());
        assertEquals(2 * tiledSize(1), raster.height(), "two rows of 16");
        for (int i = 0; i < 16; i += 5) {
            Raster top = tileAt(raster, i, 0);
            assertTrue(samePixels(image(test.image(i)), top), "original " + i);
            assertSameImage(image(direct.reconstruct(test.image(i), 1)), reconstructionAt(raster, i),
                    "reconstruction " + i);
        }

        WeightSnapshot newer = ExperimentFixture.untrainedWeights(2, 2);
        bed.showWeights(newer);
        Raster updated = awaitNew("reconstructions of the new weights", raster);
        assertTrue(samePixels(tileAt(raster, 3, 0), tileAt(updated, 3, 0)), "the originals stay");
    }

    @Test
    void aBurstOfWeightUpdatesInsideOneSettleWindowIsOneRecomputation() {
        awaitNew("reconstructions", null);
        fx.waitUntil("the first results are done", bed.jobs()::isIdle);
        AtomicInteger updates = new AtomicInteger();
        reconstructions.reconstructionsProperty().addListener((obs, was, now) -> updates.incrementAndGet());
        WeightSnapshot other = ExperimentFixture.untrainedWeights(2, 2);
        // ten snapshots before the FX thread runs again, as a training run publishes them between two frames: the
        // first opens the settle window, whose end is an FX task, so the rest fall inside it whatever the clock
        for (int i = 0; i < 10; i++) {
            bed.showWeights(i % 2 == 0 ? other : weights);
        }
        fx.waitUntil("the recomputation is done", () -> updates.get() >= 1 && bed.jobs().isIdle());
        assertEquals(1, updates.get(), "one recomputation for ten snapshots");
        Raster expected = image(direct.reconstruct(test.image(0), 1));
        assertSameImage(expected, reconstructionAt(reconstructions.reconstructionsProperty().get(), 0),
                "the newest weights' reconstruction");
    }

    @Test
    void exportWritesAPngOfTheRastersOwnSize() throws Exception {
        Raster raster = awaitNew("reconstructions", null);
        Path file = tempDir.resolve("reconstructions.png");
        reconstructions.exportPng(file);
        fx.waitUntil("the PNG is written", () -> bed.lines().status().equals("saved " + file));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(raster.width(), read.getWidth());
        assertEquals(raster.height(), read.getHeight());
    }
}
