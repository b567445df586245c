package io.vaeexplorer.ui.gallery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.TinyModels;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The comparison of colour models: originals and each model's pictures in colour, one picture of each class. */
class ComparisonBuilderTest {

    private static final ModelConfig COLOUR_MLP = new ModelConfig(ModelKind.MLP, 4, 4, 2, List.of(8), Likelihood.BCE,
            1f, Objective.ELBO, 3);

    /** Twelve 4 x 4 colour images, image i of class i and one colour: red 20 i, green 255 - 20 i, blue 0 or 255. */
    private static LabeledImages twelveColours() {
        byte[] levels = new byte[12 * 3 * 16];
        byte[] labels = new byte[12];
        for (int i = 0; i < 12; i++) {
            labels[i] = (byte) i;
            for (int p = 0; p < 16; p++) {
                levels[i * 48 + p] = (byte) (20 * i);
                levels[i * 48 + 16 + p] = (byte) (255 - 20 * i);
                levels[i * 48 + 32 + p] = (byte) (i % 2 * 255);
            }
        }
        return new LabeledImages(12, 3, 4, 4, levels, labels);
    }

    private static int colourOf(int i) {
        return 20 * i << 16 | 255 - 20 * i << 8 | i % 2 * 255;
    }

    @Test
    void colourModelsAreComparedInColourOnOneImageOfEachOfTwelveClasses() {
        LabeledImages test = twelveColours();
        List<Checkpoint> models = List.of(TinyModels.untrained(COLOUR_MLP),
                ExperimentFixture.checkpoint(TinyModels.untrainedWeights(COLOUR_MLP, 2, 1)));
        ComparisonBuilder.Result result = ComparisonBuilder.build(List.of("one", "two"), models, test, 12,
                InferenceModel::onCpu);

        assertArrayEquals(IntStream.range(0, 12).toArray(), result.imageIndices(), "classes past the tenth too");
        Raster originals = result.originals();
        assertTrue(originals.isColour());
        // six tiles a row, each 4 pixels and a 1-pixel frame: image i's top-left pixel
        for (int i = 0; i < 12; i++) {
            assertEquals(colourOf(i), originals.rgb(1 + i % 6 * 5, 1 + i / 6 * 5), "original " + i);
        }
        for (ComparisonBuilder.Column column : result.columns()) {
            assertTrue(column.reconstructions().isColour(), column.name());
            assertEquals(originals.width(), column.reconstructions().width(), "each under its original");
            assertTrue(column.manifold().isColour(), column.name());
            assertEquals(ComparisonBuilder.MANIFOLD_TILES * 4, column.manifold().width());
        }
    }

    @Test
    void aConditionalModelReconstructsEachImageToldItsOwnClass() {
        LabeledImages test = twelveColours();
        WeightSnapshot weights = TinyModels.untrainedWeights(COLOUR_MLP.withConditionClasses(12), 3, 1);
        ComparisonBuilder.Result result = ComparisonBuilder.build(List.of("conditional"),
                List.of(ExperimentFixture.checkpoint(weights)), test, 12, InferenceModel::onCpu);
        Raster reconstructions = result.columns().get(0).reconstructions();
        try (InferenceModel direct = InferenceModel.onCpu(weights)) {
            for (int i = 0; i < 12; i += 5) {
                int[] own = {i};
                float[] mu = direct.encode(test.image(i), own, 1)[0];
                Raster expected = ImageTiler.single(direct.decode(mu, own, 1), test.shape());
                // image i's top-left pixel: six tiles a row, each 4 pixels and a 1-pixel frame
                assertEquals(expected.rgb(0, 0), reconstructions.rgb(1 + i % 6 * 5, 1 + i / 6 * 5), "image " + i);
            }
        }
    }
}
