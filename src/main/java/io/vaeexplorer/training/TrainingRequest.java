package io.vaeexplorer.training;

import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.model.Checkpoint;
import io.vaeexplorer.model.ModelConfig;
import io.vaeexplorer.model.TrainingConfig;
import java.util.Objects;

/**
 * What to train: a model on a data set with settings, optionally continuing from a checkpoint.
 *
 * @param resumeFrom a checkpoint of the same architecture to continue from, or null for a new model
 * @param snapshotMillis how often (at most) the weights are copied out for other threads while an epoch runs
 * @param codesMillis how often (at most) the training thread encodes the test set for live views while an epoch
 *     runs, and whether it sends the codes of its end-of-epoch evaluation; 0 for never (headless runs)
 */
public record TrainingRequest(Dataset data, ModelConfig model, TrainingConfig training, Checkpoint resumeFrom,
                              long snapshotMillis, long codesMillis) {

    public TrainingRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        if (snapshotMillis < 0 || codesMillis < 0) {
            throw new IllegalArgumentException("snapshot and codes intervals must be >= 0");
        }
    }

    /** A run that sends no latent codes. */
    public TrainingRequest(Dataset data, ModelConfig model, TrainingConfig training, Checkpoint resumeFrom,
                           long snapshotMillis) {
        this(data, model, training, resumeFrom, snapshotMillis, 0);
    }

    public TrainingRequest(Dataset data, ModelConfig model, TrainingConfig training) {
        this(data, model, training, null, 500);
    }
}
