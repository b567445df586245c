package io.vaeexplorer.training;

import io.vaeexplorer.concurrent.ThreadPriority;
import io.vaeexplorer.core.ArchitectureCheck;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.Messages;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.Evaluator;
import io.vaeexplorer.engine.VaeTrainer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one training request on its own thread and tells listeners how it goes. Start, pause, resume and cancel
 * may be called from any thread; cancel takes effect after the current step (milliseconds) or evaluation batch.
 *
 * <p>Other threads read the weights only through published {@link WeightSnapshot}s (immutable copies), so they
 * never lock or race the optimiser. Between steps the run copies its weights out and encodes the test set for the
 * views as often as the request allows and their measured cost affords ({@link RefreshPacer}); neither draws a
 * random number, so they never change the run. A pause first shows the views the weights and codes of the step
 * it stops at.
 */
public final class TrainingService {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    /** A step whose -ELBO passes this many nats per image has exploded, even while it is still finite. */
    private static final double EXPLODED_LOSS = 1e7;

    /**
     * How many times the run's lowest step loss the step before a NaN must have reached for the loss to count as
     * having grown first, the pattern of steps too large rather than of a numerical fault.
     */
    private static final double GROWTH_FACTOR = 10;

    /** Shares of the run's time that encoding the test set, and copying the weights, may take for the views. */
    private static final double CODES_SHARE = 0.03;
    private static final double SNAPSHOT_SHARE = 0.02;
    /** For this long from its start, a watched run refreshes its views this many times as often (and dearly). */
    private static final long WARM_UP_MILLIS = 2000;
    private static final int WARM_UP_SPEED_UP = 2;

    private final TrainingRequest request;
    private final LongSupplier clock;
    private final List<TrainingEventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<WeightSnapshot> latest = new AtomicReference<>();
    private final CompletableFuture<TrainingResult> result = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition unpaused = lock.newCondition();
    private volatile TrainingState state = TrainingState.READY;
    private volatile boolean pauseRequested;
    private volatile boolean cancelRequested;
    private volatile String deviceName = "";
    private volatile String stepMethod = "";
    private volatile String failureMessage = "";
    private volatile boolean diverged;
    // the training thread's own: what the loss did before a divergence
    private double previousStepLoss = Double.NaN;
    private double lowestStepLoss = Double.POSITIVE_INFINITY;
    // the training thread's own: when to refresh the views next (null: never between epochs), and what they have
    private RefreshPacer snapshotPacer;
    private RefreshPacer codesPacer;
    private long publishedStep = -1;
    private long codesStep = -1;
    private Thread thread;
    private long version;

    public TrainingService(TrainingRequest request) {
        this(request, System::nanoTime);
    }

    /** @param clock nanoseconds as {@link System#nanoTime()} gives them (tests drive the refresh pacing with it) */
    TrainingService(TrainingRequest request, LongSupplier clock) {
        this.request = request;
        this.clock = clock;
        if (request.resumeFrom() != null) {
            ArchitectureCheck.requireSame(request.resumeFrom().config(), request.model());
            latest.set(request.resumeFrom().weights());
            version = request.resumeFrom().weights().version();
        }
    }

    public TrainingRequest request() {
        return request;
    }

    public void addListener(TrainingEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TrainingEventListener listener) {
        listeners.remove(listener);
    }

    public TrainingState state() {
        return state;
    }

    /** The newest published weights, or null before the first publication. Safe from any thread. */
    public WeightSnapshot latestSnapshot() {
        return latest.get();
    }

    /** Completes when the run ends, whatever the outcome (it never completes exceptionally). */
    public CompletableFuture<TrainingResult> result() {
        return result;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("this run was already started");
        }
        thread = new Thread(this::run, "vae-training");
        thread.setDaemon(true);
        thread.start();
    }

    public void pause() {
        pauseRequested = true;
    }

    public void resume() {
        lock.lock();
        try {
            pauseRequested = false;
            unpaused.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void cancel() {
        cancelRequested = true;
        resume();
    }

    /** Waits for the run to end; true if it ended within the timeout. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            result.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private void run() {
        List<EpochRecord> history = new ArrayList<>();
        Checkpoint resume = request.resumeFrom();
        if (resume != null) {
            history.addAll(resume.history());
        }
        LossParts lastTest = history.isEmpty() ? null : history.get(history.size() - 1).test();
        try {
            // the window's threads go first: a pulse or a click never waits behind a training step
            ThreadPriority.yieldToInteractiveThreads(ThreadPriority.BACKGROUND_NICE);
            DjlRuntime.disableGradientsOnThisThread();
            ComputeDevice device = ComputeDevice.preferred();
            deviceName = device.describe();
            setState(TrainingState.RUNNING, "");
            int epochsDone = resume == null ? 0 : resume.epochsDone();
            long stepsDone = resume == null ? 0 : resume.weights().step();
            try (VaeTrainer trainer = new VaeTrainer(request.model(), request.training(), request.data().train(),
                    device, resume == null ? null : resume.weights(), stepsDone, epochsDone);
                 Evaluator evaluator = new Evaluator(request.data().test(), device)) {
                stepMethod = trainer.stepMethod();
                long start = clock.getAsLong();
                snapshotPacer = pacer(request.snapshotMillis(), SNAPSHOT_SHARE, start);
                codesPacer = pacer(request.codesMillis(), CODES_SHARE, start);
                publish(trainer);
                if (codesPacer != null) {
                    sendCodes(evaluator, trainer, epochsDone + 1); // the views show the starting weights at once
                }
                int lastEpoch = epochsDone + request.training().epochs();
                for (int epoch = epochsDone + 1; epoch <= lastEpoch && !cancelRequested; epoch++) {
                    EpochRecord record = trainEpoch(trainer, evaluator, epoch, lastEpoch);
                    if (record == null) {
                        break; // cancelled or diverged; state already says which
                    }
                    history.add(record);
                    lastTest = record.test();
                    publish(trainer);
                    fire(new TrainingEvent.Epoch(record, lastEpoch, checkpoint(history)));
                }
                if (state == TrainingState.FAILED) {
                    finish(TrainingState.FAILED, failureMessage, history, lastTest);
                } else if (cancelRequested) {
                    publish(trainer); // the weights after the last finished step are fine: keep them
                    finish(TrainingState.CANCELLED, "cancelled", history, lastTest);
                } else {
                    finish(TrainingState.FINISHED, "", history, lastTest);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.debug("training failed", e);
            String message = Messages.oneLine(e);
            finish(TrainingState.FAILED, "training failed: " + message, history, lastTest);
        }
    }

    /**
     * One epoch; null when it was cancelled or diverged part way. Its time is the loop's wall time less pauses, so
     * that what the run does for the views (weight copies, codes) counts against its speed.
     */
    private EpochRecord trainEpoch(VaeTrainer trainer, Evaluator evaluator, int epoch, int lastEpoch) {
        trainer.beginEpoch();
        int batches = trainer.batchesPerEpoch();
        double reconstructionSum = 0;
        double klSum = 0;
        long images = 0;
        long pausedNanos = 0;
        long started = clock.getAsLong();
        for (int batch = 1; trainer.hasNextBatch(); batch++) {
            if (pauseRequested) {
                showPausedModel(trainer, evaluator, epoch);
                long pausedAt = clock.getAsLong();
                waitWhilePaused();
                pausedNanos += clock.getAsLong() - pausedAt;
            }
            if (cancelRequested) {
                return null;
            }
            int size = trainer.nextBatchSize();
            LossParts loss = trainer.trainStep();
            if (!loss.isFinite() || loss.negElbo() > EXPLODED_LOSS) {
                diverged(trainer, loss);
                return null;
            }
            previousStepLoss = loss.negElbo();
            lowestStepLoss = Math.min(lowestStepLoss, previousStepLoss);
            reconstructionSum += loss.reconstruction() * size;
            klSum += loss.kl() * size;
            images += size;
            long trained = clock.getAsLong() - started - pausedNanos;
            double samplesPerSecond = images / (trained / 1e9);
            fire(new TrainingEvent.Step(epoch, trainer.step(), batch, batches, loss, samplesPerSecond));
            long now = clock.getAsLong();
            if (snapshotPacer != null && snapshotPacer.isDue(now)) {
                publish(trainer);
            }
            // the epoch's evaluation sends the codes of its last step: none when it comes within half a gap
            long remainingNanos = trained / batch * (batches - batch);
            if (codesPacer != null && codesPacer.isDue(now) && remainingNanos >= codesPacer.gapNanos(now) / 2) {
                sendCodes(evaluator, trainer, epoch);
            }
        }
        double seconds = (clock.getAsLong() - started - pausedNanos) / 1e9;
        LossParts train = new LossParts(reconstructionSum / images, klSum / images);
        Evaluator.Evaluation test = evaluator.evaluate(trainer.block(), () -> cancelRequested, codesPacer != null);
        if (test == null) {
            return null;
        }
        if (test.codes() != null) {
            fire(new TrainingEvent.Codes(test.codes(), epoch, trainer.step()));
            codesStep = trainer.step();
            codesPacer.refreshedAlongside(clock.getAsLong());
        }
        return new EpochRecord(epoch, trainer.step(), train, test.negElbo(), seconds, images / seconds);
    }

    /** Encodes the test set with the current weights for the views (drawing no random number). */
    private void sendCodes(Evaluator evaluator, VaeTrainer trainer, int epoch) {
        long started = clock.getAsLong();
        fire(new TrainingEvent.Codes(evaluator.latentCodes(trainer.block()), epoch, trainer.step()));
        codesStep = trainer.step();
        if (codesPacer != null) {
            codesPacer.refreshed(started, clock.getAsLong());
        }
    }

    /**
     * Before a pause: the views get the weights and the codes of the step it stops at, so that what they show and
     * decode while paused is the paused model.
     */
    private void showPausedModel(VaeTrainer trainer, Evaluator evaluator, int epoch) {
        if (snapshotPacer != null && publishedStep != trainer.step()) {
            publish(trainer);
        }
        if (codesPacer != null && codesStep != trainer.step()) {
            sendCodes(evaluator, trainer, epoch);
        }
    }

    /** Paces refreshes at least {@code millis} apart once warmed up; null for none between epochs. */
    private RefreshPacer pacer(long millis, double share, long start) {
        if (millis == 0) {
            return null;
        }
        long floor = TimeUnit.MILLISECONDS.toNanos(millis);
        return request.watched() ? RefreshPacer.warmingUp(floor, share, start,
                TimeUnit.MILLISECONDS.toNanos(WARM_UP_MILLIS), WARM_UP_SPEED_UP) : RefreshPacer.steady(floor, share);
    }

    private void diverged(VaeTrainer trainer, LossParts loss) {
        WeightSnapshot good = latest.get();
        failureMessage = divergenceMessage(trainer.step(), loss, previousStepLoss, lowestStepLoss,
                request.training().learningRate()) + "; kept the last good weights"
                + (good == null ? "" : " from step " + good.step());
        diverged = true;
        state = TrainingState.FAILED;
    }

    /**
     * What is known about a divergence: the step, which loss term went non-finite or exploded, and a cause only
     * where one is plausible. A learning rate above the default, or a loss that grew before it broke, points at
     * the step size; a loss that turns NaN at once at the default rate may as well be a numerical fault, so then
     * the cause is said to be unknown.
     *
     * @param previousLoss the -ELBO of the step before in this run, NaN when there was none
     * @param lowestLoss the lowest step -ELBO in this run, infinite when there was none
     */
    static String divergenceMessage(long step, LossParts loss, double previousLoss, double lowestLoss,
                                    float learningRate) {
        float defaultRate = TrainingConfig.defaults().learningRate();
        boolean exploded = loss.isFinite();
        boolean grewFirst = lowestLoss > 0 && previousLoss > GROWTH_FACTOR * lowestLoss;
        String cause;
        if (learningRate > defaultRate) {
            cause = "the learning rate " + plain(learningRate) + " is above the default " + plain(defaultRate)
                    + " and may be too high";
        } else if (exploded) {
            cause = "a loss that grows this large can mean the learning rate " + plain(learningRate)
                    + " is too high for this model";
        } else if (grewFirst) {
            cause = "the loss had grown from " + amount(lowestLoss) + " to " + amount(previousLoss)
                    + " before, which can mean the learning rate " + plain(learningRate) + " is too high for this model";
        } else if (Double.isNaN(previousLoss)) {
            cause = "the cause is unknown (it broke at the run's first step)";
        } else {
            cause = "the cause is unknown (the loss did not grow first)";
        }
        return "training diverged at step " + step + ": " + whatDiverged(loss) + "; " + cause;
    }

    /** Which term of the loss went non-finite or exploded, with the other term's value. */
    private static String whatDiverged(LossParts loss) {
        double recon = loss.reconstruction();
        double kl = loss.kl();
        boolean reconBroken = !Double.isFinite(recon);
        boolean klBroken = !Double.isFinite(kl);
        if (reconBroken && klBroken) {
            return turned(recon).equals(turned(kl)) ? "the reconstruction and KL terms both " + turned(recon)
                    : "the reconstruction term " + turned(recon) + " and the KL term " + turned(kl);
        }
        if (reconBroken) {
            return "the reconstruction term " + turned(recon) + " (KL " + amount(kl) + ")";
        }
        if (klBroken) {
            return "the KL term " + turned(kl) + " (reconstruction " + amount(recon) + ")";
        }
        boolean reconExploded = recon > EXPLODED_LOSS;
        boolean klExploded = kl > EXPLODED_LOSS;
        if (reconExploded && klExploded) {
            return "the reconstruction and KL terms both exploded (" + amount(recon) + " and " + amount(kl) + ")";
        }
        if (reconExploded) {
            return "the reconstruction term exploded to " + amount(recon) + " (KL " + amount(kl) + ")";
        }
        if (klExploded) {
            return "the KL term exploded to " + amount(kl) + " (reconstruction " + amount(recon) + ")";
        }
        return "the loss exploded to " + amount(loss.negElbo()) + " (reconstruction " + amount(recon) + " + KL "
                + amount(kl) + ")";
    }

    private static String turned(double value) {
        return Double.isNaN(value) ? "turned NaN" : value > 0 ? "turned infinite" : "fell to minus infinity";
    }

    /** Nats as the progress lines show them; exploded values in powers of ten. */
    private static String amount(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 1e5 ? "%.1f" : "%.2e", value);
    }

    /** A rate as it is typed: 0.001 rather than 0.0010000000474974513 or 1.0E-3. */
    private static String plain(float value) {
        return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }

    private void waitWhilePaused() {
        lock.lock();
        try {
            if (pauseRequested && !cancelRequested) {
                setState(TrainingState.PAUSED, "");
                while (pauseRequested && !cancelRequested) {
                    unpaused.awaitUninterruptibly();
                }
                if (!cancelRequested) {
                    setState(TrainingState.RUNNING, "");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void publish(VaeTrainer trainer) {
        long started = clock.getAsLong();
        WeightSnapshot snapshot = trainer.snapshot(++version);
        latest.set(snapshot);
        fire(new TrainingEvent.Snapshot(snapshot));
        publishedStep = trainer.step();
        if (snapshotPacer != null) {
            snapshotPacer.refreshed(started, clock.getAsLong());
        }
    }

    private void finish(TrainingState end, String message, List<EpochRecord> history, LossParts test) {
        TrainingResult outcome = new TrainingResult(end, message, checkpoint(history), test, deviceName, stepMethod,
                end == TrainingState.FAILED && diverged);
        setState(end, message);
        result.complete(outcome);
    }

    /** The latest published weights with the history so far; null before any weights exist. */
    private Checkpoint checkpoint(List<EpochRecord> history) {
        WeightSnapshot weights = latest.get();
        return weights == null ? null
                : new Checkpoint(weights, request.training(), history, deviceName, request.data().name());
    }

    private void setState(TrainingState newState, String message) {
        state = newState;
        fire(new TrainingEvent.StateChanged(newState, message, deviceName));
    }

    private void fire(TrainingEvent event) {
        for (TrainingEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // a broken listener must not stop training
                LOG.warn("training listener failed: {}", e.toString());
            }
        }
    }
}
