package io.vaeexplorer.core;

import java.util.Locale;

/** Which terms of the -ELBO are optimised; the two ablations the tutorials study are the last two. */
public enum Objective {
    /** reconstruction + beta * KL: the full (beta-)VAE objective. */
    ELBO,
    /** reconstruction only: an autoencoder with a noisy bottleneck and no prior pull. */
    RECON_ONLY,
    /** KL only: the posterior collapses onto the prior and the decoder learns the mean image. */
    KL_ONLY;

    /**
     * The objective a person types: "elbo" (or "full"), "recon" (or "recon-only", "no-kl"), "kl" (or "kl-only"),
     * in any case.
     */
    public static Objective parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "elbo", "full" -> ELBO;
            case "recon", "recon-only", "no-kl" -> RECON_ONLY;
            case "kl", "kl-only" -> KL_ONLY;
            default -> throw new IllegalArgumentException("'" + text + "' is not elbo, recon or kl");
        };
    }

    /** How the window and run names show the objective: "ELBO", "recon only", "KL only". */
    public String label() {
        return switch (this) {
            case ELBO -> "ELBO";
            case RECON_ONLY -> "recon only";
            case KL_ONLY -> "KL only";
        };
    }

    /** Weight of the reconstruction term in the optimised loss. */
    public float reconstructionWeight() {
        return this == KL_ONLY ? 0f : 1f;
    }

    /** Weight of the KL term in the optimised loss, given the configured beta. */
    public float klWeight(float beta) {
        return this == RECON_ONLY ? 0f : beta;
    }
}
