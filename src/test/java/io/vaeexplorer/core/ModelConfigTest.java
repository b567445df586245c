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
        assertNull(mnist.sizeMismatch("the model", "MNIST", 28, 28));
        assertEquals("model.vae was trained on 28x28 images, but sprites has 32x32",
                mnist.sizeMismatch("model.vae", "sprites", 32, 32));
        assertTrue(mnist.sizeMismatch("m", "d", 28, 27).contains("28x27"));
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
