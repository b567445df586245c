package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.plane.RedrawTimes.percentile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.vaeexplorer.cli.ResidentMemory;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingState;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The long-run soak of docs/performance.md: 20 epochs of full MNIST training with the window open while a script clicks
 * and drags on the plane the whole time. Records resident memory at every epoch (flat within 5% from epoch 5 to
 * 20: no native leak), the longest gap between FX pulses (no stall over 100 ms) and whether every click got its
 * decode. Not part of the suite (surefire runs *Test classes): about 4 minutes on an idle 2-core machine,
 * {@code mvn -B test -Dtest=SoakBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (add -Dsoak.epochs=N to
 * shorten it).
 */
class SoakBenchmark {

    @TempDir
    Path temp;

    @Test
    void twentyEpochsWithAScriptOnThePlane() throws Exception {
        int epochs = Integer.getInteger("soak.epochs", 20);
        Stage stage = FxToolkit.registerPrimaryStage();
        AppViewModel model = WaitForAsyncUtils.asyncFx(() -> new AppViewModel(Platform::runLater,
                new InferenceWorker(Platform::runLater), new SettingsStore(temp.resolve("settings.json")))).get();
        WaitForAsyncUtils.asyncFx(() -> {
            BorderPane root = ExplorerApp.buildRoot(model);
            stage.setScene(ExplorerApp.scene(root, 1400, 900));
            stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
            stage.show();
            ExplorerApp.openStartupData(model);
        }).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.plane().latentPointsProperty().get() != null
                && model.plane().latentPointsProperty().get().count() == 10_000);
        // a person looks at the new window for a moment before pressing Start; its first frames (the whole window
        // drawn cold) are the app's start-up, not the run's
        // the person sets up the run first (the settings panel redraws every editor), then looks, then presses Start
        WaitForAsyncUtils.asyncFx(() -> model.settingsProperty().set(new TrainingSettings(ModelKind.MLP, 2, "400",
                Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 128, epochs, 1, Integer.getInteger("soak.limit", 0), ""))).get();
        Thread.sleep(Long.getLong("soak.settleMillis", 2000));

        // FX pulses: an animation timer asks for one every frame; the gap between two is how long the thread stalled
        // what the FX thread was doing during a long gap: its stack sampled every 5 ms (with -Dsoak.sample=true)
        Thread fxThread = WaitForAsyncUtils.asyncFx(Thread::currentThread).get();
        ConcurrentLinkedDeque<Object[]> stackSamples = new ConcurrentLinkedDeque<>();
        // and every thread's run time and run-queue wait, every 20 ms: who had the cores during a stall
        ConcurrentLinkedDeque<TaskSchedStats> schedSamples = new ConcurrentLinkedDeque<>();
        boolean sample = Boolean.getBoolean("soak.sample");
        Thread sampler = new Thread(() -> {
            int round = 0;
            Thread[] others = new Thread[2]; // the renderer and the training thread, looked up by name
            while (sample && !Thread.currentThread().isInterrupted()) {
                if (round % 40 == 0) {
                    for (Thread t : Thread.getAllStackTraces().keySet()) {
                        if (t.getName().startsWith("QuantumRenderer")) {
                            others[0] = t;
                        } else if (t.getName().equals("vae-training")) {
                            others[1] = t;
                        }
                    }
                }
                StackTraceElement[] stack = fxThread.getStackTrace();
                StackTraceElement[] renderer = others[0] == null ? new StackTraceElement[0] : others[0].getStackTrace();
                StackTraceElement[] training = others[1] == null ? new StackTraceElement[0] : others[1].getStackTrace();
                stackSamples.addLast(new Object[] {System.nanoTime(), stack, renderer, training});
                while (stackSamples.size() > 400) {
                    stackSamples.pollFirst();
                }
                if (round++ % 4 == 0) {
                    schedSamples.addLast(TaskSchedStats.read());
                    while (schedSamples.size() > 100) {
                        schedSamples.pollFirst();
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-sampler");
        sampler.setDaemon(true);
        sampler.start();
        List<String> stallStacks = new CopyOnWriteArrayList<>();
        List<Double> gaps = new CopyOnWriteArrayList<>();
        List<String> longGaps = new CopyOnWriteArrayList<>();
        AtomicLong lastPulse = new AtomicLong();
        AtomicLong lastGc = new AtomicLong();
        long started = System.nanoTime();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long gc = gcMillis();
                long last = lastPulse.getAndSet(t);
                long gcBefore = lastGc.getAndSet(gc);
                if (last != 0) {
                    double gap = (t - last) / 1e6;
                    gaps.add(gap);
                    if (gap > 100 && sample) {
                        String[] names = {"fx", "renderer", "training"};
                        for (int which = 1; which <= 3; which++) {
                            Map<String, Integer> tops = new TreeMap<>();
                            for (Object[] o : stackSamples) {
                                if ((long) o[0] >= last && (long) o[0] <= t) {
                                    StackTraceElement[] st = (StackTraceElement[]) o[which];
                                    StringBuilder b = new StringBuilder();
                                    for (int k = 0; k < Math.min(10, st.length); k++) {
                                        b.append(st[k].getClassName().replaceAll(".*\\.", "")).append('.')
                                                .append(st[k].getMethodName()).append('<');
                                    }
                                    tops.merge(b.toString(), 1, Integer::sum);
                                }
                            }
                            stallStacks.add(String.format(Locale.ROOT, "%.0fms %s: %s", gap, names[which - 1], tops));
                        }
                        TaskSchedStats before = null;
                        for (TaskSchedStats s : schedSamples) {
                            if (s.nanoTime <= last) {
                                before = s;
                            }
                        }
                        TaskSchedStats after = schedSamples.peekLast();
                        if (before != null && after != null && after != before) {
                            stallStacks.add("threads " + after.since(before, 10));
                        }
                    }
                    if (gap > 100) {
                        // how much of the stall the garbage collector accounts for
                        longGaps.add(String.format(Locale.ROOT, "%.1fs:%.0fms(gc %dms, %d steps charted, epoch %d)",
                                (t - started) / 1e9, gap, gc - gcBefore, model.training().lossHistory().stepCount(),
                                model.training().lossHistory().epochs().size()));
                    }
                }
            }
        };
        List<double[]> rssByEpoch = new CopyOnWriteArrayList<>();
        // a manager of our own only to reach the engine's root manager, which holds every other manager
        NDManager probe = NDManager.newBaseManager();
        WaitForAsyncUtils.asyncFx(() -> {
            model.training().lossHistory().epochs().addListener((ListChangeListener<EpochRecord>) c -> {
                while (c.next()) {
                    for (EpochRecord r : c.getAddedSubList()) {
                        // the resident part of the Java heap is part of RSS; what is left is native (NDArrays,
                        // libtorch); the committed size would not do, as the collector touches it page by page
                        double heap = HeapResidency.megabytes();
                        double rss = ResidentMemory.megabytes();
                        // the JVM's own native areas (compiled code, class metadata) grow while the JIT works
                        double jvmNative = ManagementFactory.getMemoryMXBean()
                                .getNonHeapMemoryUsage().getCommitted() / (1024.0 * 1024.0);
                        // every open NDArray of every manager: a leak grows this count, whatever malloc does
                        double arrays = ((BaseNDManager) probe.getParentManager()).getManagedArrays()
                                .size();
                        rssByEpoch.add(new double[] {r.epoch(), rss, r.samplesPerSecond(), heap, rss - heap, arrays,
                                rss - heap - jvmNative, jvmNative});
                    }
                }
            });
            pulses.start();
            model.training().startTraining();
        }).get();

        SplittableRandom random = new SplittableRandom(11);
        int clicks = 0;
        int answered = 0;
        int drags = 0;
        double slowestAnswer = 0;
        while (!WaitForAsyncUtils.asyncFx(() -> model.training().trainingStateProperty().get().isFinal()).get()) {
            // a drag: ten positions 20 ms apart (the interactive worker answers the newest)
            double x0 = random.nextDouble(-3, 3);
            double y0 = random.nextDouble(-3, 3);
            for (int i = 0; i < 10; i++) {
                double x = x0 + 0.1 * i;
                double y = y0 - 0.05 * i;
                Platform.runLater(() -> model.plane().decodeAt(x, y));
                Thread.sleep(20);
            }
            drags++;
            // a click: it must be answered with its own decode
            double x = random.nextDouble(-3, 3);
            double y = random.nextDouble(-3, 3);
            CountDownLatch shown = new CountDownLatch(1);
            long start = System.nanoTime();
            Platform.runLater(() -> {
                model.plane().decodedImageProperty().addListener(new ChangeListener<Raster>() {
                    @Override
                    public void changed(ObservableValue<? extends Raster> o, Raster a,
                                        Raster b) {
                        model.plane().decodedImageProperty().removeListener(this);
                        shown.countDown();
                    }
                });
                model.plane().decodeAt(x, y);
            });
            clicks++;
            if (shown.await(5, TimeUnit.SECONDS)) {
                answered++;
                slowestAnswer = Math.max(slowestAnswer, (System.nanoTime() - start) / 1e6);
            }
            Thread.sleep(150);
        }
        WaitForAsyncUtils.asyncFx(pulses::stop).get();
        assertEquals(TrainingState.FINISHED, model.training().trainingStateProperty().get(), model.errorProperty().get());

        List<Double> sorted = new ArrayList<>(gaps);
        sorted.sort(null);
        double maxGap = sorted.get(sorted.size() - 1);
        long over100 = sorted.stream().filter(g -> g > 100).count();
        double rss5 = rssAt(rssByEpoch, Math.min(5, epochs), 1);
        double rssLast = rssAt(rssByEpoch, epochs, 1);
        double native5 = rssAt(rssByEpoch, Math.min(5, epochs), 4);
        // a leak shows as growth: the highest reading from epoch 5 on (the last one may come after the run has
        // already freed its arrays)
        double nativeLast = rssByEpoch.stream().filter(r -> r[0] >= Math.min(5, epochs)).mapToDouble(r -> r[4]).max()
                .orElse(native5);
        double libtorch5 = rssAt(rssByEpoch, Math.min(5, epochs), 6);
        double libtorchHighest = rssByEpoch.stream().filter(r -> r[0] >= Math.min(5, epochs)).mapToDouble(r -> r[6])
                .max().orElse(libtorch5);
        StringBuilder jvmNativeMb = new StringBuilder();
        StringBuilder libtorchMb = new StringBuilder();
        for (double[] r : rssByEpoch) {
            jvmNativeMb.append(jvmNativeMb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", r[7]));
            libtorchMb.append(libtorchMb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", r[6]));
        }
        StringBuilder rss = new StringBuilder();
        StringBuilder heap = new StringBuilder();
        StringBuilder nativeMb = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        for (double[] r : rssByEpoch) {
            arrays.append(arrays.length() == 0 ? "" : ",").append((long) r[5]);
            rss.append(rss.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", r[1]));
            heap.append(heap.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", r[3]));
            nativeMb.append(nativeMb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", r[4]));
        }
        String line = String.format(Locale.ROOT, "{\"epochs\":%d,\"rss_mb_by_epoch\":[%s],\"rss_growth_epoch5_to_last\":%.4f,"
                        + "\"java_heap_resident_mb_by_epoch\":[%s],\"rss_minus_heap_mb_by_epoch\":[%s],"
                        + "\"rss_minus_heap_growth_epoch5_to_highest\":%.4f,\"jvm_non_heap_committed_mb_by_epoch\":[%s],"
                        + "\"rss_minus_heap_and_jvm_non_heap_mb_by_epoch\":[%s],"
                        + "\"rss_minus_heap_and_jvm_non_heap_growth_epoch5_to_highest\":%.4f,"
                        + "\"open_ndarrays_by_epoch\":[%s],"
                        + "\"fx_pulses\":%d,\"fx_pulse_gap_ms_median\":%.1f,\"fx_pulse_gap_ms_p99\":%.1f,"
                        + "\"fx_pulse_gap_ms_max\":%.1f,\"fx_pulse_gaps_over_100ms\":%d,\"clicks\":%d,\"clicks_answered\":%d,"
                        + "\"slowest_click_ms\":%.1f,\"drags\":%d,\"test_neg_elbo\":%.2f}",
                epochs, rss, rssLast / rss5 - 1, heap, nativeMb, nativeLast / native5 - 1, jvmNativeMb, libtorchMb,
                libtorchHighest / libtorch5 - 1, arrays, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 99), maxGap, over100, clicks, answered, slowestAnswer, drags,
                model.training().lossHistory().epochs().get(model.training().lossHistory().epochs().size() - 1).test().negElbo());
        System.out.println("SOAK " + line);
        System.out.println("SOAK long FX gaps: " + longGaps);
        for (String st : stallStacks) {
            System.out.println("SOAK stall " + st);
        }
        sampler.interrupt();
        Files.writeString(Path.of("target", "soak.json"), line + "\n");
        WaitForAsyncUtils.asyncFx(model::close).get();
        probe.close();

        assertEquals(clicks, answered, "every click answered: " + line);
        // native memory outside the Java heap and the JVM's own areas is what an NDArray or libtorch leak would grow
        assertTrue(libtorchHighest / libtorch5 - 1 <= 0.05, "native memory outside the JVM's own flat within 5%: "
                + line);
        assertTrue(maxGap <= 100, "no FX stall over 100 ms: " + line);
        assertTrue(rssByEpoch.stream().mapToDouble(r -> r[1]).max().orElse(0) < 1200, "resident memory after the run under 1.2 GB: " + line);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory
                .getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static double rssAt(List<double[]> byEpoch, int epoch, int column) {
        for (double[] r : byEpoch) {
            if ((int) r[0] == epoch) {
                return r[column];
            }
        }
        throw new AssertionError("no memory figure for epoch " + epoch);
    }
}
