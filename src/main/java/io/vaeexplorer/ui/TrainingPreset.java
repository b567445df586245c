package io.vaeexplorer.ui;

import io.vaeexplorer.model.Objective;

/** The tutorials' comparisons as one click each: the objective ablations and the two classic latent sizes. */
public enum TrainingPreset {
    FULL_ELBO("Full ELBO"),
    RECONSTRUCTION_ONLY("Reconstruction only"),
    KL_ONLY("KL only"),
    LATENT_2("Latent 2"),
    LATENT_20("Latent 20");

    private final String label;

    TrainingPreset(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The given settings with this preset's change applied; everything else is kept. */
    public TrainingSettings applyTo(TrainingSettings s) {
        return switch (this) {
            case FULL_ELBO -> with(s, s.latent(), Objective.ELBO);
            case RECONSTRUCTION_ONLY -> with(s, s.latent(), Objective.RECON_ONLY);
            case KL_ONLY -> with(s, s.latent(), Objective.KL_ONLY);
            case LATENT_2 -> with(s, 2, s.objective());
            case LATENT_20 -> with(s, 20, s.objective());
        };
    }

    private static TrainingSettings with(TrainingSettings s, int latent, Objective objective) {
        return new TrainingSettings(s.kind(), latent, s.hidden(), s.reconstruction(), s.beta(), objective,
                s.learningRate(), s.batchSize(), s.epochs(), s.seed(), s.limit(), s.dataFolder());
    }
}
