package io.vaeexplorer.training;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import java.util.Objects;

/**
 * What to train: a model on a data set with settings, optionally continuing from a checkpoint, and what the run
 * refreshes for other threads while it trains. Each refresh also waits until it has cost only a small share of
 * the run's time (see {@link RefreshPacer}), so an interval is a least gap, never a promise.
 *
 * @param resumeFrom a checkpoint of the same architecture to continue from, or null for a new model
 * @param snapshotMillis the least interval between copies of the weights for other threads while an epoch runs
 *     (past a watched run's first seconds); 0 for none between epochs
 * @param codesMillis the least interval between encodes of the test set for live views while an epoch runs (past
 *     a watched run's first seconds), and whether the end-of-epoch evaluation sends its codes; 0 for never
 *     (headless runs)
 * @param watched whether a person watches the run: for its first seconds, when the model changes most, the
 *     intervals are then divided and the share of the time the refreshes may take multiplied
 */
public record TrainingRequest(Dataset data, ModelConfig model, TrainingConfig training, Checkpoint resumeFrom,
                              long snapshotMillis, long codesMillis, boolean watched) {

    public TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        if (snapshotMillis < 0 || codesMillis < 0) {
            throw new IllegalArgumentException("snapshot and codes intervals must be >= 0");
        }
    }

    /** A run nobody watches live, refreshing at most at the given intervals. */
    public TrainingRequest(Dataset data, ModelConfig model, TrainingConfig training, Checkpoint resumeFrom,
                           long snapshotMillis, long codesMillis) {
        this(data, model, training, resumeFrom, snapshotMillis, codesMillis, false);
    }

    /** A run that sends no latent codes. */
    public TrainingRequest(Dataset data, ModelConfig model, TrainingConfig training, Checkpoint resumeFrom,
                           long snapshotMillis) {
        this(data, model, training, resumeFrom, snapshotMillis, 0);
    }

    public TrainingRequest(Dataset data, ModelConfig model, TrainingConfig training) {
        this(data, model, training, null, 500);
    }

    /** A new model trained while a person watches its weights and codes change (the window's runs). */
    public static TrainingRequest watched(Dataset data, ModelConfig model, TrainingConfig training,
                                          long snapshotMillis, long codesMillis) {
        return new TrainingRequest(data, model, training, null, snapshotMillis, codesMillis, true);
    }
}
