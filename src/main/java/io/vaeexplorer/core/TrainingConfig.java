package io.vaeexplorer.core;

/**
 * How to train: optimiser and loop settings, independent of the architecture.
 *
 * @param epochs number of passes over the training data
 * @param batchSize images per step
 * @param learningRate Adam's learning rate
 * @param seed seed for initialisation, shuffling and sampling; the same seed gives the same losses
 * @param limit train on the first {@code limit} training images only (0 = all)
 * @param klSchedule how the KL term's weight moves during the run; null (a file written before schedules) reads
 *     as constant
 */
public record TrainingConfig(int epochs, int batchSize, float learningRate, long seed, int limit,
        KlSchedule klSchedule) {

    /** Settings with a constant KL weight. */
    public TrainingConfig(int epochs, int batchSize, float learningRate, long seed, int limit) {
        this(epochs, batchSize, learningRate, seed, limit, KlSchedule.CONSTANT);
    }

    public TrainingConfig {
        if (klSchedule == null) {
            klSchedule = KlSchedule.CONSTANT;
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
    }

    /** The tutorials' settings: 10 epochs, batch 128, Adam 1e-3, seed 1, all data. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 128, 1e-3f, 1, 0);
    }

    public TrainingConfig withKlSchedule(KlSchedule schedule) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, limit, schedule);
    }
}
