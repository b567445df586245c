package io.vaeexplorer.ui.fx;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the newest of a stream of values to the FX thread, at most one hop in flight: a trainer that publishes
 * faster than the screen refreshes never floods the FX queue; values in between are dropped, the last one is
 * always delivered.
 */
public final class FxCoalescer<T> {

    private final AtomicReference<T> pending = new AtomicReference<>();
    private final Executor fxExecutor;
    private final Consumer<T> onFx;

    public FxCoalescer(Executor fxExecutor, Consumer<T> onFx) {
        this.fxExecutor = fxExecutor;
        this.onFx = onFx;
    }

    /** Any thread: offers a value; the FX thread receives it or a newer one. */
    public void submit(T value) {
        if (pending.getAndSet(value) == null) {
            fxExecutor.execute(() -> {
                T latest = pending.getAndSet(null);
                if (latest != null) {
                    onFx.accept(latest);
                }
            });
        }
    }
}
