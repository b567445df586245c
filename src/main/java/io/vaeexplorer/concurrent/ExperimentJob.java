package io.vaeexplorer.concurrent;

import io.vaeexplorer.explore.SnapshotModel;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One experiment's computation on the inference thread, at most one in flight. A request made while it runs is
 * remembered and served once it finishes, with the inputs as they are then: a slider dragged or a trainer
 * publishing weights faster than a decode takes costs one job after another, never a queue of stale ones.
 * FX thread only.
 *
 * @param <T> what the job computes
 */
public final class ExperimentJob<T> {

    private final InferenceWorker worker;
    private final String key;
    private final Supplier<Function<SnapshotModel, T>> prepare;
    private final Consumer<T> onResult;
    private final Consumer<String> onError;
    private boolean running;
    private boolean requestedAgain;

    /**
     * @param key the worker key, unique to this job
     * @param prepare reads the current inputs on the FX thread and returns the work, or null when there is
     *     nothing to compute yet (no data set, no weights, an index out of range)
     */
    public ExperimentJob(InferenceWorker worker, String key, Supplier<Function<SnapshotModel, T>> prepare,
                  Consumer<T> onResult, Consumer<String> onError) {
        this.worker = worker;
        this.key = key;
        this.prepare = prepare;
        this.onResult = onResult;
        this.onError = onError;
    }

    /** Computes with the current inputs, now or as soon as the running job finishes. */
    public void request() {
        if (running) {
            requestedAgain = true;
            return;
        }
        Function<SnapshotModel, T> work = prepare.get();
        if (work == null) {
            return;
        }
        running = true;
        worker.submit(key, work, result -> {
            finished();
            onResult.accept(result);
            serveLaterRequest();
        }, message -> {
            finished();
            onError.accept(message);
            serveLaterRequest();
        });
    }

    /** True while a job is queued or running on the worker. */
    public boolean isRunning() {
        return running;
    }

    private void finished() {
        running = false;
    }

    private void serveLaterRequest() {
        if (requestedAgain) {
            requestedAgain = false;
            request();
        }
    }
}
