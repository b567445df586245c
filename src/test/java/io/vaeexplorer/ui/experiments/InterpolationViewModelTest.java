package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.decodeImage;
import static io.vaeexplorer.ui.ExperimentFixture.maxDifference;
import static io.vaeexplorer.ui.ExperimentFixture.samePixels;
import static io.vaeexplorer.ui.ExperimentFixture.tileAt;
import static io.vaeexplorer.ui.ExperimentFixture.tiledSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.InterpolationEnds;
import io.vaeexplorer.explore.PriorSampler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interpolation's view-model without a toolkit: the test thread plays the FX thread. */
class InterpolationViewModelTest {

    private static WeightSnapshot weights;
    private static Dataset mnist;

    @TempDir
    Path tempDir;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private InterpolationViewModel interpolation;
    private LabeledImages test;
    private InferenceModel direct;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @BeforeEach
    void interpolationOfTheFirstTwoTestImages() {
        bed = new ExperimentTestbed(fx).open(mnist, weights);
        interpolation = bed.interpolation();
        test = mnist.test();
        direct = new InferenceModel(weights, ComputeDevice.cpu());
    }

    @AfterEach
    void close() {
        direct.close();
        bed.close();
    }

    private void awaitImageAndStrip() {
        fx.waitUntil("the first decode and strip", () -> interpolation.interpolatedImageProperty().get() != null
                && interpolation.stripProperty().get() != null);
    }

    @Test
    void interpolationEndsAreTheDecodesOfTheMeansAndTheStripAndPathHaveOneEntryPerStep() {
        float[] muA = direct.encode(test.image(0), 1)[0];
        float[] muB = direct.encode(test.image(1), 1)[0];
        Raster expectedA = decodeImage(direct, muA);
        Raster expectedB = decodeImage(direct, muB);
        assertTrue(maxDifference(expectedA, expectedB) > 5,
                "the untrained model must tell image 0 from image 1 for this test to mean anything");

        fx.waitUntil("the decode at t = 0", () -> interpolation.interpolatedImageProperty().get() != null);
        assertSameImage(expectedA, interpolation.interpolatedImageProperty().get(), "t = 0");
        long answered = interpolation.interpolationAnswers();
        interpolation.tProperty().set(1);
        assertEquals(1.0, bed.interpolationT().get(), "the plane marks t");
        fx.waitUntil("the decode at t = 1 is the decode of mu_B", () -> maxDifference(
                interpolation.interpolatedImageProperty().get(), expectedB) <= 1);
        assertTrue(interpolation.interpolationAnswers() > answered);

        fx.waitUntil("the strip", () -> interpolation.stripProperty().get() != null);
        Raster strip = interpolation.stripProperty().get();
        assertEquals(tiledSize(10), strip.width());
        assertEquals(tiledSize(1), strip.height());
        assertSameImage(expectedA, tileAt(strip, 0, 0), "first step");
        assertSameImage(expectedB, tileAt(strip, 9, 0), "last step");
        double[] path = bed.interpolationPath().get();
        assertEquals(20, path.length, "10 points on the plane");
        assertArrayEquals(new double[] {muA[0], muA[1]}, new double[] {path[0], path[1]}, 1e-5);
        assertArrayEquals(new double[] {muB[0], muB[1]}, new double[] {path[18], path[19]}, 1e-5);

        interpolation.stripStepsProperty().set(4);
        fx.waitUntil("a 4-step strip", () -> !samePixels(interpolation.stripProperty().get(), strip));
        assertEquals(tiledSize(4), interpolation.stripProperty().get().width());
        fx.waitUntil("a 4-point path", () -> bed.interpolationPath().get().length == 8);
    }

    @Test
    void fixedNoiseDecodesTheMeanPlusOneSeededEpsTimesSigma() {
        fx.waitUntil("the decode at t = 0", () -> interpolation.interpolatedImageProperty().get() != null);
        Raster meanOnly = interpolation.interpolatedImageProperty().get();
        interpolation.fixedEpsProperty().set(true);
        fx.waitUntil("the noisy decode", () -> !samePixels(interpolation.interpolatedImageProperty().get(),
                meanOnly));
        Raster noisy = interpolation.interpolatedImageProperty().get();
        float[][] a = direct.encode(test.image(0), 1);
        float[] eps = PriorSampler.sample(1, 2, InterpolationEnds.pairSeed(0, 1));
        float[] z = {a[0][0] + eps[0] * a[1][0], a[0][1] + eps[1] * a[1][1]};
        assertSameImage(decodeImage(direct, z), noisy, "mu_A + eps * sigma_A");
    }

    @Test
    void aDrawingTakesAnEndUntilATestImageIsPickedThere() {
        awaitImageAndStrip();
        float[] drawing = test.image(5);
        interpolation.useDrawingAs(true, drawing);
        assertNotNull(interpolation.drawnAProperty().get());
        assertNull(interpolation.drawnBProperty().get());
        Raster expected = decodeImage(direct, direct.encode(drawing, 1)[0]);
        fx.waitUntil("t = 0 decodes the drawing", () -> maxDifference(
                interpolation.interpolatedImageProperty().get(), expected) <= 1);

        interpolation.imageAProperty().set(2);
        assertNull(interpolation.drawnAProperty().get(), "the picked test image replaces the drawing");
        Raster atTwo = decodeImage(direct, direct.encode(test.image(2), 1)[0]);
        fx.waitUntil("t = 0 decodes test image 2", () -> maxDifference(
                interpolation.interpolatedImageProperty().get(), atTwo) <= 1);
    }

    @Test
    void exportWritesTheStripAndTheImageAtTAsPngsOfTheirOwnSize() throws Exception {
        awaitImageAndStrip();
        Raster strip = interpolation.stripProperty().get();
        Path file = tempDir.resolve("strip.png");
        interpolation.exportStripPng(file);
        fx.waitUntil("the strip is written", () -> bed.lines().status().equals("saved " + file));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(strip.width(), read.getWidth());
        assertEquals(strip.height(), read.getHeight());
        Path single = tempDir.resolve("at-t.png");
        interpolation.exportImagePng(single);
        fx.waitUntil("the image at t is written", () -> bed.lines().status().equals("saved " + single));
        assertEquals(28, ImageIO.read(single.toFile()).getWidth());
    }

    @Test
    void theGifPlaysTheStripFromAToBAndBack() throws Exception {
        Path early = tempDir.resolve("early.gif");
        try (ExperimentTestbed empty = new ExperimentTestbed(fx)) {
            empty.interpolation().exportGif(early);
            assertEquals("no interpolation decoded yet", empty.lines().error());
        }
        assertFalse(Files.exists(early));

        awaitImageAndStrip();
        int steps = interpolation.stripStepsProperty().get();
        Path file = tempDir.resolve("interpolation.gif");
        interpolation.exportGif(file);
        fx.waitUntil("the GIF is written", () -> Files.exists(file)
                && bed.lines().status().contains("interpolation.gif"));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertEquals(2 * steps - 2, reader.getNumImages(true), "A to B and back, the ends once each");
            BufferedImage first = reader.read(0);
            assertEquals(28 * InterpolationViewModel.ANIMATION_SCALE, first.getWidth());
            BufferedImage last = reader.read(steps - 1);
            assertFalse(Arrays.equals(first.getRGB(0, 0, 112, 112, null, 0, 112),
                    last.getRGB(0, 0, 112, 112, null, 0, 112)), "A and B differ");
        } finally {
            reader.dispose();
        }
    }

    @Test
    void atTwoTimesEveryGifFrameIsTheFrameAtOneWithEachPixelATwoByTwoBlock() throws Exception {
        awaitImageAndStrip();
        List<BufferedImage> once = gifFrames("once.gif");
        bed.exportSize().doubledProperty().set(true);
        List<BufferedImage> twice = gifFrames("twice.gif");
        assertEquals(once.size(), twice.size());
        for (int f = 0; f < once.size(); f++) {
            BufferedImage small = once.get(f);
            BufferedImage large = twice.get(f);
            assertEquals(2 * small.getWidth(), large.getWidth(), "frame " + f);
            assertEquals(2 * small.getHeight(), large.getHeight(), "frame " + f);
            for (int y = 0; y < large.getHeight(); y++) {
                for (int x = 0; x < large.getWidth(); x++) {
                    assertEquals(small.getRGB(x / 2, y / 2), large.getRGB(x, y), "frame " + f + " at " + x + ", " + y);
                }
            }
        }
    }

    /** Exports the interpolation's GIF and reads back its frames. */
    private List<BufferedImage> gifFrames(String name) throws Exception {
        Path file = tempDir.resolve(name);
        interpolation.exportGif(file);
        fx.waitUntil("the GIF is written", () -> bed.lines().status().equals("saved " + file));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            List<BufferedImage> frames = new ArrayList<>();
            for (int i = 0; i < reader.getNumImages(true); i++) {
                frames.add(reader.read(i));
            }
            return frames;
        } finally {
            reader.dispose();
        }
    }
}
