package io.vaeexplorer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.model.EpochRecord;
import io.vaeexplorer.model.InferenceModel;
import io.vaeexplorer.model.ModelConfig;
import io.vaeexplorer.model.NamedWeight;
import io.vaeexplorer.model.TrainingConfig;
import io.vaeexplorer.model.WeightSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        // codes every millisecond: at the start, between steps and from the epoch's evaluation
        TrainingService service = new TrainingService(new TrainingRequest(data, SMALL, training, null, 20, 1));
        List<TrainingEvent.Codes> codes = new CopyOnWriteArrayList<>();
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Codes c) {
                codes.add(c);
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
        try (InferenceModel model = new InferenceModel(end, Device.cpu())) {
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
    void cancelStopsWithinASecondAndKeepsTheWeights() throws Exception {
        Dataset data = SmallMnist.slice(5000, 200);
        TrainingService service = service(data, new TrainingConfig(1000, 32, 1e-3f, 1, 0));
        CountDownLatch stepped = new CountDownLatch(20);
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Step) {
                stepped.countDown();
            }
        });
        service.start();
        assertTrue(stepped.await(60, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        service.cancel();
        TrainingResult result = service.result().get(5, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 1.0, "cancel took " + seconds + " s");
        assertEquals(TrainingState.CANCELLED, result.state());
        assertNotNull(result.checkpoint());
        assertTrue(result.checkpoint().weights().step() >= 20);
    }

    @Test
    void pauseHoldsTheStepCountAndResumeFinishesTheRun() throws Exception {
        Dataset data = SmallMnist.slice(3000, 200);
        TrainingService service = service(data, new TrainingConfig(2, 32, 1e-3f, 1, 0));
        AtomicReference<TrainingEvent.Step> lastStep = new AtomicReference<>();
        List<TrainingState> states = new CopyOnWriteArrayList<>();
        CountDownLatch stepped = new CountDownLatch(5);
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Step s) {
                lastStep.set(s);
                stepped.countDown();
            } else if (e instanceof TrainingEvent.StateChanged c) {
                states.add(c.state());
            }
        });
        service.start();
        assertTrue(stepped.await(60, TimeUnit.SECONDS));
        service.pause();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (service.state() != TrainingState.PAUSED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(TrainingState.PAUSED, service.state());
        long pausedAt = lastStep.get().step();
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
        float[] z = {0.5f, -0.5f};
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
                        model = new InferenceModel(snapshot, Device.cpu());
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
        try (InferenceModel fresh = new InferenceModel(last, Device.cpu())) {
            float[] expected = fresh.decode(z);
            try (InferenceModel again = new InferenceModel(last, Device.cpu())) {
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
        assertTrue(result.message().contains("diverged") && result.message().contains("learning rate"),
                result.message());
        for (NamedWeight w : result.checkpoint().weights().weights()) {
            for (float v : w.values()) {
                assertTrue(Float.isFinite(v), "non-finite weight kept in " + w.name());
            }
        }
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
}
