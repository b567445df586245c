package io.vaeexplorer.sweep;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import java.util.List;

/**
 * What a {@link SweepRunner} reports. All events are immutable and delivered one at a time on the sweep's own
 * thread, in order: for each run {@code RunQueued} (all of them first), then {@code RunStarted},
 * {@code RunProgress}/{@code RunEpoch} while it trains, and exactly one of {@code RunFinished}, {@code RunFailed}
 * or {@code RunCancelled}; last {@code SweepFinished}. A run cancelled while queued gets only {@code RunQueued}
 * and {@code RunCancelled} (with {@code started == false}). A UI hops to its own thread from the listener.
 */
public sealed interface SweepEvent {

    /** Events about one run; {@link #index()} is its position in the plan. */
    sealed interface RunEvent extends SweepEvent {
        int index();
    }

    /** The run is waiting its turn. */
    record RunQueued(int index, SweepPlan.Run run) implements RunEvent {
    }

    /** The run began training. */
    record RunStarted(int index, SweepPlan.Run run) implements RunEvent {
    }

    /**
     * Training progress, at most one event per progress interval (the latest step; steps in between are skipped).
     *
     * @param epoch 1-based epoch in training
     * @param epochs epochs of the run
     * @param batch 1-based batch within the epoch
     * @param batchesPerEpoch batches in one epoch
     * @param loss loss parts of the latest batch, nats per image
     * @param samplesPerSecond training throughput so far in this epoch
     */
    record RunProgress(int index, int epoch, int epochs, int batch, int batchesPerEpoch, LossParts loss,
                       double samplesPerSecond) implements RunEvent {

        /** Fraction of the current epoch done, 0..1. */
        public double epochFraction() {
            return batchesPerEpoch == 0 ? 0 : (double) batch / batchesPerEpoch;
        }

        /** Fraction of the whole run done, 0..1. */
        public double runFraction() {
            return epochs == 0 ? 1 : Math.min(1, (epoch - 1 + epochFraction()) / epochs);
        }
    }

    /** An epoch of the run finished and the test set was evaluated. */
    record RunEpoch(int index, EpochRecord record, int epochs) implements RunEvent {
    }

    /** Training is done; the runner now measures the model (IWAE bound), then saves it when asked to. */
    record RunEvaluating(int index) implements RunEvent {
    }

    /** The run trained and was evaluated. */
    record RunFinished(int index, SweepResult result) implements RunEvent {
    }

    /**
     * The run failed (diverging loss, bad configuration, failed save...); the sweep goes on with the next run.
     *
     * @param message one line saying why
     */
    record RunFailed(int index, SweepPlan.Run run, String message) implements RunEvent {
    }

    /**
     * The run was cancelled.
     *
     * @param started false when it was cancelled while queued and never trained
     */
    record RunCancelled(int index, SweepPlan.Run run, boolean started) implements RunEvent {
    }

    /**
     * The sweep ended: every run finished, failed or was cancelled.
     *
     * @param results the finished runs' results, in plan order
     * @param statuses the final status of every run, by index
     * @param cancelledAll whether {@link SweepRunner#cancelAll()} ended it
     * @param seconds wall time of the whole sweep
     */
    record SweepFinished(List<SweepResult> results, List<SweepRunner.RunStatus> statuses, boolean cancelledAll,
                         double seconds) implements SweepEvent {

        public SweepFinished {
            results = List.copyOf(results);
            statuses = List.copyOf(statuses);
        }

        public long count(SweepRunner.RunStatus status) {
            return statuses.stream().filter(s -> s == status).count();
        }
    }
}
