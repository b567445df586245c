package io.vaeexplorer.core;

import java.util.List;
import java.util.Objects;

/**
 * A saved model: weights with their architecture, how it was trained, and what each epoch achieved, so that
 * training can resume and the explorer can show the model's history.
 *
 * @param weights the weights and the architecture they belong to
 * @param training the settings it was trained with
 * @param history one record per finished epoch, oldest first
 * @param device the device it was trained on, e.g. "cpu()" or "gpu(0)"
 * @param dataName name of the data set it was trained on, e.g. "mnist"
 */
public record Checkpoint(WeightSnapshot weights, TrainingConfig training, List<EpochRecord> history,
                         String device, String dataName) {

    public Checkpoint {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(training, "training");
        history = List.copyOf(history);
        device = device == null ? "unknown" : device;
        dataName = dataName == null ? "unknown" : dataName;
    }

    public ModelConfig config() {
        return weights.config();
    }

    /** Number of epochs trained so far. */
    public int epochsDone() {
        return history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
    }
}
