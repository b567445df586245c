package io.vaeexplorer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TrainingServiceTest {

    private static final ModelConfig SMALL = ModelConfig.mlp(2, List.of(64));

    private static TrainingService service(Dataset data, TrainingConfig training) {
        return new TrainingService(new TrainingRequest(data, SMALL, training, null, 20));
    }

    @Test
    void aShortRunLowersTheLossAndReportsEveryStepAndEpoch() throws Exception {
        Dataset data = SmallMnist.slice(2000, 500);
        TrainingService service = service(data, new TrainingConfig(3, 64, 1e-3f, 1, 0));
        List<TrainingEvent.Step> steps = new CopyOnWriteArrayList<>();
        List<TrainingEvent.Epoch> epochs = new CopyOnWriteArrayList<>();
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Step s) {
                steps.add(s);
            } else if (e instanceof TrainingEvent.Epoch ep) {
                epochs.add(ep);
            }
        });
        service.start();
        TrainingResult result = service.result().get(90, TimeUnit.SECONDS);

        assertEquals(TrainingState.FINISHED, result.state());
        assertEquals(3 * 32, steps.size()); // 2000 / 64 rounded up, per epoch
        assertEquals(3, epochs.size());
        List<EpochRecord> history = result.checkpoint().history();
        assertEquals(List.of(1, 2, 3), history.stream().map(EpochRecord::epoch).toList());
        // an untrained decoder costs about 543 nats per image; a few hundred steps bring the test loss far below
        assertTrue(history.get(0).test().negElbo() < 400, "first epoch " + history.get(0).test());
        assertTrue(history.get(2).test().negElbo() < history.get(0).test().negElbo(),
                "test loss did not fall: " + history);
        double first = steps.subList(0, 10).stream().mapToDouble(s -> s.loss().negElbo()).average().orElseThrow();
        double last = steps.subList(steps.size() - 10, steps.size()).stream()
                .mapToDouble(s -> s.loss().negElbo()).average().orElseThrow();
        assertTrue(last < first - 100, "step loss " + first + " -> " + last);
        assertEquals(96, result.checkpoint().weights().step());
        assertTrue(history.get(2).samplesPerSecond() > 0);
    }

    @Test
    void whenAskedTheTrainerSendsTheTestCodesOfItsOwnWeights() throws Exception {
        Dataset data = SmallMnist.slice(2000, 500);
        TrainingConfig training = new TrainingConfig(1, 64, 1e-3f, 5, 0);
        // codes every millisecond: at the start, between steps and from the epoch's evaluation; on a clock where
        // each step lasts a second and nothing else takes time, they come between steps however fast the machine
        AtomicLong clock = new AtomicLong();
        TrainingService service = new TrainingService(new TrainingRequest(data, SMALL, training, null, 20, 1),
                clock::get);
        List<TrainingEvent.Codes> codes = new CopyOnWriteArrayList<>();
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Codes c) {
                codes.add(c);
            } else if (e instanceof TrainingEvent.Step) {
                clock.addAndGet(TimeUnit.SECONDS.toNanos(1)); // listeners run on the training thread
            }
        });
        service.start();
        TrainingResult result = service.result().get(90, TimeUnit.SECONDS);

        assertEquals(TrainingState.FINISHED, result.state());
        assertTrue(codes.size() >= 3, "codes sent " + codes.size() + " times");
        assertEquals(0, codes.get(0).step());
        TrainingEvent.Codes last = codes.get(codes.size() - 1);
        WeightSnapshot end = result.checkpoint().weights();
        assertEquals(end.step(), last.step());
        assertTrue(codes.stream().mapToLong(TrainingEvent.Codes::step).distinct().count() >= 3,
                "mid-epoch codes should follow the training");
        assertEquals(500, last.codes().count());
        assertArrayEquals(data.test().labels(), last.codes().labels());
        try (InferenceModel model = new InferenceModel(end, ComputeDevice.cpu())) {
            float[][] posterior = model.encode(data.test().pixels(), data.test().count());
            assertArrayEquals(posterior[0], last.codes().mu(), 1e-4f);
            assertArrayEquals(posterior[1], last.codes().sigma(), 1e-4f);
        }

        // a headless run (no codes asked for) spends nothing on them and keeps its losses
        TrainingService headless = new TrainingService(new TrainingRequest(data, SMALL, training, null, 20));
        List<TrainingEvent> sent = new CopyOnWriteArrayList<>();
        headless.addListener(sent::add);
        headless.start();
        TrainingResult plain = headless.result().get(90, TimeUnit.SECONDS);
        assertTrue(sent.stream().noneMatch(e -> e instanceof TrainingEvent.Codes));
        assertEquals(result.checkpoint().history().get(0).test(), plain.checkpoint().history().get(0).test(),
                "encoding for the views must not change the run's noise");
    }

    @Test
    void aWatchedRunRefreshesItsViewsSeveralTimesInItsFirstSecondsThenRelaxes() throws Exception {
        Dataset data = SmallMnist.slice(2048, 200);
        int batches = 64;
        long stepMillis = 40;
        // epochs of 2.56 s on a clock where each step lasts 40 ms and nothing else takes time: the refreshes cost
        // nothing, so only the floors pace them
        AtomicLong clock = new AtomicLong();
        TrainingService service = new TrainingService(TrainingRequest.watched(data, SMALL,
                new TrainingConfig(3, 32, 1e-3f, 1, 0), 500, 1000), clock::get);
        List<Long> snapshotSteps = new CopyOnWriteArrayList<>();
        List<Long> codesSteps = new CopyOnWriteArrayList<>();
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Step) {
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(stepMillis));
            } else if (e instanceof TrainingEvent.Snapshot s) {
                snapshotSteps.add(s.snapshot().step());
            } else if (e instanceof TrainingEvent.Codes c) {
                codesSteps.add(c.step());
            }
        });
        service.start();
        assertEquals(TrainingState.FINISHED, service.result().get(90, TimeUnit.SECONDS).state());

        // in the first two seconds, the warm-up: twice as often as the floors allow later
        long warmUp = 2000 / stepMillis;
        assertTrue(snapshotSteps.stream().filter(step -> step > 0 && step < warmUp).count() >= 6,
                "weights sent at steps " + snapshotSteps);
        assertTrue(codesSteps.stream().filter(step -> step > 0 && step < warmUp).count() >= 3,
                "codes sent at steps " + codesSteps);
        // warmed up (after 2 s), at most one weight copy per 500 ms and one encode per second inside an epoch
        long warmedUp = 2000 / stepMillis;
        assertGapsFrom(warmedUp, snapshotSteps, 500 / stepMillis, batches);
        assertGapsFrom(warmedUp, codesSteps, 1000 / stepMillis, batches);
        assertTrue(snapshotSteps.stream().anyMatch(step -> step > batches && step % batches != 0),
                "no weights sent inside a later epoch: " + snapshotSteps);
        assertTrue(codesSteps.stream().anyMatch(step -> step > batches && step % batches != 0),
                "no codes sent inside a later epoch: " + codesSteps);
    }

    /** Refreshes inside an epoch whose previous one came at or after {@code from} are at least {@code gap} after it. */
    private static void assertGapsFrom(long from, List<Long> steps, long gap, int batches) {
        for (int i = 1; i < steps.size(); i++) {
            long step = steps.get(i);
            if (steps.get(i - 1) >= from && step % batches != 0) {
                assertTrue(step - steps.get(i - 1) >= gap, "refreshes at steps " + steps);
            }
        }
    }

    @Test
    void aPauseShowsTheViewsTheWeightsAndCodesOfTheStepItStopsAt() throws Exception {
        Dataset data = SmallMnist.slice(3000, 200);
        // intervals far longer than the run: the only refreshes between epochs are the pause's
        TrainingService service = new TrainingService(new TrainingRequest(data, SMALL,
                new TrainingConfig(2, 32, 1e-3f, 1, 0), null, 3_600_000, 3_600_000));
        List<TrainingEvent.Codes> codes = new CopyOnWriteArrayList<>();
        CountDownLatch atStep7 = new CountDownLatch(1);
        CountDownLatch paused = new CountDownLatch(1);
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Codes c) {
                codes.add(c);
            } else if (e instanceof TrainingEvent.Step s && s.step() == 7) {
                atStep7.countDown();
                await(paused);
            }
        });
        service.start();
        assertTrue(atStep7.await(60, TimeUnit.SECONDS));
        service.pause();
        paused.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.state() != TrainingState.PAUSED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(TrainingState.PAUSED, service.state());
        WeightSnapshot shown = service.latestSnapshot();
        assertEquals(7, shown.step(), "the weights the views hold while paused");
        TrainingEvent.Codes last = codes.get(codes.size() - 1);
        assertEquals(7, last.step(), "the codes the views hold while paused");
        try (InferenceModel model = new InferenceModel(shown, ComputeDevice.cpu())) {
            float[][] posterior = model.encode(data.test().pixels(), data.test().count());
            assertArrayEquals(posterior[0], last.codes().mu(), 1e-4f);
        }
        service.resume();
        assertEquals(TrainingState.FINISHED, service.result().get(60, TimeUnit.SECONDS).state());
        assertEquals(1, codes.stream().filter(c -> c.step() == 7).count(), "codes of step 7: sent once");
    }

    @Test
    void theSameSeedGivesTheSameLosses() throws Exception {
        Dataset data = SmallMnist.slice(1000, 200);
        TrainingConfig training = new TrainingConfig(2, 100, 1e-3f, 42, 0);
        List<EpochRecord> a = run(data, training).checkpoint().history();
        List<EpochRecord> b = run(data, training).checkpoint().history();
        List<EpochRecord> other = run(data, new TrainingConfig(2, 100, 1e-3f, 43, 0)).checkpoint().history();
        for (int i = 0; i < 2; i++) {
            assertEquals(a.get(i).train(), b.get(i).train());
            assertEquals(a.get(i).test(), b.get(i).test());
        }
        assertTrue(!a.get(1).train().equals(other.get(1).train()), "another seed gave identical losses");
    }

    @Test
    void cancelStopsAfterTheCurrentStepAndKeepsTheWeights() throws Exception {
        Dataset data = SmallMnist.slice(5000, 200);
        TrainingService service = service(data, new TrainingConfig(1000, 32, 1e-3f, 1, 0));
        // the training thread waits in step 20's event until another thread has cancelled: no step may follow it
        CountDownLatch atStep20 = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        List<Long> steps = new CopyOnWriteArrayList<>();
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Step s) {
                steps.add(s.step());
                if (s.step() == 20) {
                    atStep20.countDown();
                    await(cancelled);
                }
            }
        });
        service.start();
        assertTrue(atStep20.await(60, TimeUnit.SECONDS));
        service.cancel();
        cancelled.countDown();
        TrainingResult result = service.result().get(60, TimeUnit.SECONDS);
        assertEquals(TrainingState.CANCELLED, result.state());
        assertEquals(20L, steps.get(steps.size() - 1), "steps after the cancel: " + steps.subList(19, steps.size()));
        assertNotNull(result.checkpoint());
        assertEquals(20, result.checkpoint().weights().step(), "the weights of the last finished step");
    }

    @Test
    void pauseHoldsTheStepCountAndResumeFinishesTheRun() throws Exception {
        Dataset data = SmallMnist.slice(3000, 200);
        TrainingService service = service(data, new TrainingConfig(2, 32, 1e-3f, 1, 0));
        AtomicReference<TrainingEvent.Step> lastStep = new AtomicReference<>();
        List<TrainingState> states = new CopyOnWriteArrayList<>();
        // the training thread waits in step 5's event until another thread has paused: the run cannot end first
        CountDownLatch atStep5 = new CountDownLatch(1);
        CountDownLatch paused = new CountDownLatch(1);
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Step s) {
                lastStep.set(s);
                if (s.step() == 5) {
                    atStep5.countDown();
                    await(paused);
                }
            } else if (e instanceof TrainingEvent.StateChanged c) {
                states.add(c.state());
            }
        });
        service.start();
        assertTrue(atStep5.await(60, TimeUnit.SECONDS));
        service.pause();
        paused.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.state() != TrainingState.PAUSED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(TrainingState.PAUSED, service.state());
        long pausedAt = lastStep.get().step();
        assertEquals(5, pausedAt, "the pause takes effect before the next step");
        Thread.sleep(300);
        assertEquals(pausedAt, lastStep.get().step(), "steps went on while paused");
        service.resume();
        TrainingResult result = service.result().get(60, TimeUnit.SECONDS);
        assertEquals(TrainingState.FINISHED, result.state());
        assertEquals(2 * 94, result.checkpoint().weights().step());
        assertEquals(List.of(TrainingState.RUNNING, TrainingState.PAUSED, TrainingState.RUNNING,
                TrainingState.FINISHED), states);
    }

    @Test
    void snapshotsDecodeOnAnotherThreadWhileTrainingRuns() throws Exception {
        Dataset data = SmallMnist.slice(4000, 200);
        TrainingService service = service(data, new TrainingConfig(3, 32, 1e-3f, 1, 0));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Long> versionsSeen = new ArrayList<>();
        AtomicLong newestSeen = new AtomicLong();
        float[] z = {0.5f, -0.5f};
        // the training thread waits in the events of the first three snapshots until the reader has decoded them:
        // however fast the run, the reader follows at least three versions
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Snapshot s && s.snapshot().version() <= 3) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (newestSeen.get() < s.snapshot().version() && failure.get() == null
                        && System.nanoTime() < deadline) {
                    sleepMillis(1);
                }
            }
        });
        service.start();
        Thread reader = new Thread(() -> {
            try {
                InferenceModel model = null;
                while (!service.state().isFinal()) {
                    WeightSnapshot snapshot = service.latestSnapshot();
                    if (snapshot == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (model == null) {
                        model = new InferenceModel(snapshot, ComputeDevice.cpu());
                    } else if (snapshot.version() != model.snapshot().version()) {
                        model.update(snapshot);
                    }
                    if (versionsSeen.isEmpty() || versionsSeen.get(versionsSeen.size() - 1) != snapshot.version()) {
                        versionsSeen.add(snapshot.version());
                    }
                    for (float v : model.decode(z)) {
                        if (!(v >= 0f && v <= 1f)) {
                            throw new AssertionError("decoded value " + v);
                        }
                    }
                    newestSeen.set(snapshot.version());
                }
                if (model != null) {
                    model.close();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "reader");
        reader.start();
        TrainingResult result = service.result().get(90, TimeUnit.SECONDS);
        reader.join(10_000);
        if (failure.get() != null) {
            throw new AssertionError("reader failed", failure.get());
        }
        assertEquals(TrainingState.FINISHED, result.state());
        assertTrue(versionsSeen.size() >= 3, "reader saw versions " + versionsSeen);
        for (int i = 1; i < versionsSeen.size(); i++) {
            assertTrue(versionsSeen.get(i) > versionsSeen.get(i - 1));
        }
        // a snapshot decodes the same on a fresh model as on the one that followed training
        WeightSnapshot last = service.latestSnapshot();
        try (InferenceModel fresh = new InferenceModel(last, ComputeDevice.cpu())) {
            float[] expected = fresh.decode(z);
            try (InferenceModel again = new InferenceModel(last, ComputeDevice.cpu())) {
                assertArrayEquals(expected, again.decode(z), 0f);
            }
        }
    }

    @Test
    void anAbsurdLearningRateIsCaughtAsDivergenceAndTheLastGoodWeightsAreKept() throws Exception {
        Dataset data = SmallMnist.slice(2000, 200);
        TrainingService service = service(data, new TrainingConfig(5, 64, 1e6f, 1, 0));
        service.start();
        TrainingResult result = service.result().get(60, TimeUnit.SECONDS);
        assertEquals(TrainingState.FAILED, result.state());
        assertTrue(result.diverged());
        assertTrue(result.message().contains("diverged") && result.message().contains("term")
                && result.message().contains("learning rate 1000000 is above the default 0.001"), result.message());
        for (NamedWeight w : result.checkpoint().weights().weights()) {
            for (float v : w.values()) {
                assertTrue(Float.isFinite(v), "non-finite weight kept in " + w.name());
            }
        }
    }

    @Test
    void theDivergenceMessageNamesTheTermAndBlamesTheLearningRateOnlyWherePlausible() {
        float defaultRate = TrainingConfig.defaults().learningRate();
        String klAtOnce = TrainingService.divergenceMessage(3, new LossParts(190.25, Double.NaN), 201.0, 190.0,
                defaultRate);
        assertEquals("training diverged at step 3: the KL term turned NaN (reconstruction 190.3); the cause is "
                + "unknown (the loss did not grow first)", klAtOnce);

        String firstStep = TrainingService.divergenceMessage(1, new LossParts(Double.POSITIVE_INFINITY, 4.0),
                Double.NaN, Double.POSITIVE_INFINITY, defaultRate);
        assertTrue(firstStep.contains("the reconstruction term turned infinite (KL 4.0)"), firstStep);
        assertFalse(firstStep.contains("learning rate"), firstStep);

        String exploded = TrainingService.divergenceMessage(800, new LossParts(150.0, 3.2e8), 9e5, 95.0, defaultRate);
        assertTrue(exploded.contains("the KL term exploded to 3.20e+08 (reconstruction 150.0)"), exploded);
        assertTrue(exploded.contains("can mean the learning rate 0.001 is too high"), exploded);

        String grewThenNaN = TrainingService.divergenceMessage(40, new LossParts(Double.NaN, Double.NaN), 5000.0,
                96.0, defaultRate);
        assertTrue(grewThenNaN.contains("the reconstruction and KL terms both turned NaN"), grewThenNaN);
        assertTrue(grewThenNaN.contains("the loss had grown from 96.0 to 5000.0 before"), grewThenNaN);

        String highRate = TrainingService.divergenceMessage(2, new LossParts(Double.NaN, 10.0), 540.0, 540.0, 0.05f);
        assertTrue(highRate.contains("the learning rate 0.05 is above the default 0.001 and may be too high"),
                highRate);
    }

    @Test
    void resumingContinuesTheHistoryAndTheStepCount() throws Exception {
        Dataset data = SmallMnist.slice(1000, 200);
        TrainingResult first = run(data, new TrainingConfig(1, 100, 1e-3f, 1, 0));
        TrainingService second = new TrainingService(new TrainingRequest(data, SMALL,
                new TrainingConfig(1, 100, 1e-3f, 1, 0), first.checkpoint(), 0));
        second.start();
        TrainingResult result = second.result().get(60, TimeUnit.SECONDS);
        assertEquals(TrainingState.FINISHED, result.state());
        assertEquals(List.of(1, 2), result.checkpoint().history().stream().map(EpochRecord::epoch).toList());
        assertEquals(20, result.checkpoint().weights().step());
        assertTrue(result.test().negElbo() < first.test().negElbo());
    }

    private static TrainingResult run(Dataset data, TrainingConfig training) throws Exception {
        TrainingService service = service(data, training);
        service.start();
        return service.result().get(60, TimeUnit.SECONDS);
    }

    /** In a listener, on the training thread: holds it until the test's thread has done its part. */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the test's thread never released the training thread");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
