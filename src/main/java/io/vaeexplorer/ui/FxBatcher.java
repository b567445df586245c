package io.vaeexplorer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Like {@link FxCoalescer} but keeps every value: values queue up off the FX thread and reach it in batches, one
 * hop at a time (for loss points, where none may be lost but thousands a second must not mean thousands of hops).
 */
public final class FxBatcher<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
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
            fxExecutor.execute(this::drain);
        }
    }

    private void drain() {
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
