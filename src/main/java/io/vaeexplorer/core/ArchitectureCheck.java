package io.vaeexplorer.core;

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

    /** e.g. "MLP 784-400-20". */
    public static String architecture(ModelConfig c) {
        StringBuilder sb = new StringBuilder(c.kind().name()).append(' ').append(c.imageSize());
        c.hidden().forEach(h -> sb.append('-').append(h));
        return sb.append('-').append(c.latent()).toString();
    }
}
