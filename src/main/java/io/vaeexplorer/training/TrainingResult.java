package io.vaeexplorer.training;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.LossParts;

/**
 * How a run ended.
 *
 * @param state FINISHED, CANCELLED or FAILED
 * @param message why it stopped early, empty when it finished
 * @param checkpoint the last good weights with the history so far (null only when not even the initial weights
 *     could be built)
 * @param test the last test-set loss parts, or null when no epoch completed
 * @param device the device it ran on, as a person reads it
 * @param stepMethod what ran the training steps (e.g. "TorchScript step, PyTorch fused Adam"), empty if none ran
 * @param diverged true when the run FAILED because its loss turned non-finite or exploded, false for any other end
 */
public record TrainingResult(TrainingState state, String message, Checkpoint checkpoint, LossParts test,
                             String device, String stepMethod, boolean diverged) {
}
