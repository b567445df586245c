package io.vaeexplorer.concurrent;

import io.vaeexplorer.core.Messages;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One piece of work off the UI thread and its way back, written as
 * {@code BackgroundTask.wrap(work).onSuccess(show).onFailure(report).executeWith(tasks)}. The callbacks always run
 * through the {@link TaskExecutor}'s callback executor (the FX thread in the window); the work never does.
 *
 * <p>Not {@code javafx.concurrent.Task}: that one posts its state changes to the FX thread itself, so code using
 * it cannot run in a plain unit test, and view-models here are tested without a toolkit.
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {

    /** Work that returns nothing and may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Callable<T> work;
    private Consumer<? super T> onSuccess = value -> {
    };
    private Consumer<String> onFailure = message -> {
    };
    private Runnable onFinished = () -> {
    };

    private BackgroundTask(Callable<T> work) {
        this.work = work;
    }

    /** Work that computes a value. */
    public static <T> BackgroundTask<T> wrap(Callable<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Work done for its effect (a file written, a folder scanned). */
    public static BackgroundTask<Void> run(Action action) {
        return new BackgroundTask<>(() -> {
            action.run();
            return null;
        });
    }

    /** Receives the value on the callback thread. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> consumer) {
        this.onSuccess = consumer;
        return this;
    }

    /** Receives the failure as one line ({@link Messages#oneLine}) on the callback thread. */
    public BackgroundTask<T> onFailure(Consumer<String> consumer) {
        this.onFailure = consumer;
        return this;
    }

    /** Runs on the callback thread after success or failure. */
    public BackgroundTask<T> onFinished(Runnable action) {
        this.onFinished = action;
        return this;
    }

    /** Starts the work. */
    public void executeWith(TaskExecutor executor) {
        executor.execute(this);
    }

    void run(Executor callbacks) {
        T value;
        try {
            value = work.call();
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            String message = Messages.oneLine(e);
            callbacks.execute(() -> {
                try {
                    onFailure.accept(message);
                } finally {
                    onFinished.run();
                }
            });
            return;
        }
        callbacks.execute(() -> {
            try {
                onSuccess.accept(value);
            } finally {
                onFinished.run();
            }
        });
    }
}
