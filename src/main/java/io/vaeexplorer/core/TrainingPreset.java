package io.vaeexplorer.core;


/**
 * The tutorials' comparisons as one click each: the objective ablations, the two classic latent sizes, and a
 * conditional model beside the plain one the panel trains.
 */
public enum TrainingPreset {
    FULL_ELBO("Full ELBO"),
    RECONSTRUCTION_ONLY("Reconstruction only"),
    KL_ONLY("KL only"),
    LATENT_2("Latent 2"),
    LATENT_20("Latent 20"),
    CONDITIONAL("Conditional");

    private final String label;

    TrainingPreset(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** What a click trains, in a sentence for the button's tooltip. */
    public String describe(TrainingSettings panel) {
        TrainingSettings run = applyTo(panel);
        String change = switch (this) {
            case FULL_ELBO -> "the full ELBO";
            case RECONSTRUCTION_ONLY -> "reconstruction only (no KL term)";
            case KL_ONLY -> "the KL term only";
            case LATENT_2, LATENT_20 -> "latent size " + run.latent();
            case CONDITIONAL -> "each image's class told to the encoder and decoder (a conditional VAE; needs"
                    + " labelled data)";
        };
        return "Trains a new model for " + run.epochs() + (run.epochs() == 1 ? " epoch" : " epochs") + " with "
                + change + " and every other setting from the panel; the panel keeps its settings";
    }

    /** The given settings with this preset's change applied; everything else is kept. */
    public TrainingSettings applyTo(TrainingSettings s) {
        return switch (this) {
            case FULL_ELBO -> s.withObjective(Objective.ELBO);
            case RECONSTRUCTION_ONLY -> s.withObjective(Objective.RECON_ONLY);
            case KL_ONLY -> s.withObjective(Objective.KL_ONLY);
            case LATENT_2 -> s.withLatent(2);
            case LATENT_20 -> s.withLatent(20);
            case CONDITIONAL -> s.withConditional(true);
        };
    }
}
