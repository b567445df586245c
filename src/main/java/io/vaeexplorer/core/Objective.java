package io.vaeexplorer.core;

/** Which terms of the -ELBO are optimised; the two ablations the tutorials study are the last two. */
public enum Objective {
    /** reconstruction + beta * KL: the full (beta-)VAE objective. */
    ELBO,
    /** reconstruction only: an autoencoder with a noisy bottleneck and no prior pull. */
    RECON_ONLY,
    /** KL only: the posterior collapses onto the prior and the decoder learns the mean image. */
    KL_ONLY;

    /** Weight of the reconstruction term in the optimised loss. */
    public float reconstructionWeight() {
        return this == KL_ONLY ? 0f : 1f;
    }

    /** Weight of the KL term in the optimised loss, given the configured beta. */
    public float klWeight(float beta) {
        return this == RECON_ONLY ? 0f : beta;
    }
}
