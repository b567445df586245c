package io.vaeexplorer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.sweep.SweepEvent.RunCancelled;
import io.vaeexplorer.sweep.SweepEvent.RunEpoch;
import io.vaeexplorer.sweep.SweepEvent.RunEvaluating;
import io.vaeexplorer.sweep.SweepEvent.RunFailed;
import io.vaeexplorer.sweep.SweepEvent.RunFinished;
import io.vaeexplorer.sweep.SweepEvent.RunProgress;
import io.vaeexplorer.sweep.SweepEvent.RunQueued;
import io.vaeexplorer.sweep.SweepEvent.RunStarted;
import io.vaeexplorer.sweep.SweepEvent.SweepFinished;
import io.vaeexplorer.sweep.SweepRunner.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SweepRunnerTest {

    private static final ModelConfig SMALL = ModelConfig.mlp(2, List.of(32));
    private static final SweepRunner.Options FAST = SweepRunner.Options.defaults().withProgressMillis(20);

    @TempDir
    Path temp;

    /** Records every event and the threads they came on. */
    private static final class Recorder {
        final List<SweepEvent> events = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        void attach(SweepRunner runner) {
            runner.addListener(e -> {
                threads.add(Thread.currentThread().getName());
                events.add(e);
            });
        }

        <T extends SweepEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** The events of one run, progress and epochs left out: its life cycle. */
        List<Class<?>> lifeCycle(int index) {
            return events.stream().filter(e -> e instanceof SweepEvent.RunEvent r && r.index() == index)
                    .filter(e -> !(e instanceof RunProgress) && !(e instanceof RunEpoch))
                    .<Class<?>>map(Object::getClass).toList();
        }
    }

    @Test
    void twoTinyConfigurationsTrainInTurnAndFillTheResults() throws Exception {
        Dataset data = SmallMnist.slice(1000, 300);
        SweepPlan plan = SweepPlan.parse("latent=2,8", SMALL, new TrainingConfig(2, 32, 1e-3f, 1, 0));
        Path out = temp.resolve("sweep");
        SweepRunner runner = new SweepRunner(data, plan, FAST.withIwae(20, 0).withSaveDir(out));
        Recorder recorder = new Recorder();
        recorder.attach(runner);
        runner.start();
        SweepFinished end = runner.result().get(90, TimeUnit.SECONDS);

        assertEquals(Set.of("vae-sweep"), recorder.threads, "events must come on the sweep's thread");
        List<SweepEvent> events = recorder.events;
        assertInstanceOf(RunQueued.class, events.get(0));
        assertInstanceOf(RunQueued.class, events.get(1));
        assertEquals(end, events.get(events.size() - 1));
        for (int i = 0; i < 2; i++) {
            assertEquals(List.of(RunQueued.class, RunStarted.class, RunEvaluating.class, RunFinished.class),
                    recorder.lifeCycle(i));
        }
        // run 1 starts only after run 0 has finished, and nothing of run 0 comes after its end
        int finished0 = events.indexOf(recorder.of(RunFinished.class).get(0));
        int started1 = events.indexOf(recorder.of(RunStarted.class).get(1));
        assertTrue(finished0 < started1);
        assertTrue(events.subList(finished0 + 1, events.size()).stream()
                .noneMatch(e -> e instanceof SweepEvent.RunEvent r && r.index() == 0));
        // progress climbs within a run, epochs come in order after their steps
        for (int i = 0; i < 2; i++) {
            int index = i;
            List<Double> fractions = recorder.of(RunProgress.class).stream().filter(p -> p.index() == index)
                    .map(RunProgress::runFraction).toList();
            assertFalse(fractions.isEmpty(), "no progress for run " + i);
            for (int k = 1; k < fractions.size(); k++) {
                assertTrue(fractions.get(k) > fractions.get(k - 1), "progress went back: " + fractions);
            }
            assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9);
            assertEquals(List.of(1, 2), recorder.of(RunEpoch.class).stream().filter(e -> e.index() == index)
                    .map(e -> e.record().epoch()).toList());
        }

        assertEquals(List.of(RunStatus.FINISHED, RunStatus.FINISHED), end.statuses());
        assertFalse(end.cancelledAll());
        List<SweepResult> results = end.results();
        assertEquals(List.of(0, 1), results.stream().map(SweepResult::index).toList());
        assertEquals(results, runner.results());
        for (SweepResult r : results) {
            assertTrue(r.test().isFinite() && r.testNegElbo() > 100 && r.testNegElbo() < 400, r.toString());
            assertEquals(r.testNegElbo(), r.test().reconstruction() + r.test().kl(), 1e-9);
            assertTrue(r.hasIwae() && r.iwaeSamples() == 20 && r.iwaeImages() == 300);
            // the IWAE bound lies above the ELBO (up to the one-sample noise of the ELBO estimate)
            assertTrue(r.iwaeLogLikelihood() < 0 && r.iwaeLogLikelihood() > -r.testNegElbo() - 3,
                    "IWAE " + r.iwaeLogLikelihood() + " vs -ELBO " + r.testNegElbo());
            assertTrue(r.trainSeconds() > 0 && r.wallSeconds() >= r.trainSeconds());
            assertFalse(r.device().isEmpty());
            assertEquals(2, r.epochs());
            assertEquals(r.model(), r.checkpoint().config());
            Checkpoint saved = CheckpointIO.load(r.checkpointFile());
            assertEquals(r.checkpoint().weights().weights().get(0).values()[0],
                    saved.weights().weights().get(0).values()[0]);
            assertEquals(out.resolve(SweepRunner.runFolderName(plan, r.index())).resolve("model.vae"),
                    r.checkpointFile());
        }
        assertEquals(2, results.get(0).model().latent());
        assertEquals(8, results.get(1).model().latent());
        assertNotEquals(results.get(0).test(), results.get(1).test());
        assertNotEquals(results.get(0).iwaeLogLikelihood(), results.get(1).iwaeLogLikelihood());
    }

    @Test
    void cancellingTheRunningRunSkipsToTheNextAndAQueuedRunIsDroppedAtOnce() throws Exception {
        Dataset data = SmallMnist.slice(2000, 200);
        TrainingConfig endless = new TrainingConfig(1000, 32, 1e-3f, 1, 0);
        TrainingConfig quick = new TrainingConfig(1, 100, 1e-3f, 1, 1000);
        SweepPlan plan = new SweepPlan(List.of(
                new SweepPlan.Run("endless", SMALL, endless),
                new SweepPlan.Run("dropped", SMALL, quick),
                new SweepPlan.Run("quick", SMALL, quick)));
        SweepRunner runner = new SweepRunner(data, plan, FAST.withIwae(0, 0));
        Recorder recorder = new Recorder();
        CountDownLatch progressed = new CountDownLatch(3);
        CountDownLatch droppedReported = new CountDownLatch(1);
        recorder.attach(runner);
        runner.addListener(e -> {
            if (e instanceof RunProgress p && p.index() == 0) {
                progressed.countDown();
            } else if (e instanceof RunCancelled c && c.index() == 1) {
                droppedReported.countDown();
            }
        });
        runner.start();
        assertTrue(progressed.await(60, TimeUnit.SECONDS));

        runner.cancel(1);
        assertTrue(droppedReported.await(60, TimeUnit.SECONDS), "a queued run's cancel was never reported");
        // reported while the endless run still trains: the cancel did not wait for its turn
        assertEquals(RunStatus.RUNNING, runner.status(0));
        assertEquals(RunStatus.CANCELLED, runner.status(1));
        runner.cancel(0);
        SweepFinished end = runner.result().get(60, TimeUnit.SECONDS);

        assertEquals(List.of(RunStatus.CANCELLED, RunStatus.CANCELLED, RunStatus.FINISHED), end.statuses());
        assertEquals(List.of(RunQueued.class, RunStarted.class, RunCancelled.class), recorder.lifeCycle(0));
        assertEquals(List.of(RunQueued.class, RunCancelled.class), recorder.lifeCycle(1));
        assertEquals(List.of(RunQueued.class, RunStarted.class, RunEvaluating.class, RunFinished.class),
                recorder.lifeCycle(2));
        List<RunCancelled> cancelled = recorder.of(RunCancelled.class);
        assertEquals(List.of(1, 0), cancelled.stream().map(RunCancelled::index).toList());
        assertEquals(List.of(false, true), cancelled.stream().map(RunCancelled::started).toList());
        assertEquals(List.of(2), end.results().stream().map(SweepResult::index).toList());
        assertFalse(end.results().get(0).hasIwae(), "IWAE was switched off");
        assertTrue(Double.isNaN(end.results().get(0).iwaeLogLikelihood()));
        assertTrue(end.results().get(0).test().isFinite());
    }

    @Test
    void cancelAllStopsTheRunningRunAndDropsTheQueuedOnes() throws Exception {
        Dataset data = SmallMnist.slice(2000, 200);
        TrainingConfig endless = new TrainingConfig(1000, 32, 1e-3f, 1, 0);
        SweepPlan plan = SweepPlan.parse("seed=1,2,3", SMALL, endless);
        SweepRunner runner = new SweepRunner(data, plan, FAST);
        Recorder recorder = new Recorder();
        CountDownLatch progressed = new CountDownLatch(3);
        recorder.attach(runner);
        runner.addListener(e -> {
            if (e instanceof RunProgress) {
                progressed.countDown();
            }
        });
        runner.start();
        assertTrue(progressed.await(60, TimeUnit.SECONDS));
        runner.cancelAll();
        // the running run stops after its current step (TrainingServiceTest); left to train, it would end FINISHED
        SweepFinished end = runner.result().get(60, TimeUnit.SECONDS);

        assertTrue(end.cancelledAll());
        assertEquals(List.of(RunStatus.CANCELLED, RunStatus.CANCELLED, RunStatus.CANCELLED), end.statuses());
        assertEquals(3, end.count(RunStatus.CANCELLED));
        assertEquals(1, recorder.of(RunStarted.class).size(), "only the first run may have started");
        assertEquals(List.of(true, false, false),
                recorder.of(RunCancelled.class).stream().map(RunCancelled::started).toList());
        assertTrue(end.results().isEmpty());
        assertEquals(-1, runner.currentIndex());
    }

    @Test
    void aDivergingRunFailsWithItsMessageAndTheSweepGoesOn() throws Exception {
        Dataset data = SmallMnist.slice(500, 100);
        SweepPlan plan = SweepPlan.parse("lr=1e6,1e-3", SMALL, new TrainingConfig(1, 50, 1e-3f, 1, 0));
        SweepRunner runner = new SweepRunner(data, plan, FAST.withIwae(5, 20));
        Recorder recorder = new Recorder();
        recorder.attach(runner);
        runner.start();
        SweepFinished end = runner.result().get(60, TimeUnit.SECONDS);

        assertEquals(List.of(RunStatus.FAILED, RunStatus.FINISHED), end.statuses());
        RunFailed failed = recorder.of(RunFailed.class).get(0);
        assertEquals(0, failed.index());
        assertTrue(failed.message().contains("diverged") && failed.message().contains("learning rate"),
                failed.message());
        assertEquals(1, end.results().size());
        assertEquals(1, end.results().get(0).index());
    }

    @Test
    void runsForAnotherImageSizeAreRefusedUpFront() {
        Dataset data = SmallMnist.slice(100, 100);
        ModelConfig wide = new ModelConfig(ModelKind.MLP, 32, 32, 2, List.of(8), Likelihood.BCE, 1f,
                Objective.ELBO);
        SweepPlan plan = new SweepPlan(List.of(new SweepPlan.Run("wide", wide, TrainingConfig.defaults())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SweepRunner(data, plan));
        assertTrue(e.getMessage().contains("32x32") && e.getMessage().contains("28x28"), e.getMessage());
    }

    @Test
    void aRunCanBeCancelledBeforeTheSweepStarts() throws Exception {
        Dataset data = SmallMnist.slice(300, 100);
        SweepPlan plan = SweepPlan.parse("latent=2,3", SMALL, new TrainingConfig(1, 100, 1e-3f, 1, 0));
        SweepRunner runner = new SweepRunner(data, plan, FAST.withIwae(0, 0));
        runner.cancel(0);
        assertThrows(IndexOutOfBoundsException.class, () -> runner.cancel(2));
        runner.start();
        SweepFinished end = runner.result().get(60, TimeUnit.SECONDS);
        assertEquals(List.of(RunStatus.CANCELLED, RunStatus.FINISHED), end.statuses());
        assertFalse(end.cancelledAll());
        assertTrue(Files.notExists(temp.resolve("anything")), "nothing saved without a save folder");
        assertEquals(new ArrayList<>(List.of(1)), end.results().stream().map(SweepResult::index).toList());
    }
}
