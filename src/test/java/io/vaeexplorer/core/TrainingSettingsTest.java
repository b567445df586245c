package io.vaeexplorer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void eachKindsDefaultSizesReadAsTheModelsDefaults() {
        assertEquals(ModelConfig.DEFAULT_MLP_HIDDEN, new TrainingSettings(ModelKind.MLP, 2,
                TrainingSettings.defaultHidden(ModelKind.MLP), Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 128, 1,
                1, 0, "").hiddenSizes());
        assertEquals(ModelConfig.DEFAULT_CONV_HIDDEN, new TrainingSettings(ModelKind.CONV, 2,
                TrainingSettings.defaultHidden(ModelKind.CONV), Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 128, 1,
                1, 0, "").hiddenSizes());
    }

    @Test
    void theDefaultsUseTheMlpsDefaultSizes() {
        assertEquals(TrainingSettings.defaultHidden(ModelKind.MLP), TrainingSettings.defaults().hidden());
        assertEquals("16,32,256", TrainingSettings.defaultHidden(ModelKind.CONV));
    }
}
