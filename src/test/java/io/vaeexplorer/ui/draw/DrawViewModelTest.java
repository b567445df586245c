package io.vaeexplorer.ui.draw;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.ImageFolderLoader;
import io.vaeexplorer.data.ImageFolderOptions;
import io.vaeexplorer.data.LoadProgress;
import io.vaeexplorer.data.PictureFiles;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.TinyModels;
import io.vaeexplorer.ui.experiments.ExperimentTestbed;
import io.vaeexplorer.ui.experiments.InterpolationViewModel;
import io.vaeexplorer.ui.experiments.QueuedFx;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the model makes of a drawing or an opened picture, without a toolkit: the test thread plays the FX thread and
 * picture files are read on it too.
 */
class DrawViewModelTest {

    private static final int SIDE = 16;

    private static WeightSnapshot weights;
    private static Dataset mnist;

    @TempDir
    Path temp;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private DrawViewModel draw;
    private InterpolationViewModel interpolation;
    /** A test image stands in for a drawing: both are 28 x 28 levels in [0, 1]. */
    private float[] drawing;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @BeforeEach
    void drawViewModel() {
        bed = new ExperimentTestbed(fx).open(mnist, weights);
        interpolation = bed.interpolation();
        draw = new DrawViewModel(bed.workspace(), bed.interactiveWorker(), TaskExecutor.direct(),
                bed.sketchPosterior(), interpolation::useDrawingAs, bed.lines());
        drawing = mnist.test().image(0);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aDrawingGetsItsPosteriorOnThePlaneAndItsReconstructionAndClearingTakesThemAway() {
        assertEquals(DrawViewModel.DRAW_PROMPT, draw.descriptionProperty().get());
        draw.encode(drawing);
        fx.waitUntil("the drawing's posterior", () -> bed.sketchPosterior().get() != null);
        try (InferenceModel direct = new InferenceModel(weights, ComputeDevice.cpu())) {
            float[][] posterior = direct.encode(drawing, 1);
            assertArrayEquals(posterior[0], bed.sketchPosterior().get().mu(), 1e-5f);
            assertArrayEquals(posterior[1], bed.sketchPosterior().get().sigma(), 1e-5f);
            assertSameImage(image(direct.reconstruct(drawing, 1)), draw.reconstructionProperty().get(),
                    "the reconstruction");
        }
        assertTrue(draw.descriptionProperty().get().startsWith("mu "), draw.descriptionProperty().get());
        assertTrue(draw.descriptionProperty().get().contains("\nsigma "), draw.descriptionProperty().get());

        draw.encode(null);
        assertNull(bed.sketchPosterior().get());
        assertNull(draw.reconstructionProperty().get());
        assertEquals(DrawViewModel.DRAW_PROMPT, draw.descriptionProperty().get());
        assertEquals("", bed.lines().error());
    }

    @Test
    void theAnswerForADrawingClearedMeanwhileIsDropped() {
        draw.encode(drawing);
        draw.encode(null);
        fx.waitUntil("the encode is done", () -> bed.interactiveWorker().isIdle());
        fx.runFor(100);
        assertNull(bed.sketchPosterior().get(), "the cleared pad has no posterior");
        assertNull(draw.reconstructionProperty().get());
    }

    @Test
    void newWeightsEncodeTheDrawingAfresh() {
        draw.encode(drawing);
        fx.waitUntil("the drawing's posterior", () -> bed.sketchPosterior().get() != null);
        float[] before = bed.sketchPosterior().get().mu();
        WeightSnapshot newer = ExperimentFixture.untrainedWeights(2, 2);
        bed.showWeights(newer);
        fx.waitUntil("the posterior under the new weights", () -> !Arrays.equals(before,
                bed.sketchPosterior().get().mu()));
        try (InferenceModel direct = new InferenceModel(newer, ComputeDevice.cpu())) {
            assertArrayEquals(direct.encode(drawing, 1)[0], bed.sketchPosterior().get().mu(), 1e-5f);
        }
    }

    @Test
    void aModelOfAnotherImageSizeSaysSoInsteadOfEncoding() {
        ModelConfig smaller = new ModelConfig(ModelKind.MLP, 14, 14, 2, List.of(8), Likelihood.BCE, 1f,
                Objective.ELBO);
        WeightSnapshot small = TinyModels.untrainedWeights(smaller, 3, 3);
        bed.showWeights(small);
        draw.encode(drawing);
        assertEquals("this model takes 14x14 images; the pad draws 28x28", draw.descriptionProperty().get());
        assertNull(bed.sketchPosterior().get());
    }

    @Test
    void digitsAreDrawnAndEveryOtherSetOpensPictures() {
        assertTrue(DrawViewModel.takesDrawings(mnist));
        assertTrue(DrawViewModel.takesDrawings(null), "before any set opens, the shipped digits are coming");
        assertTrue(draw.digitsProperty().get());
        Dataset clothes = new Dataset("fashion", mnist.train(), mnist.test(),
                List.of("T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                        "Boot"));
        assertFalse(DrawViewModel.takesDrawings(clothes), "28x28 grey, but not digits");
        Dataset colour = colourPictures(temp);
        assertFalse(DrawViewModel.takesDrawings(colour));

        draw.encode(drawing);
        fx.waitUntil("the drawing's posterior", () -> bed.sketchPosterior().get() != null);
        bed.workspace().openDataset(colour);
        assertFalse(draw.digitsProperty().get());
        assertNull(bed.sketchPosterior().get(), "the drawing leaves the plane with its data set");
        assertEquals(DrawViewModel.OPEN_PROMPT, draw.descriptionProperty().get());
    }

    @Test
    void aColourPictureOnAPictureSetIsPreparedAsTheSetsOwnEncodedAndAnEndOfTheInterpolation() throws Exception {
        Dataset pictures = colourPictures(temp);
        WeightSnapshot colourModel = TinyModels.untrainedWeights(new ModelConfig(ModelKind.MLP, SIDE, SIDE, 2,
                List.of(16), Likelihood.BCE, 1f, Objective.ELBO, 3), 4, 4);
        bed.open(pictures, colourModel);
        assertEquals(DrawViewModel.OPEN_PROMPT, draw.descriptionProperty().get());

        draw.openPicture(temp.resolve("pictures/test/warm/wide.png"));
        fx.waitUntil("the picture's posterior", () -> bed.sketchPosterior().get() != null);
        // the same file, loaded with the set, is the set's last test image
        float[] asLoaded = pictures.test().image(pictures.test().count() - 1);
        assertEquals(3 * SIDE * SIDE, asLoaded.length);
        Raster shown = draw.pictureProperty().get();
        assertEquals(SIDE, shown.width());
        assertEquals(SIDE, shown.height());
        assertEquals(3, shown.channels(), "a colour picture shows in colour");
        try (InferenceModel direct = new InferenceModel(colourModel, ComputeDevice.cpu())) {
            float[][] posterior = direct.encode(asLoaded, 1);
            assertArrayEquals(posterior[0], bed.sketchPosterior().get().mu(), 1e-5f);
            assertArrayEquals(posterior[1], bed.sketchPosterior().get().sigma(), 1e-5f);
        }
        assertEquals(SIDE, draw.reconstructionProperty().get().width());
        assertTrue(draw.descriptionProperty().get().startsWith("mu "), draw.descriptionProperty().get());
        assertTrue(bed.lines().status().contains("wide.png"), bed.lines().status());

        draw.usePictureAs(true);
        assertArrayEquals(asLoaded, interpolation.drawnAProperty().get());
        assertNull(interpolation.drawnBProperty().get());
        draw.usePictureAs(false);
        assertArrayEquals(asLoaded, interpolation.drawnBProperty().get());
    }

    @Test
    void aCorruptPictureSaysSoInOneLineAndKeepsWhatWasShown() {
        Dataset pictures = colourPictures(temp);
        WeightSnapshot colourModel = TinyModels.untrainedWeights(new ModelConfig(ModelKind.MLP, SIDE, SIDE, 2,
                List.of(16), Likelihood.BCE, 1f, Objective.ELBO, 3), 4, 4);
        bed.open(pictures, colourModel);
        draw.openPicture(temp.resolve("pictures/train/cold/c0.png"));
        fx.waitUntil("the picture's posterior", () -> bed.sketchPosterior().get() != null);
        draw.usePictureAs(true);
        Raster shown = draw.pictureProperty().get();
        Posterior posterior = bed.sketchPosterior().get();
        Raster reconstruction = draw.reconstructionProperty().get();
        String description = draw.descriptionProperty().get();
        float[] endA = interpolation.drawnAProperty().get();

        Path corrupt = PictureFiles.writeBytes(temp.resolve("corrupt.png"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H'});
        draw.openPicture(corrupt);
        fx.runFor(100);
        String status = bed.lines().status();
        assertTrue(status.startsWith("picture not opened: corrupt.png: "), status);
        assertFalse(status.contains("\n"), status);
        assertSame(shown, draw.pictureProperty().get());
        assertSame(posterior, bed.sketchPosterior().get());
        assertSame(reconstruction, draw.reconstructionProperty().get());
        assertEquals(description, draw.descriptionProperty().get());
        draw.usePictureAs(true);
        assertArrayEquals(endA, interpolation.drawnAProperty().get(), "the previous picture is still the one used");
        assertEquals("", bed.lines().error());
    }

    /**
     * A colour set of {@value #SIDE}x{@value #SIDE} pictures in train/ and test/ folders, loaded as the window
     * loads a folder; its last test picture, {@code test/warm/wide.png}, is 40x30 and half transparent.
     */
    static Dataset colourPictures(Path temp) {
        Path dir = temp.resolve("pictures");
        if (!Files.isDirectory(dir)) {
            for (int i = 0; i < 3; i++) {
                PictureFiles.write(dir.resolve("train/warm/w" + i + ".png"),
                        PictureFiles.centredSquare(SIDE, SIDE, Color.BLACK, new Color(230, 90 + 30 * i, 20), 8));
                PictureFiles.write(dir.resolve("train/cold/c" + i + ".png"),
                        PictureFiles.centredSquare(SIDE, SIDE, Color.BLACK, new Color(20, 90 + 30 * i, 230), 8));
            }
            PictureFiles.write(dir.resolve("test/cold/c.png"),
                    PictureFiles.centredSquare(SIDE, SIDE, Color.DARK_GRAY, Color.CYAN, 6));
            BufferedImage wide = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    int alpha = x < 20 ? 0xff : 0x50;
                    wide.setRGB(x, y, alpha << 24 | (x * 6) << 16 | (y * 8) << 8 | 0x40);
                }
            }
            PictureFiles.write(dir.resolve("test/warm/wide.png"), wide);
        }
        return ImageFolderLoader.load(dir, ImageFolderOptions.defaults().withImageSize(SIDE), LoadProgress.NONE)
                .dataset();
    }
}
