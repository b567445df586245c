package io.vaeexplorer.concurrent;

import io.vaeexplorer.core.ArchitectureCheck;
import io.vaeexplorer.core.Messages;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.SnapshotModel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explorer's one inference thread. It owns a private copy of the network, reloads it when a newer weight
 * snapshot is offered, and runs encode/decode jobs. Jobs carry a key; a new job replaces a pending one with the
 * same key, so while a slider is dragged only the newest request is computed. Results hop to the FX thread once.
 * The FX thread never waits on this worker.
 */
public final class InferenceWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceWorker.class);

    private record Job<T>(Function<SnapshotModel, T> work, Consumer<T> onResult, Consumer<String> onError) {
        void run(SnapshotModel model, Executor fx) {
            T result;
            try {
                result = work.apply(model);
            } catch (RuntimeException e) {
                LOG.debug("inference job failed", e);
                String message = Messages.oneLine(e);
                deliver(fx, () -> onError.accept(message));
                return;
            }
            deliver(fx, () -> onResult.accept(result));
        }
    }

    /**
     * How a worker gets its copy of the network. The window's workers load the engine's {@link InferenceModel};
     * tests hand in a few lines of plain Java, so view-models run without a native library.
     */
    public interface Loader {

        /** Prepares the worker's own thread once, before its first model (the engine turns autograd off there). */
        void prepareThread();

        /** A model holding the given weights, built on the worker's thread. */
        SnapshotModel load(WeightSnapshot snapshot);
    }

    /** The engine's inference copy of the network, on the CPU. */
    public static final Loader ENGINE = new Loader() {
        @Override
        public void prepareThread() {
            DjlRuntime.disableGradientsOnThisThread();
        }

        @Override
        public SnapshotModel load(WeightSnapshot snapshot) {
            return InferenceModel.onCpu(snapshot);
        }
    };

    /**
     * Hands an answer to the FX executor. Once the window has closed that executor refuses work; the answer has no
     * one left to read it, so it is dropped rather than ending the worker's thread with an exception.
     */
    private static void deliver(Executor fx, Runnable answer) {
        try {
            fx.execute(answer);
        } catch (RejectedExecutionException | IllegalStateException closed) {
            LOG.debug("an answer was dropped: the executor it goes to has closed", closed);
        }
    }

    private final Executor fxExecutor;
    private final Loader loader;
    private final boolean background;
    private final Map<String, Job<?>> pending = new LinkedHashMap<>();
    private final Thread thread;
    private WeightSnapshot offered;
    private boolean closed;
    /** True while the thread runs a job; read by {@link #isIdle} on other threads. */
    private volatile boolean busy;

    /** A background worker (re-encoding, grids, experiments): its thread yields to the window's threads. */
    public InferenceWorker(Executor fxExecutor) {
        this(fxExecutor, ENGINE, true);
    }

    /** A background worker whose models come from {@code loader}. */
    public InferenceWorker(Executor fxExecutor, Loader loader) {
        this(fxExecutor, loader, true);
    }

    /** A worker for answers a person waits for (the decode under the mouse): normal priority. */
    public static InferenceWorker interactive(Executor fxExecutor) {
        return new InferenceWorker(fxExecutor, ENGINE, false);
    }

    /** An interactive worker whose models come from {@code loader}. */
    public static InferenceWorker interactive(Executor fxExecutor, Loader loader) {
        return new InferenceWorker(fxExecutor, loader, false);
    }

    private InferenceWorker(Executor fxExecutor, Loader loader, boolean background) {
        this.fxExecutor = fxExecutor;
        this.loader = loader;
        this.background = background;
        this.thread = new Thread(this::loop, background ? "vae-inference" : "vae-interactive");
        thread.setDaemon(true);
        thread.start();
    }

    /** Offers newer weights; jobs that start after this use them. */
    public synchronized void setSnapshot(WeightSnapshot snapshot) {
        offered = snapshot;
        notifyAll();
    }

    public synchronized WeightSnapshot snapshot() {
        return offered;
    }

    /**
     * Queues a job, replacing a pending one of the same key. Jobs wait until a snapshot has been offered.
     *
     * @param onResult runs on the FX thread with the job's result
     * @param onError runs on the FX thread with a one-line message if the job throws
     */
    public synchronized <T> void submit(String key, Function<SnapshotModel, T> work, Consumer<T> onResult,
                                        Consumer<String> onError) {
        pending.remove(key);
        pending.put(key, new Job<>(work, onResult, onError));
        notifyAll();
    }

    /** True when no job is queued or running (for tests and idle checks). */
    public synchronized boolean isIdle() {
        return pending.isEmpty() && !busy;
    }

    private void loop() {
        SnapshotModel model = null;
        try {
            if (background) {
                ThreadPriority.yieldToInteractiveThreads(ThreadPriority.BACKGROUND_NICE);
            }
            loader.prepareThread();
            while (true) {
                Job<?> job;
                WeightSnapshot snapshot;
                synchronized (this) {
                    while (!closed && (pending.isEmpty() || offered == null)) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    Iterator<Job<?>> it = pending.values().iterator();
                    job = it.next();
                    it.remove();
                    snapshot = offered;
                    busy = true;
                }
                try {
                    model = ensureModel(model, snapshot);
                    job.run(model, fxExecutor);
                } catch (RuntimeException e) {
                    // a snapshot that cannot be loaded must not kill the worker; the job reports it
                    String message = Messages.oneLine(e);
                    Consumer<String> onError = job.onError();
                    deliver(fxExecutor, () -> onError.accept(message));
                } finally {
                    synchronized (this) {
                        busy = false;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (model != null) {
                model.close();
            }
        }
    }

    private SnapshotModel ensureModel(SnapshotModel model, WeightSnapshot snapshot) {
        if (model != null && model.snapshot() == snapshot) {
            return model;
        }
        if (model != null && ArchitectureCheck.sameArchitecture(model.config(), snapshot.config())) {
            model.update(snapshot);
            return model;
        }
        if (model != null) {
            model.close();
        }
        return loader.load(snapshot);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
