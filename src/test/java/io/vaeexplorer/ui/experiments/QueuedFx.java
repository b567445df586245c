package io.vaeexplorer.ui.experiments;

import static org.junit.jupiter.api.Assertions.fail;
import io.vaeexplorer.ui.ExperimentFixture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The test thread in the FX thread's place, for view-models tested without a toolkit: what is handed to
 * {@link #execute} (worker results, timers, background callbacks) waits in a queue until the test runs it, so
 * every callback runs on the test's own thread, one after another, as on the FX thread.
 */
public final class QueuedFx implements Executor {

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    /** Runs queued tasks as they come until the condition holds (checked between tasks); fails after a timeout. */
    public void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ExperimentFixture.TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting until " + what);
            }
            runNext(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }

    /** Runs queued tasks as they come for the given time, as the FX thread would while a person waits. */
    public void runFor(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; left > 0; left = deadline - System.nanoTime()) {
            runNext(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }

    private void runNext(long waitNanos) {
        Runnable task;
        try {
            task = queue.poll(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the FX queue", e);
        }
        if (task != null) {
            task.run();
        }
    }
}
