package io.vaeexplorer.core;

/** The two architectures the tutorials use. */
public enum ModelKind {
    /** Fully connected encoder and mirrored decoder. */
    MLP,
    /** Convolutional encoder; decoder upsamples with nearest-neighbour + convolutions (no transposed conv in DJL). */
    CONV
}
