package io.vaeexplorer.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where {@link BackgroundTask}s run and where their callbacks come back to. The window passes the FX thread as
 * {@code callbacks}; tests pass a direct executor, so view-models run their background work without a toolkit.
 */
public final class TaskExecutor implements AutoCloseable {

    private final Executor background;
    private final Executor callbacks;
    private final ExecutorService owned;

    /** Runs tasks on {@code background} and their callbacks on {@code callbacks}; closing leaves both alone. */
    public TaskExecutor(Executor background, Executor callbacks) {
        this.background = background;
        this.callbacks = callbacks;
        this.owned = null;
    }

    private TaskExecutor(ExecutorService owned, Executor callbacks) {
        this.background = owned;
        this.callbacks = callbacks;
        this.owned = owned;
    }

    /**
     * One low-priority daemon thread of its own (files, loading, pure maths): tasks run one after another in
     * the order given, so two writes of the same file never race. Closing stops the thread.
     */
    public static TaskExecutor singleThread(String name, Executor callbacks) {
        return new TaskExecutor(Executors.newSingleThreadExecutor(ThreadPriority.backgroundDaemons(name)), callbacks);
    }

    /** Both the task and its callbacks on the calling thread: for tests and for work that is already off the UI. */
    public static TaskExecutor direct() {
        return new TaskExecutor(Runnable::run, Runnable::run);
    }

    /** Starts the task; its callbacks arrive through the callback executor. */
    public <T> void execute(BackgroundTask<T> task) {
        background.execute(() -> task.run(callbacks));
    }

    /** Hands a callback to the callback executor (for work that finished elsewhere). */
    public void callback(Runnable action) {
        callbacks.execute(action);
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
