package io.vaeexplorer.core;

import java.util.Locale;

/** The two architectures the tutorials use. */
public enum ModelKind {
    /** Fully connected encoder and mirrored decoder. */
    MLP,
    /** Convolutional encoder; decoder upsamples with nearest-neighbour + convolutions (no transposed conv in DJL). */
    CONV;

    /** The kind a person types: "mlp" or "conv", in any case. */
    public static ModelKind parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "mlp" -> MLP;
            case "conv" -> CONV;
            default -> throw new IllegalArgumentException("'" + text + "' is not mlp or conv");
        };
    }

    /** The name a person types and reads: "mlp" or "conv". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
