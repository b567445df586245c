package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.decodeImage;
import static io.vaeexplorer.ui.ExperimentFixture.image;
import static io.vaeexplorer.ui.ExperimentFixture.samePixels;
import static io.vaeexplorer.ui.ExperimentFixture.tileAt;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.PriorSampler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prior samples and a digit's variants without a toolkit: the test thread plays the FX thread. */
class SamplesViewModelTest {

    private static WeightSnapshot weights;
    private static Dataset mnist;

    @TempDir
    Path tempDir;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private SamplesViewModel samples;
    private LabeledImages test;
    private InferenceModel direct;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @BeforeEach
    void samplesOfTheUntrainedModel() {
        bed = new ExperimentTestbed(fx).open(mnist, weights);
        samples = bed.samples();
        test = mnist.test();
        direct = new InferenceModel(weights, ComputeDevice.cpu());
    }

    @AfterEach
    void close() {
        direct.close();
        bed.close();
    }

    @Test
    void priorSamplesAreReproducibleForASeedAndChangeOnResample() {
        fx.waitUntil("prior samples", () -> samples.priorSamplesProperty().get() != null);
        Raster first = samples.priorSamplesProperty().get();
        assertEquals(tiledSize(8), first.width(), "8 per row");
        assertEquals(tiledSize(8), first.height(), "64 samples");
        long seed = samples.sampleSeedProperty().get();
        samples.resample();
        fx.waitUntil("resampled", () -> !samePixels(samples.priorSamplesProperty().get(), first));
        samples.sampleSeedProperty().set(seed);
        fx.waitUntil("the first samples again", () -> samePixels(samples.priorSamplesProperty().get(), first));
        float[] z0 = PriorSampler.sample(64, 2, seed);
        assertSameImage(decodeImage(direct, new float[] {z0[0], z0[1]}), tileAt(first, 0, 0), "first sample");
    }

    @Test
    void variantsComeFromATestImageOfTheChosenDigitShownFirst() {
        samples.variantsDigitProperty().set(7);
        int source = samples.variantsSourceProperty().get();
        assertEquals(7, test.label(source));
        for (int i = 0; i < source; i++) {
            assertNotEquals(7, test.label(i), "the first 7 of the test set");
        }
        fx.waitUntil("variants of the 7", () -> samples.variantsProperty().get() != null
                && samePixels(tileAt(samples.variantsProperty().get(), 0, 0), image(test.image(source))));
        Raster variants = samples.variantsProperty().get();
        assertEquals(tiledSize(SamplesViewModel.VARIANT_COLUMNS), variants.width());
        assertEquals(tiledSize(3), variants.height(), "source + 32 variants in rows of 11");
        assertFalse(samePixels(tileAt(variants, 1, 0), tileAt(variants, 2, 0)), "variants differ");

        samples.nextVariantSource();
        int next = samples.variantsSourceProperty().get();
        assertTrue(next > source);
        assertEquals(7, test.label(next));
        fx.waitUntil("variants of the next 7", () -> samePixels(tileAt(samples.variantsProperty().get(), 0, 0),
                image(test.image(next))));
    }

    @Test
    void anotherDataSetTakesTheFirstImageOfTheDigitThere() {
        samples.variantsDigitProperty().set(7);
        samples.nextVariantSource();
        int second = samples.variantsSourceProperty().get();
        Dataset fewer = new Dataset(mnist.name(), mnist.train(), test.first(second), mnist.classNames());
        bed.workspace().openDataset(fewer);
        int first = samples.variantsSourceProperty().get();
        assertTrue(first < second, "the first 7 of the new test images");
        assertEquals(7, fewer.test().label(first));
        fx.waitUntil("variants of the first 7", () -> samples.variantsProperty().get() != null
                && samePixels(tileAt(samples.variantsProperty().get(), 0, 0), image(test.image(first))));
    }

    @Test
    void exportsWriteTheSamplesAndTheVariantsAsPngsOfTheirOwnSize() throws Exception {
        fx.waitUntil("samples and variants", () -> samples.priorSamplesProperty().get() != null
                && samples.variantsProperty().get() != null);
        Path prior = tempDir.resolve("prior-samples.png");
        samples.exportSamplesPng(prior);
        fx.waitUntil("the samples are written", () -> bed.lines().status().equals("saved " + prior));
        BufferedImage read = ImageIO.read(prior.toFile());
        assertEquals(samples.priorSamplesProperty().get().width(), read.getWidth());
        assertEquals(samples.priorSamplesProperty().get().height(), read.getHeight());

        Path variants = tempDir.resolve("variants.png");
        samples.exportVariantsPng(variants);
        fx.waitUntil("the variants are written", () -> bed.lines().status().equals("saved " + variants));
        assertEquals(samples.variantsProperty().get().width(), ImageIO.read(variants.toFile()).getWidth());
    }
}
