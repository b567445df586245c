package io.vaeexplorer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureCheckTest {

    private static ModelConfig conv(int side, int channels, List<Integer> hidden) {
        return new ModelConfig(ModelKind.CONV, side, side, 2, hidden, Likelihood.BCE, 1f, Objective.ELBO, channels);
    }

    @Test
    void anMlpShowsItsHiddenLayers() {
        assertEquals("MLP 784-400-20", ArchitectureCheck.architecture(ModelConfig.mlp(20, List.of(400))));
        assertEquals("MLP 784-512-256-2", ArchitectureCheck.architecture(ModelConfig.mlp(2, List.of(512, 256))));
    }

    @Test
    void aConvModelShowsEveryStageItsImageSizeGivesIt() {
        assertEquals("CONV 784-32-64-2", ArchitectureCheck.architecture(conv(28, 1, List.of(32, 64))));
        assertEquals("CONV 784-32-64-2", ArchitectureCheck.architecture(conv(28, 1, List.of(32))),
                "the second stage has twice the first's channels unless given");
        assertEquals("CONV 3072-16-32-2", ArchitectureCheck.architecture(conv(32, 3, List.of(16, 32))),
                "32 pixels a side: two stages");
        assertEquals("CONV 12288-32-64-128-2", ArchitectureCheck.architecture(conv(64, 3, List.of(32, 64))),
                "above 32 pixels a side: a third stage of twice the second's channels");
        assertEquals("CONV 2304-16-32-64-2", ArchitectureCheck.architecture(conv(48, 1, List.of(16))));
        assertEquals("CONV 784-32-64-256-2", ArchitectureCheck.architecture(conv(28, 1, List.of(32, 64, 256))),
                "the dense layer after the stages");
        assertEquals("CONV 12288-32-64-128-256-2",
                ArchitectureCheck.architecture(conv(64, 3, List.of(32, 64, 256))));
        assertTrue(conv(64, 3, List.of(32, 64)).describe().startsWith("CONV 12288-32-64-128-2, "));
    }

    @Test
    void differentArchitecturesAreRefusedWithBothNamed() {
        ModelConfig small = conv(64, 3, List.of(16));
        assertTrue(ArchitectureCheck.sameArchitecture(small, small.withBeta(4f)), "the loss settings may differ");
        assertFalse(ArchitectureCheck.sameArchitecture(small, conv(64, 3, List.of(32))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureCheck.requireSame(small, conv(64, 3, List.of(32))));
        assertEquals("checkpoint is CONV 12288-16-32-64-2 but CONV 12288-32-64-128-2 was expected", e.getMessage());
    }
}
