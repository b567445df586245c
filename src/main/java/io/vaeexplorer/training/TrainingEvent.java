package io.vaeexplorer.training;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.WeightSnapshot;

/**
 * What a training run reports to its listeners. All events are immutable, so listeners on any thread may keep
 * them; they are delivered on the training thread, so a listener must return quickly (a UI hops to its own
 * thread and coalesces).
 */
public sealed interface TrainingEvent {

    /**
     * One optimiser step finished.
     *
     * @param epoch 1-based epoch
     * @param step optimiser steps taken so far in the whole run (including a resumed run's earlier steps)
     * @param batch 1-based batch within the epoch
     * @param batchesPerEpoch batches in one epoch
     * @param loss loss parts of this batch, nats per image
     * @param samplesPerSecond training throughput so far in this epoch
     */
    record Step(int epoch, long step, int batch, int batchesPerEpoch, LossParts loss, double samplesPerSecond)
            implements TrainingEvent {
    }

    /**
     * An epoch finished and the test set was evaluated.
     *
     * @param record what the epoch achieved
     * @param lastEpoch the number of the run's final epoch
     * @param checkpoint the weights after this epoch with the whole history so far, ready to save
     */
    record Epoch(EpochRecord record, int lastEpoch, Checkpoint checkpoint) implements TrainingEvent {
    }

    /**
     * The training thread encoded the test set (only when the request asks for codes): the posterior of every test
     * image under the weights of {@code step}. The trainer's own pass costs training one encode; a view encoding
     * the same images on another thread would compete with the training threads for the cores and cost about two.
     *
     * @param epoch the epoch being trained (or just finished)
     */
    record Codes(LatentCodes codes, int epoch, long step) implements TrainingEvent {
    }

    /** A new copy of the weights is available for inference on other threads. */
    record Snapshot(WeightSnapshot snapshot) implements TrainingEvent {
    }

    /**
     * The run changed state.
     *
     * @param message a one-line explanation for FAILED (and CANCELLED), empty otherwise
     */
    record StateChanged(TrainingState state, String message, String device) implements TrainingEvent {
    }
}
