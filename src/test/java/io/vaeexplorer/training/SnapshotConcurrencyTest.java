package io.vaeexplorer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.InferenceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stress on the hand-over of weights between the training thread and inference threads: while a real
 * {@link TrainingService} trains a tiny model and publishes a snapshot after almost every step, four threads keep
 * taking the latest snapshot, loading it into their own {@link InferenceModel} (as the explorer's inference worker
 * does) and decoding random latent vectors. Proves that no thread ever fails, that published snapshots are never
 * changed afterwards, and that no decode saw torn weights: a sample of (snapshot, z, image) triples is decoded again
 * on one thread after training stops and must match bit for bit.
 */
@Timeout(120)
class SnapshotConcurrencyTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0xC0FFEEL);
    private static final int READERS = 4;
    // Readers rest 1 ms between decodes: on two cores, unpaced readers cut the trainer's steps (hence
    // publications) by half and more, most of it libgomp workers spin-waiting (OMP_WAIT_POLICY=PASSIVE removes it).
    private static final long READER_PAUSE_NANOS = 1_000_000;
    // a tiny model and batch so that steps, hence snapshots, come every few milliseconds
    private static final ModelConfig TINY = ModelConfig.mlp(2, List.of(16));
    private static final int TARGET_PUBLICATIONS = 3000;
    private static final long MAX_TRAINING_MILLIS = 30_000;
    /** Only against a hang: a slow machine trains on until the floors below are reached. */
    private static final long GUARD_MILLIS = 90_000;
    // the least stress the test must have applied, whatever the machine's speed
    private static final int MIN_PUBLISHED = 500;
    private static final int MIN_SWAPS = 2000;
    private static final int MIN_SWAPS_PER_READER = 100;
    private static final int MIN_VERSIONS_SEEN = 400;
    private static final int MIN_DECODES = 5000;
    private static final int SAMPLES_PER_READER = 400;

    /** One decode a reader did, kept for the re-check. */
    private record Sample(int reader, long decodeNo, WeightSnapshot snapshot, float[] z, int count, float[] image) {
    }

    @Test
    void readersDecodeFromSwappedSnapshotsWithoutErrorsOrTornWeights() throws Exception {
        Dataset data = SmallMnist.slice(1024, 64);
        // snapshotMillis = 1 is the shortest interval the service accepts (0 turns mid-epoch snapshots off), so
        // it publishes after every step that ends at least 1 ms after the previous publication, and after the
        // wait that keeps the copies to a small share of the run
        TrainingService service = new TrainingService(new TrainingRequest(data, TINY,
                new TrainingConfig(10_000, 8, 1e-3f, 1, 0), null, 1));
        AtomicLong published = new AtomicLong();
        AtomicLong lastVersion = new AtomicLong(Long.MIN_VALUE);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Snapshot s) {
                long previous = lastVersion.getAndSet(s.snapshot().version());
                if (s.snapshot().version() <= previous) {
                    problems.add("snapshot version " + s.snapshot().version() + " published after " + previous);
                }
                published.incrementAndGet();
            }
        });

        AtomicBoolean stop = new AtomicBoolean();
        // the fingerprint of every snapshot version when a reader first met it; a later reader or the final
        // check finding another one means the arrays changed after publication
        Map<Long, Long> fingerprints = new ConcurrentHashMap<>();
        List<Reader> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(new Reader(r, service, stop, fingerprints, problems));
        }

        long start = System.nanoTime();
        TrainingResult result;
        try {
            service.start();
            readers.forEach(Thread::start);
            // as long as a quiet machine's stress (the target or the time), and at least until the floors are met
            long enough = start + TimeUnit.MILLISECONDS.toNanos(MAX_TRAINING_MILLIS);
            long guard = start + TimeUnit.MILLISECONDS.toNanos(GUARD_MILLIS);
            while (!(floorsMet(published.get(), readers, fingerprints)
                            && (published.get() >= TARGET_PUBLICATIONS || System.nanoTime() >= enough))
                    && System.nanoTime() < guard && !service.state().isFinal() && problems.isEmpty() && !stop.get()) {
                Thread.sleep(20);
            }
        } finally {
            service.cancel();
            result = service.result().get(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Reader reader : readers) {
                reader.join(30_000);
            }
        }
        for (Reader reader : readers) {
            assertTrue(!reader.isAlive(), reader.getName() + " did not stop");
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        for (Reader reader : readers) {
            if (reader.failure != null) {
                throw new AssertionError(reader.getName() + " failed (seed " + SEED + ")", reader.failure);
            }
        }
        assertTrue(problems.isEmpty(), "problems: " + problems);
        assertEquals(TrainingState.CANCELLED, result.state(), result.message());

        long decodes = readers.stream().mapToLong(r -> r.decodes).sum();
        long swaps = readers.stream().mapToLong(r -> r.swaps).sum();
        long rebuilds = readers.stream().mapToLong(r -> r.rebuilds).sum();
        List<Sample> samples = readers.stream().flatMap(r -> r.samples.stream()).toList();
        long distinctSampled = samples.stream().map(s -> System.identityHashCode(s.snapshot())).distinct().count();
        System.out.printf("SnapshotConcurrencyTest: %.1f s, %d training steps, %d snapshots published, %d versions "
                        + "seen by readers, %d model swaps (%d of them rebuilds), %d decodes by %d readers, "
                        + "re-checking %d samples from %d snapshots%n",
                seconds, result.checkpoint().weights().step(), published.get(), fingerprints.size(), swaps, rebuilds,
                decodes, READERS, samples.size(), distinctSampled);

        // the run went on until these held, unless the guard ran out
        assertTrue(published.get() >= MIN_PUBLISHED, "only " + published.get() + " snapshots published in "
                + seconds + " s");
        assertTrue(swaps >= MIN_SWAPS, "readers swapped weights only " + swaps + " times");
        assertTrue(fingerprints.size() >= MIN_VERSIONS_SEEN, "readers saw only " + fingerprints.size() + " versions");
        assertTrue(decodes >= MIN_DECODES, "only " + decodes + " decodes");
        for (Reader reader : readers) {
            assertTrue(reader.swaps >= MIN_SWAPS_PER_READER, reader.getName() + " swapped only " + reader.swaps
                    + " times");
        }

        recheck(samples, fingerprints);
    }

    private static boolean floorsMet(long published, List<Reader> readers, Map<Long, Long> fingerprints) {
        return published >= MIN_PUBLISHED && fingerprints.size() >= MIN_VERSIONS_SEEN
                && readers.stream().mapToLong(r -> r.swaps).sum() >= MIN_SWAPS
                && readers.stream().mapToLong(r -> r.decodes).sum() >= MIN_DECODES
                && readers.stream().allMatch(r -> r.swaps >= MIN_SWAPS_PER_READER);
    }

    /** Decodes every sample again on this thread, one fresh model per snapshot, and compares the bits. */
    private static void recheck(List<Sample> samples, Map<Long, Long> fingerprints) {
        Map<WeightSnapshot, List<Sample>> bySnapshot = new IdentityHashMap<>(); // the very object the reader used
        for (Sample s : samples) {
            bySnapshot.computeIfAbsent(s.snapshot(), k -> new ArrayList<>()).add(s);
        }
        int checked = 0;
        for (Map.Entry<WeightSnapshot, List<Sample>> entry : bySnapshot.entrySet()) {
            WeightSnapshot snapshot = entry.getKey();
            assertEquals(fingerprints.get(snapshot.version()), fingerprint(snapshot),
                    "snapshot " + snapshot.version() + " changed after it was published");
            try (InferenceModel model = InferenceModel.onCpu(snapshot)) {
                for (Sample s : entry.getValue()) {
                    float[] again = model.decode(s.z(), s.count());
                    if (!sameBits(again, s.image())) {
                        fail("torn weights? reader " + s.reader() + " decode #" + s.decodeNo() + " of snapshot "
                                + snapshot.version() + " (z " + Arrays.toString(s.z()) + ") differs from "
                                + "the same decode on one thread after training (seed " + SEED + ")");
                    }
                    checked++;
                }
            }
        }
        assertEquals(samples.size(), checked);
    }

    /** One inference thread: its own model, following the newest snapshot, decoding as fast as it can. */
    private static final class Reader extends Thread {
        final int index;
        final TrainingService service;
        final AtomicBoolean stop;
        final Map<Long, Long> fingerprints;
        final ConcurrentLinkedQueue<String> problems;
        final List<Sample> samples = new ArrayList<>();
        final SplittableRandom random;
        volatile Throwable failure;
        // written by this reader only, read by the test's thread while it runs
        volatile long decodes;
        volatile long swaps;
        long rebuilds;

        Reader(int index, TrainingService service, AtomicBoolean stop, Map<Long, Long> fingerprints,
               ConcurrentLinkedQueue<String> problems) {
            super("snapshot-reader-" + index);
            setDaemon(true); // never outlives a failed test
            this.index = index;
            this.service = service;
            this.stop = stop;
            this.fingerprints = fingerprints;
            this.problems = problems;
            this.random = new SplittableRandom(SEED + index);
        }

        @Override
        public void run() {
            InferenceModel model = null;
            try {
                long lastVersion = Long.MIN_VALUE;
                while (!stop.get()) {
                    WeightSnapshot snapshot = service.latestSnapshot();
                    if (snapshot == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (snapshot.version() < lastVersion) {
                        problems.add(getName() + " saw version " + snapshot.version() + " after " + lastVersion);
                    }
                    if (model == null || model.snapshot() != snapshot) {
                        long print = fingerprint(snapshot);
                        Long first = fingerprints.putIfAbsent(snapshot.version(), print);
                        if (first != null && first != print) {
                            problems.add(getName() + ": snapshot " + snapshot.version() + " changed after publication");
                        }
                        if (model == null || random.nextInt(50) == 0) {
                            // now and then a fresh model instead of an update: construction races too
                            if (model != null) {
                                model.close();
                                rebuilds++;
                            }
                            model = InferenceModel.onCpu(snapshot);
                        } else {
                            model.update(snapshot);
                        }
                        swaps++;
                        lastVersion = snapshot.version();
                    }
                    int count = 1 + random.nextInt(4);
                    float[] z = new float[count * TINY.latent()];
                    for (int i = 0; i < z.length; i++) {
                        z[i] = (float) random.nextDouble(-4, 4);
                    }
                    float[] image = model.decode(z, count);
                    decodes++;
                    LockSupport.parkNanos(READER_PAUSE_NANOS);
                    if (image.length != count * TINY.imageSize()) {
                        throw new AssertionError("decoded " + image.length + " values for " + count + " images");
                    }
                    for (float v : image) {
                        if (!(v >= 0f && v <= 1f)) {
                            throw new AssertionError("decoded value " + v + " outside [0, 1]");
                        }
                    }
                    // reservoir sampling keeps a uniform sample of the whole run in bounded memory
                    if (samples.size() < SAMPLES_PER_READER) {
                        samples.add(new Sample(index, decodes, snapshot, z, count, image));
                    } else {
                        long slot = random.nextLong(decodes);
                        if (slot < SAMPLES_PER_READER) {
                            samples.set((int) slot, new Sample(index, decodes, snapshot, z, count, image));
                        }
                    }
                }
            } catch (Throwable t) {
                failure = t;
                stop.set(true);
            } finally {
                if (model != null) {
                    model.close();
                }
            }
        }
    }

    /** A hash of every weight's name, shape and value bits. */
    private static long fingerprint(WeightSnapshot snapshot) {
        long h = 1125899906842597L;
        for (NamedWeight w : snapshot.weights()) {
            h = 31 * h + w.name().hashCode();
            for (long d : w.shape()) {
                h = 31 * h + d;
            }
            for (float v : w.values()) {
                h = 31 * h + Float.floatToRawIntBits(v);
            }
        }
        return h;
    }

    private static boolean sameBits(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }
}
