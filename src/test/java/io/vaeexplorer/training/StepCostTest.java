package io.vaeexplorer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepCostTest {

    @Test
    void anMlpCostsEachDenseLayersWeights() {
        // 784x400 in, 400x2 for each of the two heads, 2x400 and 400x784 out
        assertEquals(784 * 400 + 2 * 400 * 2 + 2 * 400 + 400 * 784, StepCost.multiplyAdds(mlp(2, 400)));
        assertEquals(784 * 512 + 512 * 256 + 2 * 256 * 20 + 20 * 256 + 256 * 512 + 512 * 784,
                StepCost.multiplyAdds(mlp(20, 512, 256)));
        assertEquals(1.0, StepCost.timesDefault(mlp(2, 400)), 1e-12);
    }

    @Test
    void aConvModelCostsItsConvolutionsAtTheirResolutions() {
        long encoder = 14 * 14 * 16 * 9 // 3x3 over 1 channel to 16 at 14x14
                + 7 * 7 * 32 * 9 * 16 // 3x3 over 16 channels to 32 at 7x7
                + 32 * 7 * 7 * 256; // flattened to the dense layer
        long heads = 2 * 256 * 2;
        long decoder = 2 * 256 + 256 * 32 * 7 * 7 // dense layers back to 32x7x7
                + 14 * 14 * 16 * 9 * 32 // upsampled to 14x14, 3x3 over 32 channels to 16
                + 28 * 28 * 9 * 16; // upsampled to 28x28, 3x3 over 16 channels to 1
        assertEquals(encoder + heads + decoder, StepCost.multiplyAdds(conv(2, 16, 32, 256)));

        // one number c means c and 2c channels and no dense layer, as VaeLayers reads it
        assertEquals(StepCost.multiplyAdds(conv(2, 400, 800)), StepCost.multiplyAdds(conv(2, 400)));
        long noDense = 14 * 14 * 8 * 9 + 7 * 7 * 16 * 9 * 8 + 2 * 16 * 7 * 7 * 2 + 2 * 16 * 7 * 7
                + 14 * 14 * 8 * 9 * 16 + 28 * 28 * 9 * 8;
        assertEquals(noDense, StepCost.multiplyAdds(conv(2, 8)));
    }

    @Test
    void aColourConvModelAbove32PixelsCostsItsThirdStage() {
        long encoder = 32 * 32 * 16 * 9 * 3 // 3x3 over 3 channels to 16 at 32x32
                + 16 * 16 * 32 * 9 * 16 // 3x3 over 16 channels to 32 at 16x16
                + 8 * 8 * 64 * 9 * 32 // the third stage: 3x3 over 32 channels to 64 at 8x8
                + 64 * 8 * 8 * 256; // flattened to the dense layer
        long heads = 2 * 256 * 2;
        long decoder = 2 * 256 + 256 * 64 * 8 * 8 // dense layers back to 64x8x8
                + 16 * 16 * 32 * 9 * 64 // upsampled to 16x16, 3x3 over 64 channels to 32
                + 32 * 32 * 16 * 9 * 32 // upsampled to 32x32, 3x3 over 32 channels to 16
                + 64 * 64 * 3 * 9 * 16; // upsampled to 64x64, 3x3 over 16 channels to the 3 colours
        ModelConfig colour = new ModelConfig(ModelKind.CONV, 64, 64, 2, List.of(16, 32, 256), Likelihood.BCE, 1f,
                Objective.ELBO, 3);
        assertEquals(encoder + heads + decoder, StepCost.multiplyAdds(colour));
        assertEquals("conv channels 16,32,64, dense 256", StepCost.layers(colour));
        assertTrue(StepCost.affordable(colour), "the default sizes on 64x64 colour pictures");
    }

    @Test
    void reasonableModelsPassAndAbsurdOnesAreRefusedWithAnEstimate() {
        for (ModelConfig reasonable : List.of(mlp(2, 400), mlp(2, 512, 256), mlp(2, 1024), mlp(20, 1024, 512),
                conv(2, 16, 32, 256), conv(2, 32, 64), conv(2, 64, 128), conv(20, 64, 128, 256))) {
            assertTrue(StepCost.affordable(reasonable), StepCost.layers(reasonable) + " is allowed");
        }
        for (ModelConfig absurd : List.of(conv(2, 400), conv(2, 256, 512), mlp(2, 16384, 16384),
                mlp(2, 8192, 8192, 8192))) {
            assertFalse(StepCost.affordable(absurd), StepCost.layers(absurd) + " is refused");
            String message = StepCost.refusal(absurd);
            assertEquals(1, message.lines().count(), message);
            long times = Math.round(StepCost.timesDefault(absurd));
            assertTrue(message.contains("about " + times + " x the default model's work per step"), message);
        }
        assertTrue(StepCost.refusal(conv(2, 400)).startsWith("conv channels 400,800 need about"));
        assertEquals("conv channels 16,32, dense 256", StepCost.layers(conv(2, 16, 32, 256)));
        assertEquals("MLP layer widths 512,256", StepCost.layers(mlp(2, 512, 256)));
        assertTrue(StepCost.affordable(TrainingSettings.defaults().modelConfig(28, 28)));
    }

    private static ModelConfig mlp(int latent, Integer... hidden) {
        return new ModelConfig(ModelKind.MLP, 28, 28, latent, List.of(hidden), Likelihood.BCE, 1f,
                Objective.ELBO);
    }

    private static ModelConfig conv(int latent, Integer... hidden) {
        return new ModelConfig(ModelKind.CONV, 28, 28, latent, List.of(hidden), Likelihood.BCE, 1f,
                Objective.ELBO);
    }
}
