package io.vaeexplorer.ui.fx;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task on the FX thread once a delay has passed, without an animation. A running {@code PauseTransition}
 * keeps JavaFX pulsing at 60 Hz for its whole length: a timed update would make a window with nothing to draw
 * pulse all the while, each pulse waking the FX thread and taking a core from the training threads. Here a daemon timer thread waits and hops to the FX thread once.
 *
 * <p>Schedule and cancel on the FX thread.
 */
public final class FxDelay {

    /** One timer thread for every delay and batcher of the window. */
    public static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-delay-timer");
        t.setDaemon(true);
        return t;
    });

    private final Executor fx;
    private final Runnable task;
    private ScheduledFuture<?> pending;
    /** Tells a hop already queued on the FX thread that it was cancelled or replaced. */
    private long generation;

    public FxDelay(Executor fx, Runnable task) {
        this.fx = fx;
        this.task = task;
    }

    /** Runs the task after {@code millis} unless it is already due to run; then the earlier time stands. */
    public void schedule(long millis) {
        if (pending != null) {
            return;
        }
        long mine = ++generation;
        pending = TIMER.schedule(() -> fx.execute(() -> fire(mine)), Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public boolean isPending() {
        return pending != null;
    }

    public void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        generation++;
    }

    private void fire(long scheduledGeneration) {
        if (scheduledGeneration != generation || pending == null) {
            return;
        }
        pending = null;
        task.run();
    }
}
