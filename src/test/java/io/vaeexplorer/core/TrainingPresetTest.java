package io.vaeexplorer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class TrainingPresetTest {

    private static final TrainingSettings PANEL = TrainingSettings.defaults().withLatent(8).withKlSchedule("warmup:3");

    @Test
    void theConditionalPresetTrainsThePanelsSettingsToldTheClasses() {
        TrainingSettings run = TrainingPreset.CONDITIONAL.applyTo(PANEL);
        assertTrue(run.conditional());
        assertEquals(PANEL.withConditional(true), run, "every other setting is the panel's");
        ModelConfig model = run.modelConfig(1, 28, 28, 10);
        assertEquals(10, model.conditionClasses());
        assertEquals(PANEL.modelConfig(1, 28, 28, 10).withConditionClasses(10), model);
        assertFalse(PANEL.modelConfig(1, 28, 28, 10).conditional(), "the panel's own model stays plain");
        String tooltip = TrainingPreset.CONDITIONAL.describe(PANEL);
        assertTrue(tooltip.contains("class") && tooltip.contains("10 epochs"), tooltip);
        assertEquals("Conditional", TrainingPreset.CONDITIONAL.label());
    }

    @Test
    void theOtherPresetsKeepThePanelsChoiceOfAConditionalModel() {
        TrainingSettings conditionalPanel = PANEL.withConditional(true);
        for (TrainingPreset preset : TrainingPreset.values()) {
            assertTrue(preset.applyTo(conditionalPanel).conditional(), preset.name());
            assertEquals(preset == TrainingPreset.CONDITIONAL, preset.applyTo(PANEL).conditional(), preset.name());
        }
        assertEquals(20, TrainingPreset.LATENT_20.applyTo(conditionalPanel).modelConfig(1, 28, 28, 10).latent());
        assertEquals(10, TrainingPreset.LATENT_20.applyTo(conditionalPanel).modelConfig(1, 28, 28, 10)
                .conditionClasses());
    }
}
