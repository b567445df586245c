package io.vaeexplorer.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the settings panel edits and what persists between launches: the model, the loss, the optimiser and the
 * data folder. Plain values (no JavaFX), so they serialise as JSON and are checked in one place.
 *
 * @param hidden comma-separated layer widths (MLP) or channels per stage and dense units (conv), e.g. "400" or
 *               "16,32,256"; empty for the kind's default
 * @param dataFolder folder of the four IDX files; empty for the shipped MNIST
 * @param limit train on the first N images only (0 = all)
 * @param klSchedule the KL schedule as {@link KlSchedule#parse} reads it, e.g. "constant" or "warmup:5"
 * @param conditional a conditional VAE: the encoder and decoder are told each image's class
 */
public record TrainingSettings(ModelKind kind, int latent, String hidden, Likelihood reconstruction, float beta,
                               Objective objective, float learningRate, int batchSize, int epochs, long seed,
                               int limit, String dataFolder, String klSchedule, boolean conditional) {

    /** Settings of a plain (not conditional) model. */
    public TrainingSettings(ModelKind kind, int latent, String hidden, Likelihood reconstruction, float beta,
                            Objective objective, float learningRate, int batchSize, int epochs, long seed, int limit,
                            String dataFolder, String klSchedule) {
        this(kind, latent, hidden, reconstruction, beta, objective, learningRate, batchSize, epochs, seed, limit,
                dataFolder, klSchedule, false);
    }

    /** Settings with a constant KL weight. */
    public TrainingSettings(ModelKind kind, int latent, String hidden, Likelihood reconstruction, float beta,
                            Objective objective, float learningRate, int batchSize, int epochs, long seed, int limit,
                            String dataFolder) {
        this(kind, latent, hidden, reconstruction, beta, objective, learningRate, batchSize, epochs, seed, limit,
                dataFolder, "constant");
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(ModelKind.MLP, 2, defaultHidden(ModelKind.MLP), Likelihood.BCE, 1f,
                Objective.ELBO, 1e-3f, 128, 10, 1, 0, "", "constant", false);
    }

    /** The kind's default hidden sizes as the panel shows them, e.g. "400" or "16,32,256". */
    public static String defaultHidden(ModelKind kind) {
        List<Integer> sizes = kind == ModelKind.CONV ? ModelConfig.DEFAULT_CONV_HIDDEN : ModelConfig.DEFAULT_MLP_HIDDEN;
        return sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The hidden sizes as numbers; a clear message when the text is not a comma-separated list of them. */
    public List<Integer> hiddenSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (String part : hidden.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                sizes.add(Integer.parseInt(trimmed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hidden sizes must be whole numbers separated by commas, got '"
                        + hidden + "'");
            }
        }
        if (sizes.isEmpty()) {
            return kind == ModelKind.CONV ? ModelConfig.DEFAULT_CONV_HIDDEN : ModelConfig.DEFAULT_MLP_HIDDEN;
        }
        return sizes;
    }

    /** Validates everything by building the model and training configurations (for grey images). */
    public ModelConfig modelConfig(int rows, int cols) {
        return modelConfig(1, rows, cols);
    }

    /** The plain model for images of {@code channels} (1 grey, 3 colour) x rows x cols. */
    public ModelConfig modelConfig(int channels, int rows, int cols) {
        return modelConfig(channels, rows, cols, 0);
    }

    /**
     * The model for images of {@code channels} x rows x cols; a conditional one is told {@code classes} classes.
     *
     * @param classes the data's classes; read only when these settings are {@link #conditional}
     */
    public ModelConfig modelConfig(int channels, int rows, int cols, int classes) {
        return new ModelConfig(kind, rows, cols, latent, hiddenSizes(), reconstruction, beta, objective, channels,
                conditional ? classes : 0);
    }

    public TrainingConfig trainingConfig() {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, limit, KlSchedule.parse(klSchedule));
    }

    public TrainingSettings withLatent(int newLatent) {
        return new TrainingSettings(kind, newLatent, hidden, reconstruction, beta, objective, learningRate, batchSize,
                epochs, seed, limit, dataFolder, klSchedule, conditional);
    }

    public TrainingSettings withObjective(Objective newObjective) {
        return new TrainingSettings(kind, latent, hidden, reconstruction, beta, newObjective, learningRate, batchSize,
                epochs, seed, limit, dataFolder, klSchedule, conditional);
    }

    public TrainingSettings withDataFolder(String newDataFolder) {
        return new TrainingSettings(kind, latent, hidden, reconstruction, beta, objective, learningRate, batchSize,
                epochs, seed, limit, newDataFolder, klSchedule, conditional);
    }

    public TrainingSettings withKlSchedule(String newKlSchedule) {
        return new TrainingSettings(kind, latent, hidden, reconstruction, beta, objective, learningRate, batchSize,
                epochs, seed, limit, dataFolder, newKlSchedule, conditional);
    }

    public TrainingSettings withConditional(boolean newConditional) {
        return new TrainingSettings(kind, latent, hidden, reconstruction, beta, objective, learningRate, batchSize,
                epochs, seed, limit, dataFolder, klSchedule, newConditional);
    }

    /** The same settings with anything null (an old or hand-edited file) replaced by the default. */
    public TrainingSettings withDefaultsForMissing() {
        TrainingSettings d = defaults();
        return new TrainingSettings(kind == null ? d.kind : kind, latent, hidden == null ? d.hidden : hidden,
                reconstruction == null ? d.reconstruction : reconstruction, beta,
                objective == null ? d.objective : objective, learningRate, batchSize, epochs, seed, limit,
                dataFolder == null ? d.dataFolder : dataFolder, klSchedule == null ? d.klSchedule : klSchedule,
                conditional);
    }
}
