package io.vaeexplorer.sweep;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.Messages;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.Evaluator;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.store.CheckpointException;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the runs of a {@link SweepPlan} one after another on one background thread (each through its own
 * {@link TrainingService}), measures every finished model (test -ELBO parts, IWAE bound) and reports
 * {@link SweepEvent}s on that thread. {@link #cancel(int)} and {@link #cancelAll()} may be called from any thread:
 * a running run stops after its current step, a queued one is skipped.
 *
 * <p>Training events arrive on the training thread; the sweep thread collects them and re-fires them in order,
 * keeping only the latest step per progress interval, so a UI gets a bounded event rate and never sees progress
 * of a run after its end.
 */
public final class SweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    /** Where a run stands; readable at any time through {@link #status(int)}. */
    public enum RunStatus {
        QUEUED, RUNNING, EVALUATING, FINISHED, FAILED, CANCELLED;

        public boolean isFinal() {
            return this == FINISHED || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * How the runner measures and keeps the runs.
     *
     * @param iwaeSamples importance samples k of the IWAE bound; 0 skips it
     * @param iwaeImages first test images the bound is averaged over (k decodes each; 0 = all)
     * @param progressMillis at most one {@link SweepEvent.RunProgress} per this interval
     * @param snapshotMillis how often the running model's weights are published for {@link #latestSnapshot()}
     *     (0: only after each epoch)
     * @param saveDir when not null, each finished run's checkpoint is saved to
     *     {@code saveDir/<runFolderName>/model.vae}
     */
    public record Options(int iwaeSamples, int iwaeImages, long progressMillis, long snapshotMillis, Path saveDir) {

        public Options {
            if (iwaeSamples < 0 || iwaeImages < 0) {
                throw new IllegalArgumentException("IWAE samples and images must be >= 0");
            }
            if (progressMillis < 1 || snapshotMillis < 0) {
                throw new IllegalArgumentException("progress interval must be >= 1 ms, snapshot interval >= 0");
            }
        }

        /** k = 50 on 500 test images (well under a second for the MLP), progress every 100 ms, no saving. */
        public static Options defaults() {
            return new Options(50, 500, 100, 500, null);
        }

        public Options withIwae(int samples, int images) {
            return new Options(samples, images, progressMillis, snapshotMillis, saveDir);
        }

        public Options withProgressMillis(long millis) {
            return new Options(iwaeSamples, iwaeImages, millis, snapshotMillis, saveDir);
        }

        public Options withSaveDir(Path dir) {
            return new Options(iwaeSamples, iwaeImages, progressMillis, snapshotMillis, dir);
        }
    }

    private final Dataset data;
    private final SweepPlan plan;
    private final Options options;
    private final List<Consumer<? super SweepEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReferenceArray<RunStatus> statuses;
    private final List<SweepResult> results = new CopyOnWriteArrayList<>();
    private final CompletableFuture<SweepEvent.SweepFinished> finished = new CompletableFuture<>();
    private final Object lock = new Object();
    private final boolean[] cancelRequested; // guarded by lock
    private int currentIndex = -1; // guarded by lock
    private TrainingService current; // guarded by lock
    private volatile boolean cancelAll;
    private Thread thread;
    private ComputeDevice device;
    private Evaluator evaluator; // sweep thread only: the test set in native memory, shared by all runs

    public SweepRunner(Dataset data, SweepPlan plan, Options options) {
        this.data = Objects.requireNonNull(data, "data");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.options = Objects.requireNonNull(options, "options");
        for (SweepPlan.Run run : plan.runs()) {
            String mismatch = run.model().sizeMismatch("run '" + run.name() + "'", data.name(),
                    data.channels(), data.rows(), data.cols());
            if (mismatch != null) {
                throw new IllegalArgumentException(mismatch);
            }
        }
        statuses = new AtomicReferenceArray<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            statuses.set(i, RunStatus.QUEUED);
        }
        cancelRequested = new boolean[plan.size()];
    }

    public SweepRunner(Dataset data, SweepPlan plan) {
        this(data, plan, Options.defaults());
    }

    public SweepPlan plan() {
        return plan;
    }

    /** Listeners get every event on the sweep thread; add them before {@link #start()} to see the first ones. */
    public void addListener(Consumer<? super SweepEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<? super SweepEvent> listener) {
        listeners.remove(listener);
    }

    public RunStatus status(int index) {
        return statuses.get(index);
    }

    /** Every run's status, by index. */
    public List<RunStatus> statuses() {
        List<RunStatus> list = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            list.add(statuses.get(i));
        }
        return list;
    }

    /** Results of the runs finished so far, in the order they finished (which is plan order). */
    public List<SweepResult> results() {
        return List.copyOf(results);
    }

    /** Index of the run training or being evaluated now, -1 before the first and after the last. */
    public int currentIndex() {
        synchronized (lock) {
            return currentIndex;
        }
    }

    /** The newest weights of the run training now (for a live view of it), or null. */
    public WeightSnapshot latestSnapshot() {
        synchronized (lock) {
            return current == null ? null : current.latestSnapshot();
        }
    }

    /** Completes (never exceptionally) with the last event once every run has ended. */
    public CompletableFuture<SweepEvent.SweepFinished> result() {
        return finished;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("this sweep was already started");
        }
        thread = new Thread(this::runSweep, "vae-sweep");
        thread.setDaemon(true);
        thread.start();
    }

    /** Cancels one run: a running one stops after its current step, a queued one will not train. */
    public void cancel(int index) {
        Objects.checkIndex(index, plan.size());
        TrainingService running;
        synchronized (lock) {
            cancelRequested[index] = true;
            running = index == currentIndex ? current : null;
        }
        if (running != null) {
            running.cancel();
        }
    }

    /** Cancels the running run and every queued one; the sweep then ends. */
    public void cancelAll() {
        cancelAll = true;
        TrainingService running;
        synchronized (lock) {
            running = current;
        }
        if (running != null) {
            running.cancel();
        }
    }

    /** Waits for the sweep to end; true if it ended within the timeout. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            finished.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** The folder a run's checkpoint goes to under {@link Options#saveDir()}, e.g. "02-latent20_beta4". */
    public static String runFolderName(SweepPlan plan, int index) {
        int digits = Math.max(2, String.valueOf(plan.size()).length());
        return String.format("%0" + digits + "d-%s", index + 1, plan.run(index).slug());
    }

    // ------------------------------------------------------------------------------------------ sweep thread

    private void runSweep() {
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < plan.size(); i++) {
                fire(new SweepEvent.RunQueued(i, plan.run(i)));
            }
            DjlRuntime.disableGradientsOnThisThread();
            device = ComputeDevice.preferred();
            for (int i = 0; i < plan.size(); i++) {
                reportQueuedCancellations();
                if (statuses.get(i).isFinal()) {
                    continue; // cancelled while queued, already reported
                }
                TrainingService service = null;
                boolean skip;
                String failure = null;
                synchronized (lock) {
                    skip = cancelAll || cancelRequested[i];
                    if (!skip) {
                        SweepPlan.Run run = plan.run(i);
                        try {
                            service = new TrainingService(new TrainingRequest(data, run.model(), run.training(), null,
                                    options.snapshotMillis()));
                            currentIndex = i;
                            current = service;
                        } catch (RuntimeException e) {
                            failure = oneLine(e);
                        }
                    }
                }
                if (skip) {
                    end(i, RunStatus.CANCELLED, new SweepEvent.RunCancelled(i, plan.run(i), false));
                } else if (failure != null) {
                    end(i, RunStatus.FAILED, new SweepEvent.RunFailed(i, plan.run(i), failure));
                } else {
                    runOne(i, service);
                }
                synchronized (lock) {
                    current = null;
                }
            }
        } catch (RuntimeException | Error e) {
            // the engine did not load, or something unforeseen: every run not yet ended fails with the reason
            LOG.debug("sweep failed", e);
            String message = oneLine(e);
            for (int i = 0; i < plan.size(); i++) {
                if (!statuses.get(i).isFinal()) {
                    end(i, RunStatus.FAILED, new SweepEvent.RunFailed(i, plan.run(i), message));
                }
            }
        } finally {
            synchronized (lock) {
                currentIndex = -1;
                current = null;
            }
            if (evaluator != null) {
                evaluator.close();
                evaluator = null;
            }
            SweepEvent.SweepFinished end = new SweepEvent.SweepFinished(results, statuses(), cancelAll,
                    (System.nanoTime() - t0) / 1e9);
            fire(end);
            finished.complete(end);
        }
    }

    private void runOne(int index, TrainingService service) {
        SweepPlan.Run run = plan.run(index);
        long t0 = System.nanoTime();
        statuses.set(index, RunStatus.RUNNING);
        fire(new SweepEvent.RunStarted(index, run));
        LinkedBlockingQueue<TrainingEvent> inbox = new LinkedBlockingQueue<>();
        service.addListener(event -> {
            if (event instanceof TrainingEvent.Step || event instanceof TrainingEvent.Epoch) {
                inbox.add(event);
            }
        });
        service.start();
        boolean done;
        do {
            done = awaitRun(service);
            forward(index, run, inbox);
            reportQueuedCancellations();
        } while (!done);
        TrainingResult outcome = service.result().join();
        switch (outcome.state()) {
            case FINISHED -> evaluate(index, run, outcome, t0);
            case CANCELLED -> end(index, RunStatus.CANCELLED, new SweepEvent.RunCancelled(index, run, true));
            default -> end(index, RunStatus.FAILED, new SweepEvent.RunFailed(index, run, outcome.message()));
        }
    }

    /** Waits up to one progress interval for the run to end; true when it has. */
    private boolean awaitRun(TrainingService service) {
        try {
            service.result().get(options.progressMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll();
            return service.result().isDone();
        }
    }

    /** Re-fires the collected training events: every epoch, and of the steps before each only the latest. */
    private void forward(int index, SweepPlan.Run run, LinkedBlockingQueue<TrainingEvent> inbox) {
        List<TrainingEvent> events = new ArrayList<>();
        inbox.drainTo(events);
        TrainingEvent.Step pending = null;
        int epochs = run.training().epochs();
        for (TrainingEvent event : events) {
            if (event instanceof TrainingEvent.Step step) {
                pending = step;
            } else if (event instanceof TrainingEvent.Epoch epoch) {
                if (pending != null) {
                    fire(progress(index, pending, epochs));
                    pending = null;
                }
                fire(new SweepEvent.RunEpoch(index, epoch.record(), epochs));
            }
        }
        if (pending != null) {
            fire(progress(index, pending, epochs));
        }
    }

    private static SweepEvent.RunProgress progress(int index, TrainingEvent.Step step, int epochs) {
        return new SweepEvent.RunProgress(index, step.epoch(), epochs, step.batch(), step.batchesPerEpoch(),
                step.loss(), step.samplesPerSecond());
    }

    /** Measures a trained model, saves it when asked to, and reports the run finished. */
    private void evaluate(int index, SweepPlan.Run run, TrainingResult outcome, long t0) {
        statuses.set(index, RunStatus.EVALUATING);
        fire(new SweepEvent.RunEvaluating(index));
        Checkpoint checkpoint = outcome.checkpoint();
        LossParts test = outcome.test();
        double iwae = Double.NaN;
        int iwaeImages = 0;
        try {
            if (test == null || options.iwaeSamples() > 0) {
                if (evaluator == null) {
                    evaluator = new Evaluator(data.test(), device);
                }
                try (InferenceModel model = new InferenceModel(checkpoint.weights(), device)) {
                    // the run's own seed: the same run measures the same, whichever runs came before it
                    DjlRuntime.engine().setRandomSeed((int) run.training().seed());
                    if (test == null) { // zero epochs: nothing was evaluated during training
                        test = evaluator.negElbo(model.block(), () -> isCancelled(index));
                    }
                    if (test != null && options.iwaeSamples() > 0 && !isCancelled(index)) {
                        iwaeImages = options.iwaeImages() == 0 ? evaluator.count()
                                : Math.min(options.iwaeImages(), evaluator.count());
                        iwae = evaluator.iwaeLogLikelihood(model.block(), options.iwaeSamples(), iwaeImages);
                    }
                }
            }
            if (test == null || isCancelled(index)) {
                end(index, RunStatus.CANCELLED, new SweepEvent.RunCancelled(index, run, true));
                return;
            }
            Path file = null;
            if (options.saveDir() != null) {
                file = CheckpointIO.save(checkpoint, options.saveDir().resolve(runFolderName(plan, index)));
            }
            double trainSeconds = checkpoint.history().stream().mapToDouble(EpochRecord::seconds).sum();
            SweepResult result = new SweepResult(index, run.name(), run.model(), run.training(), test, iwae,
                    iwaeImages == 0 ? 0 : options.iwaeSamples(), iwaeImages, trainSeconds,
                    (System.nanoTime() - t0) / 1e9, outcome.device(), checkpoint, file);
            results.add(result);
            end(index, RunStatus.FINISHED, new SweepEvent.RunFinished(index, result));
        } catch (CheckpointException e) {
            end(index, RunStatus.FAILED, new SweepEvent.RunFailed(index, run, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.debug("evaluation failed", e);
            end(index, RunStatus.FAILED, new SweepEvent.RunFailed(index, run, "evaluation failed: " + oneLine(e)));
        }
    }

    private boolean isCancelled(int index) {
        synchronized (lock) {
            return cancelAll || cancelRequested[index];
        }
    }

    /** Reports at once the queued runs cancelled one by one, so a UI's table does not wait for their turn. */
    private void reportQueuedCancellations() {
        List<Integer> newlyCancelled = new ArrayList<>();
        synchronized (lock) {
            for (int i = currentIndex + 1; i < plan.size(); i++) {
                if (cancelRequested[i] && statuses.get(i) == RunStatus.QUEUED) {
                    newlyCancelled.add(i);
                }
            }
        }
        for (int i : newlyCancelled) {
            end(i, RunStatus.CANCELLED, new SweepEvent.RunCancelled(i, plan.run(i), false));
        }
    }

    private void end(int index, RunStatus status, SweepEvent event) {
        statuses.set(index, status);
        fire(event);
    }

    private void fire(SweepEvent event) {
        for (Consumer<? super SweepEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a broken listener must not stop the sweep
                LOG.warn("sweep listener failed: {}", e.toString());
            }
        }
    }

    private static String oneLine(Throwable e) {
        return Messages.oneLine(e);
    }
}
