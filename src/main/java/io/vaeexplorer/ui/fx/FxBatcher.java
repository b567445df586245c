package io.vaeexplorer.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Like {@link FxCoalescer} but keeps every value: values queue up off the FX thread and reach it in batches, one
 * hop at a time and at most every {@link #MIN_INTERVAL_MILLIS} (for loss points, where none may be lost, but a
 * hundred steps a second must not mean a hundred chart layouts a second on a two-core machine that trains).
 */
public final class FxBatcher<T> {

    /**
     * Once a second: each drain is a pulse (status text, progress bars, and the loss chart in the same pulse), and
     * on two cores every millisecond of window work costs the training threads about a millisecond.
     */
    static final long MIN_INTERVAL_MILLIS = 1000;

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private volatile long lastDrainNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor fxExecutor;
    private final Consumer<List<T>> onFx;

    public FxBatcher(Executor fxExecutor, Consumer<List<T>> onFx) {
        this.fxExecutor = fxExecutor;
        this.onFx = onFx;
    }

    public void submit(T value) {
        queue.add(value);
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastDrainNanos + TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS)
                    - System.nanoTime();
            if (wait <= 0) {
                fxExecutor.execute(this::drain);
            } else {
                FxDelay.TIMER.schedule(() -> fxExecutor.execute(this::drain), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** On the FX thread: delivers what is queued now instead of at the next scheduled hop (e.g. before an end state). */
    public void drainNow() {
        drain();
    }

    private void drain() {
        lastDrainNanos = System.nanoTime();
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T value; (value = queue.poll()) != null; ) {
            batch.add(value);
        }
        if (!batch.isEmpty()) {
            onFx.accept(batch);
        }
    }
}
