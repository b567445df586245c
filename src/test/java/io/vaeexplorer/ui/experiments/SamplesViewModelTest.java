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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.GaussianMixture;
import io.vaeexplorer.explore.PriorSampler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prior samples, samples from a mixture fitted to the training codes, and a digit's variants without a toolkit: the
 * test thread plays the FX thread.
 */
class SamplesViewModelTest {

    private static final int TRAINING_IMAGES = 1000;

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
        mnist = SmallMnist.slice(TRAINING_IMAGES, 10_000);
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
    void theMixtureGridComesBesideThePriorsWithAsManySamplesDrawnFromTheMixtureFittedToTheTrainingCodes() {
        fx.waitUntil("both grids", () -> samples.priorSamplesProperty().get() != null
                && samples.mixtureSamplesProperty().get() != null);
        Raster prior = samples.priorSamplesProperty().get();
        Raster mixture = samples.mixtureSamplesProperty().get();
        assertEquals(prior.width(), mixture.width(), "8 per row");
        assertEquals(prior.height(), mixture.height(), "64 samples");
        assertFalse(samePixels(prior, mixture), "the mixture's samples are not the prior's");
        assertEquals("mixture of 10 Gaussians fitted to the training codes", samples.mixtureCaptionProperty().get());

        // the codes of every training image under these weights, the mixture fitted to them, its samples decoded
        LabeledImages train = mnist.train();
        float[][] posterior = direct.encodeGrey(train.grey(), train.count());
        GaussianMixture expected = GaussianMixture.fitToPosteriors(
                new LatentCodes(train.count(), 2, posterior[0], posterior[1], train.labels()), 10,
                SamplesViewModel.FIT_SEED);
        float[] z = expected.sample(64, samples.sampleSeedProperty().get());
        assertSameImage(decodeImage(direct, new float[] {z[0], z[1]}), tileAt(mixture, 0, 0), "first sample");
        assertSameImage(decodeImage(direct, new float[] {z[126], z[127]}), tileAt(mixture, 7, 7), "last sample");
        assertSame(weights, samples.fittedMixture().weights(), "fitted to the codes of the weights shown");
    }

    @Test
    void aNewSeedOrCountDrawsFromTheSameFitAndTheSameSeedDrawsTheSameSamples() {
        fx.waitUntil("the mixture's samples", () -> samples.mixtureSamplesProperty().get() != null);
        Raster first = samples.mixtureSamplesProperty().get();
        assertEquals(1, samples.mixtureFits());
        long seed = samples.sampleSeedProperty().get();

        samples.resample();
        fx.waitUntil("resampled", () -> !samePixels(samples.mixtureSamplesProperty().get(), first));
        samples.sampleCountProperty().set(16);
        fx.waitUntil("16 samples", () -> samples.mixtureSamplesProperty().get().height() == tiledSize(2));
        samples.sampleCountProperty().set(64);
        samples.sampleSeedProperty().set(seed);
        fx.waitUntil("the first samples again", () -> samePixels(samples.mixtureSamplesProperty().get(), first));
        assertEquals(1, samples.mixtureFits(), "one fit for every seed and count");
    }

    @Test
    void theMixtureWaitsWhileItsGridIsNotOnScreen() {
        fx.waitUntil("the mixture's samples", () -> samples.mixtureSamplesProperty().get() != null);
        samples.mixtureShownProperty().set(false);
        samples.mixtureComponentsProperty().set(4);
        fx.runFor(300);
        assertEquals(1, samples.mixtureFits(), "no fit while the Samples tab is hidden");
        samples.mixtureShownProperty().set(true);
        fx.waitUntil("the samples of 4 Gaussians", () -> samples.mixtureCaptionProperty().get()
                .equals("mixture of 4 Gaussians fitted to the training codes"));
        assertEquals(2, samples.mixtureFits());
    }

    @Test
    void anotherNumberOfComponentsRefitsAndTheCaptionNamesIt() {
        fx.waitUntil("the mixture's samples", () -> samples.mixtureSamplesProperty().get() != null);
        Raster tenComponents = samples.mixtureSamplesProperty().get();

        samples.mixtureComponentsProperty().set(3);
        fx.waitUntil("the samples of 3 Gaussians", () -> samples.mixtureCaptionProperty().get()
                .equals("mixture of 3 Gaussians fitted to the training codes"));
        assertEquals(2, samples.mixtureFits());
        assertEquals(3, samples.fittedMixture().mixture().components());
        assertFalse(samePixels(tenComponents, samples.mixtureSamplesProperty().get()));

        samples.mixtureComponentsProperty().set(1);
        fx.waitUntil("the samples of one Gaussian", () -> samples.mixtureCaptionProperty().get()
                .equals("mixture of 1 Gaussian fitted to the training codes"));
        assertEquals(3, samples.mixtureFits());

        samples.mixtureComponentsProperty().set(0);
        assertEquals(SamplesViewModel.MIN_COMPONENTS, samples.mixtureComponentsProperty().get());
        samples.mixtureComponentsProperty().set(1000);
        assertEquals(SamplesViewModel.MAX_COMPONENTS, samples.mixtureComponentsProperty().get());
    }

    @Test
    void newWeightsRefitToTheirOwnCodesAndABurstOfThemFitsOnceToTheNewest() {
        fx.waitUntil("the mixture's samples", () -> samples.mixtureSamplesProperty().get() != null);
        Raster before = samples.mixtureSamplesProperty().get();
        List<WeightSnapshot> burst = List.of(ExperimentFixture.untrainedWeights(2, 2),
                ExperimentFixture.untrainedWeights(3, 3), ExperimentFixture.untrainedWeights(4, 4));
        burst.forEach(bed::showWeights);
        WeightSnapshot newest = burst.get(burst.size() - 1);
        fx.waitUntil("a fit to the newest weights' codes", () -> samples.fittedMixture().weights() == newest);
        fx.waitUntil("every job done", bed.jobs()::isIdle);
        assertEquals(2, samples.mixtureFits(), "weights published faster than a fit cost one fit");
        assertFalse(samePixels(before, samples.mixtureSamplesProperty().get()));
    }

    @Test
    void variantsComeFromATestImageOfTheChosenDigitShownFirst() {
        samples.variantsClassProperty().set(7);
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
        samples.variantsClassProperty().set(7);
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
                && samples.mixtureSamplesProperty().get() != null && samples.variantsProperty().get() != null);
        Path both = tempDir.resolve("samples.png");
        samples.exportSamplesPng(both);
        fx.waitUntil("the samples are written", () -> bed.lines().status().equals("saved " + both));
        BufferedImage read = ImageIO.read(both.toFile());
        Raster prior = samples.priorSamplesProperty().get();
        Raster mixture = samples.mixtureSamplesProperty().get();
        assertEquals(prior.width() + SamplesViewModel.EXPORT_GAP + mixture.width(), read.getWidth());
        assertEquals(prior.height(), read.getHeight());
        assertPictureAt(prior, read, 0, "the prior's samples on the left");
        assertPictureAt(mixture, read, prior.width() + SamplesViewModel.EXPORT_GAP, "the mixture's on the right");

        Path variants = tempDir.resolve("variants.png");
        samples.exportVariantsPng(variants);
        fx.waitUntil("the variants are written", () -> bed.lines().status().equals("saved " + variants));
        assertEquals(samples.variantsProperty().get().width(), ImageIO.read(variants.toFile()).getWidth());
    }

    private static void assertPictureAt(Raster expected, BufferedImage picture, int left, String what) {
        // the stored levels: getRGB would convert a grey picture's levels as linear light
        assertEquals(expected.channels(), picture.getRaster().getNumBands(), what + ": channels");
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                for (int c = 0; c < expected.channels(); c++) {
                    if (picture.getRaster().getSample(left + x, y, c) != expected.level(x, y, c)) {
                        throw new AssertionError(what + ": pixel (" + x + ", " + y + ") differs");
                    }
                }
            }
        }
    }
}
