package io.vaeexplorer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void aModelTakesOnlyImagesOfTheSizeItWasTrainedOn() {
        ModelConfig mnist = ModelConfig.mlp(2, List.of(400));
        assertNull(mnist.sizeMismatch("the model", "MNIST", 1, 28, 28));
        assertEquals("model.vae was trained on 28x28 images, but sprites has 32x32",
                mnist.sizeMismatch("model.vae", "sprites", 1, 32, 32));
        assertTrue(mnist.sizeMismatch("m", "d", 1, 28, 27).contains("28x27"));
    }

    @Test
    void colourImagesHaveThreeValuesAPixelAndAModelTakesOnlyItsOwnChannels() {
        ModelConfig colour = new ModelConfig(ModelKind.MLP, 32, 32, 2, List.of(64), Likelihood.BCE, 1f,
                Objective.ELBO, 3);
        assertEquals(3 * 32 * 32, colour.imageSize());
        assertEquals(3, colour.withBeta(2f).withObjective(Objective.KL_ONLY).channels(), "derived configs keep it");
        assertNull(colour.sizeMismatch("m", "d", 3, 32, 32));
        assertEquals("m was trained on 32x32x3 images, but d has 32x32", colour.sizeMismatch("m", "d", 1, 32, 32));
        assertEquals(1, new ModelConfig(ModelKind.MLP, 28, 28, 2, List.of(8), Likelihood.BCE, 1f, Objective.ELBO, 0)
                .channels(), "files written before channels existed hold grey images");
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig(ModelKind.MLP, 28, 28, 2, List.of(8),
                Likelihood.BCE, 1f, Objective.ELBO, 2));
        assertTrue(colour.describe().startsWith("MLP 3072-64-2"), colour.describe());
    }

    @Test
    void aConvModelDeepensAbove32PixelsASide() {
        ModelConfig small = conv(32, 32, List.of(16, 32, 256));
        assertEquals(new ModelConfig.ConvSizes(16, 32, 256, 2), small.convSizes());
        assertEquals(List.of(16, 32), small.convSizes().stageChannels());
        ModelConfig large = conv(64, 64, List.of(16, 32, 256));
        assertEquals(3, large.convSizes().stages());
        assertEquals(List.of(16, 32, 64), large.convSizes().stageChannels(), "the third stage doubles c2");
        assertEquals(List.of(8, 16, 32), conv(40, 40, List.of(8)).convSizes().stageChannels(), "c2 = 2 c1");
        assertEquals(3, conv(24, 40, List.of(8)).convSizes().stages(), "the larger side decides");
        assertEquals(0, conv(28, 28, List.of(8, 12)).convSizes().dense());
    }

    @Test
    void aConvModelNamesTheSizesThatWouldWorkWhenItsSidesDoNotHalve() {
        for (ModelConfig fits : List.of(conv(28, 28, List.of(8)), conv(32, 32, List.of(8)), conv(40, 40, List.of(8)),
                conv(64, 64, List.of(8)), conv(4, 4, List.of(8)))) {
            assertNull(fits.convSizeProblem(), fits.imageRows() + "x" + fits.imageCols());
        }
        assertEquals("the conv VAE cannot take 36x36 images: above 32 pixels a side it halves them 3 times, so each"
                + " side must be a multiple of 8 (32x32 or 40x40 would work)", conv(36, 36, List.of(8)).convSizeProblem());
        assertEquals("the conv VAE cannot take 30x30 images: up to 32 pixels a side it halves them twice, so each"
                + " side must be a multiple of 4 (28x28 or 32x32 would work)", conv(30, 30, List.of(8)).convSizeProblem());
        assertTrue(conv(2, 2, List.of(8)).convSizeProblem().endsWith("(4x4 would work)"));
        assertTrue(conv(48, 44, List.of(8)).convSizeProblem().contains("(48x40 or 48x48 would work)"));
    }

    private static ModelConfig conv(int rows, int cols, List<Integer> hidden) {
        return new ModelConfig(ModelKind.CONV, rows, cols, 2, hidden, Likelihood.BCE, 1f, Objective.ELBO, 3);
    }

    @Test
    void kindsLikelihoodsAndObjectivesParseAsPeopleTypeThem() {
        assertEquals(ModelKind.CONV, ModelKind.parse(" Conv "));
        assertEquals(Likelihood.MSE, Likelihood.parse("MSE"));
        assertEquals(Objective.RECON_ONLY, Objective.parse("no-kl"));
        assertEquals(Objective.KL_ONLY, Objective.parse("kl-only"));
        assertEquals("mlp", ModelKind.MLP.label());
        assertEquals("KL only", Objective.KL_ONLY.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelKind.parse("rnn"));
        assertEquals("'rnn' is not mlp or conv", e.getMessage());
        for (Objective o : Objective.values()) {
            assertEquals(o, Objective.parse(o.name().toLowerCase().replace("_only", "")));
        }
    }
}
