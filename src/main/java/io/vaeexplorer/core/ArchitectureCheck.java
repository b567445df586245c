package io.vaeexplorer.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether weights of one configuration fit a network of another: same kind, image size, latent size and hidden
 * sizes. Loss settings (beta, objective, likelihood) may differ, since fine-tuning with another beta reuses the
 * same weights.
 */
public final class ArchitectureCheck {

    private ArchitectureCheck() {
    }

    public static boolean sameArchitecture(ModelConfig a, ModelConfig b) {
        return a.kind() == b.kind()
                && a.imageRows() == b.imageRows()
                && a.imageCols() == b.imageCols()
                && a.channels() == b.channels()
                && a.latent() == b.latent()
                && a.hidden().equals(b.hidden());
    }

    /** Throws with a message naming both architectures when they differ. */
    public static void requireSame(ModelConfig found, ModelConfig expected) {
        if (!sameArchitecture(found, expected)) {
            throw new IllegalArgumentException("checkpoint is " + architecture(found) + " but " + architecture(expected)
                    + " was expected");
        }
    }

    /**
     * The image size, the layers and the latent size, e.g. "MLP 784-400-20". A conv model shows the channels of
     * every stride-2 stage its image size gives it, then its dense layer if it has one, e.g. "CONV 12288-32-64-128-2"
     * for 64x64 colour pictures with hidden sizes 32,64.
     */
    public static String architecture(ModelConfig c) {
        StringBuilder sb = new StringBuilder(c.kind().name()).append(' ').append(c.imageSize());
        List<Integer> layers = c.hidden();
        if (c.kind() == ModelKind.CONV) {
            ModelConfig.ConvSizes conv = c.convSizes();
            layers = new ArrayList<>(conv.stageChannels());
            if (conv.dense() > 0) {
                layers.add(conv.dense());
            }
        }
        layers.forEach(h -> sb.append('-').append(h));
        return sb.append('-').append(c.latent()).toString();
    }
}
