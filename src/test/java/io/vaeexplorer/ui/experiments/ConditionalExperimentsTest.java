package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.maxDifference;
import static io.vaeexplorer.ui.ExperimentFixture.samePixels;
import static io.vaeexplorer.ui.ExperimentFixture.tileAt;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.PriorSampler;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.draw.DrawViewModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiments of a conditional model without a toolkit (the test thread plays the FX thread): what starts from
 * a latent vector is decoded as the class chosen in the workspace, test images are encoded as their own class, and
 * the samples can be shown by class.
 */
class ConditionalExperimentsTest {

    private static final int CLASSES = 10;
    private static WeightSnapshot conditional;
    private static Dataset mnist;

    @TempDir
    Path tempDir;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private InferenceModel direct;

    @BeforeAll
    static void untrainedConditionalModelAndData() {
        conditional = ExperimentFixture.untrainedWeights(ModelConfig.mlp(2, List.of(16)).withConditionClasses(CLASSES),
                3, 1);
        mnist = SmallMnist.slice(300, 500);
    }

    private void open(WeightSnapshot weights) {
        bed = new ExperimentTestbed(fx).open(mnist, weights);
        direct = new InferenceModel(weights, ComputeDevice.cpu());
    }

    @AfterEach
    void close() {
        if (direct != null) {
            direct.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    /** The decode of z at a class, as the experiments' tiles hold it. */
    private Raster decodedAt(float[] z, int label) {
        return ImageTiler.tile(direct.decode(z, new int[] {label}, 1), 1, ImageShape.grey(28, 28), 1, 0, 1);
    }

    /** {mu, sigma} of a test image encoded as its own class. */
    private float[][] encodedAsItself(LabeledImages test, int index) {
        return direct.encode(test.image(index), new int[] {test.label(index)}, 1);
    }

    private void chooseClass(int label) {
        bed.workspace().decodeClassProperty().set(label);
    }

    @Test
    void anotherClassRedrawsThePriorSamplesTheSweepTheInterpolationAndTheVariantsAsThatClass() {
        open(conditional);
        SamplesViewModel samples = bed.samples();
        EpsilonSweepViewModel sweep = bed.sweep();
        InterpolationViewModel interpolation = bed.interpolation();
        fx.waitUntil("every experiment", () -> samples.priorSamplesProperty().get() != null
                && samples.variantsProperty().get() != null && sweep.gridProperty().get() != null
                && interpolation.interpolatedImageProperty().get() != null && bed.jobs().isIdle());
        LabeledImages test = mnist.test();
        float[] z0 = Arrays.copyOf(PriorSampler.sample(64, 2, samples.sampleSeedProperty().get()), 2);
        Raster priorAtZero = samples.priorSamplesProperty().get();
        assertSameImage(decodedAt(z0, 0), tileAt(priorAtZero, 0, 0), "class 0 before any choice");
        assertTrue(maxDifference(decodedAt(z0, 0), decodedAt(z0, 7)) > 5,
                "the untrained model must draw classes 0 and 7 apart for this test to mean anything");
        Raster sweepAtZero = sweep.gridProperty().get();
        Raster interpolationAtZero = interpolation.interpolatedImageProperty().get();

        chooseClass(7);
        fx.waitUntil("the experiments redrawn as 7s", () -> bed.jobs().isIdle()
                && !samePixels(samples.priorSamplesProperty().get(), priorAtZero)
                && !samePixels(sweep.gridProperty().get(), sweepAtZero)
                && !samePixels(interpolation.interpolatedImageProperty().get(), interpolationAtZero));
        assertSameImage(decodedAt(z0, 7), tileAt(samples.priorSamplesProperty().get(), 0, 0), "a prior sample");
        // test images are encoded as what they are, then drawn as the chosen class
        assertSameImage(decodedAt(encodedAsItself(test, 0)[0], 7), tileAt(sweep.gridProperty().get(), 4, 4),
                "the sweep's centre, test image 0's mean");
        assertSameImage(decodedAt(encodedAsItself(test, 0)[0], 7), interpolation.interpolatedImageProperty().get(),
                "the interpolation at t = 0");
        int source = samples.variantsSourceProperty().get();
        float[][] posterior = encodedAsItself(test, source);
        float[] firstVariant = Arrays.copyOf(PriorSampler.posterior(posterior[0], posterior[1],
                SamplesViewModel.VARIANT_COUNT, source), 2);
        assertSameImage(decodedAt(firstVariant, 7), tileAt(samples.variantsProperty().get(), 1, 0), "a variant");

        chooseClass(0);
        fx.waitUntil("class 0 again", () -> bed.jobs().isIdle()
                && samePixels(samples.priorSamplesProperty().get(), priorAtZero));
    }

    @Test
    void reconstructionsAreToldEachImagesClassAndADrawingIsEncodedAsTheChosenClass() {
        open(conditional);
        ReconstructionsViewModel reconstructions = bed.reconstructions();
        LabeledImages test = mnist.test();
        fx.waitUntil("the reconstructions", () -> reconstructions.reconstructionsProperty().get() != null);
        Raster raster = reconstructions.reconstructionsProperty().get();
        for (int i = 0; i < 16; i += 5) {
            float[] mu = encodedAsItself(test, i)[0];
            Raster reconstruction = ExperimentFixture.tileAtPixel(raster, ExperimentFixture.tileLeft(i),
                    tiledSize(1) + ExperimentsViewModel.PADDING);
            assertSameImage(decodedAt(mu, test.label(i)), reconstruction, "test image " + i + " as itself");
        }

        DrawViewModel draw = bed.experiments().draw();
        float[] drawing = test.image(3);
        draw.encode(drawing);
        fx.waitUntil("the drawing's posterior", () -> bed.sketchPosterior().get() != null);
        assertArrayEquals(direct.encode(drawing, new int[] {0}, 1)[0], bed.sketchPosterior().get().mu(), 1e-4f,
                "encoded as class 0, the class chosen");
        chooseClass(4);
        float[] asFour = direct.encode(drawing, new int[] {4}, 1)[0];
        fx.waitUntil("the drawing encoded as a 4", () -> Math.abs(bed.sketchPosterior().get().mu()[0] - asFour[0])
                < 1e-4f && Math.abs(bed.sketchPosterior().get().mu()[1] - asFour[1]) < 1e-4f);
        fx.waitUntil("all redrawn", bed.jobs()::isIdle);
        assertTrue(samePixels(raster, reconstructions.reconstructionsProperty().get()),
                "the reconstructions do not depend on the class chosen");
    }

    @Test
    void theSamplesByClassHaveARowPerClassAndAColumnPerVectorOfTheSamplesSeed() throws Exception {
        open(conditional);
        SamplesViewModel samples = bed.samples();
        assertTrue(samples.conditionalProperty().get());
        assertFalse(samples.classGridShownProperty().get(), "off until asked for");
        assertNull(samples.classGridProperty().get());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), samples.classGridRowNames());

        samples.byClassProperty().set(true);
        fx.waitUntil("the class grid", () -> samples.classGridProperty().get() != null);
        Raster grid = samples.classGridProperty().get();
        assertEquals(tiledSize(SamplesViewModel.SAMPLE_COLUMNS), grid.width(), "8 columns");
        assertEquals(tiledSize(CLASSES), grid.height(), "a row per class");
        float[] z = PriorSampler.sample(SamplesViewModel.SAMPLE_COLUMNS, 2, samples.sampleSeedProperty().get());
        for (int row = 0; row < CLASSES; row += 3) {
            for (int column = 0; column < SamplesViewModel.SAMPLE_COLUMNS; column += 5) {
                assertSameImage(decodedAt(Arrays.copyOfRange(z, 2 * column, 2 * column + 2), row),
                        tileAt(grid, column, row), "column " + column + " as class " + row);
            }
        }
        for (int row = 0; row + 1 < CLASSES; row++) {
            assertFalse(samePixels(tileAt(grid, 0, row), tileAt(grid, 0, row + 1)), "rows " + row + " and "
                    + (row + 1) + " differ");
        }

        samples.classColumnsProperty().set(3);
        fx.waitUntil("three columns", () -> samples.classGridProperty().get().width() == tiledSize(3));
        Raster narrow = samples.classGridProperty().get();
        assertSameImage(tileAt(grid, 2, 5), tileAt(narrow, 2, 5), "the same seed draws the same vectors");
        samples.resample();
        fx.waitUntil("new vectors", () -> !samePixels(samples.classGridProperty().get(), narrow));

        Path file = tempDir.resolve("by-class.png");
        samples.exportClassGridPng(file);
        fx.waitUntil("the grid is written", () -> bed.lines().status().equals("saved " + file));
        assertEquals(tiledSize(CLASSES), ImageIO.read(file.toFile()).getHeight());

        samples.byClassProperty().set(false);
        fx.waitUntil("the grid put away", () -> samples.classGridProperty().get() == null);
    }

    @Test
    void aPlainModelShowsNoClassGridAndIgnoresTheChosenClass() {
        open(ExperimentFixture.untrainedWeights(1, 1));
        SamplesViewModel samples = bed.samples();
        samples.byClassProperty().set(true);
        fx.waitUntil("the prior samples", () -> samples.priorSamplesProperty().get() != null && bed.jobs().isIdle());
        assertFalse(samples.conditionalProperty().get());
        assertFalse(samples.classGridShownProperty().get());
        assertNull(samples.classGridProperty().get());
        assertEquals(List.of(), samples.classGridRowNames());
        Raster before = samples.priorSamplesProperty().get();

        chooseClass(5);
        assertTrue(bed.jobs().isIdle(), "nothing to redraw");
        fx.runFor(100);
        assertTrue(samePixels(before, samples.priorSamplesProperty().get()));
    }
}
