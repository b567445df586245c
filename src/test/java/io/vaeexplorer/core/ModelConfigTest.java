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
