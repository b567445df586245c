package io.vaeexplorer.ui.draw;

import static io.vaeexplorer.ui.ExperimentFixture.assertSameImage;
import static io.vaeexplorer.ui.ExperimentFixture.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.TinyModels;
import io.vaeexplorer.ui.experiments.ExperimentTestbed;
import io.vaeexplorer.ui.experiments.QueuedFx;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the model makes of a drawing, without a toolkit: the test thread plays the FX thread. */
class DrawViewModelTest {

    private static WeightSnapshot weights;
    private static Dataset mnist;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private DrawViewModel draw;
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
        draw = new DrawViewModel(bed.workspace(), bed.interactiveWorker(), bed.sketchPosterior(), bed.lines());
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
}
