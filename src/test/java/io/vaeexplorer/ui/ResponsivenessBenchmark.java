package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.plane.RedrawTimes.percentile;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.plane.LatentPlaneView;
import io.vaeexplorer.ui.plane.RedrawTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The responsiveness figures of docs/performance.md, measured on the whole window (headless, software rendering):
 * click-to-decode latency, scatter redraw time for 10,000 points, and training speed with the window open (and
 * a simulated user dragging on the plane) against the same training headless. Not part of the test suite
 * (surefire runs *Test classes only): run it on an otherwise idle machine with
 * {@code mvn -B test -Dtest=ResponsivenessBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ResponsivenessBenchmark {

    @TempDir
    Path temp;

    @Test
    void measure() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        AppViewModel model = WaitForAsyncUtils.asyncFx(() -> new AppViewModel(Platform::runLater,
                new InferenceWorker(Platform::runLater), new SettingsStore(temp.resolve("settings.json")))).get();
        BorderPane[] root = new BorderPane[1];
        WaitForAsyncUtils.asyncFx(() -> {
            root[0] = ExplorerApp.buildRoot(model);
            stage.setScene(ExplorerApp.scene(root[0], 1400, 900));
            stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
            stage.show();
            ExplorerApp.openStartupData(model);
        }).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.plane().latentPointsProperty().get() != null
                && model.plane().latentPointsProperty().get().count() == 10_000);
        LatentPlaneView plane = (LatentPlaneView) root[0].lookup("#latent-plane").getParent();

        List<Double> clickMillis = clickToDecode(model, 300);
        if (Boolean.getBoolean("bench.breakdown")) {
            breakdown(model, 300);
            return;
        }
        RedrawTimes redrawTimes = new RedrawTimes();
        WaitForAsyncUtils.asyncFx(() -> plane.setRedrawProbe(redrawTimes)).get();
        List<Double> redrawMillis = redraws(plane, redrawTimes, 200);
        double[] speed = trainingSpeedRatio(model);

        String line = String.format(Locale.ROOT,
                "{\"click_to_decode_ms_median\":%.2f,\"click_to_decode_ms_p99\":%.2f,\"scatter_redraw_ms_median\":%.2f,"
                        + "\"scatter_redraw_ms_p99\":%.2f,\"headless_samples_per_s\":%.0f,\"window_samples_per_s\":%.0f,"
                        + "\"window_over_headless\":%.3f,\"window_dragging_samples_per_s\":%.0f,"
                        + "\"window_dragging_over_headless\":%.3f}",
                percentile(clickMillis, 50), percentile(clickMillis, 99),
                percentile(redrawMillis, 50), percentile(redrawMillis, 99),
                speed[0], speed[1], speed[1] / speed[0], speed[2], speed[2] / speed[0]);
        System.out.println("RESPONSIVENESS " + line);
        Files.writeString(Path.of("target", "responsiveness.json"), line + "\n");
        WaitForAsyncUtils.asyncFx(model::close).get();

        assertTrue(percentile(clickMillis, 99) < 16, "click-to-decode p99 over one frame: " + line);
        assertTrue(percentile(redrawMillis, 99) < 8, "scatter redraw p99 over 8 ms: " + line);
        assertTrue(speed[1] / speed[0] >= 0.9, "training with the window open below 90%: " + line);
    }

    /** From the click handler's call to the decoded image on its canvas (both on the FX thread). */
    private static List<Double> clickToDecode(AppViewModel model, int clicks) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < clicks + 20; i++) {
            double x = random.nextDouble(-3, 3);
            double y = random.nextDouble(-3, 3);
            CountDownLatch shown = new CountDownLatch(1);
            AtomicLong start = new AtomicLong();
            AtomicLong end = new AtomicLong();
            Platform.runLater(() -> {
                Raster before = model.plane().decodedImageProperty().get();
                model.plane().decodedImageProperty().addListener(new ChangeListener<>() {
                    @Override
                    public void changed(ObservableValue<? extends Raster> o, Raster a,
                                        Raster b) {
                        end.set(System.nanoTime()); // DecodedImageView has drawn it by now (earlier listener)
                        model.plane().decodedImageProperty().removeListener(this);
                        shown.countDown();
                    }
                });
                start.set(System.nanoTime());
                model.plane().decodeAt(x, y);
            });
            assertTrue(shown.await(5, TimeUnit.SECONDS));
            if (i >= 20) {
                times.add((end.get() - start.get()) / 1e6);
            }
            Thread.sleep(20); // a drag's pace: about 50 mouse events a second
        }
        return times;
    }

    /** Where a decode's time goes: queue + decode on the worker, then the hop back to the FX thread. */
    private static void breakdown(AppViewModel model, int n) throws Exception {
        List<Double> worker = new ArrayList<>();
        List<Double> hop = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            long[] t = new long[4];
            CountDownLatch done = new CountDownLatch(1);
            float[] z = {(float) random.nextDouble(-3, 3), (float) random.nextDouble(-3, 3)};
            Platform.runLater(() -> {
                t[0] = System.nanoTime();
                model.interactiveWorker().submit("probe", m -> {
                    t[1] = System.nanoTime();
                    float[] image = m.decode(z);
                    t[2] = System.nanoTime();
                    return image;
                }, image -> {
                    t[3] = System.nanoTime();
                    done.countDown();
                }, e -> done.countDown());
            });
            assertTrue(done.await(5, TimeUnit.SECONDS));
            worker.add((t[2] - t[0]) / 1e6);
            hop.add((t[3] - t[2]) / 1e6);
            Thread.sleep(20);
        }
        System.out.printf(Locale.ROOT, "BREAKDOWN worker(queue+decode) median %.2f p99 %.2f | hop to FX median %.2f p99 %.2f%n",
                percentile(worker, 50), percentile(worker, 99),
                percentile(hop, 50), percentile(hop, 99));
    }

    private static List<Double> redraws(LatentPlaneView plane, RedrawTimes times, int count) throws Exception {
        for (int i = 0; i < count + 20; i++) {
            long before = times.count();
            int step = i;
            WaitForAsyncUtils.asyncFx(() -> plane.setViewport(plane.viewport().panned(step % 2 == 0 ? 2 : -2, 0)))
                    .get();
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> times.count() > before);
        }
        List<Double> all = times.millis();
        return new ArrayList<>(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    /**
     * Samples/s of one epoch on the whole training set (as {@code bench} measures it; {@code -Dbench.limit=N} for a
     * quicker look at N images, where a run's start weighs more): headless, in the window left alone, and in the window while a user
     * drags on the plane (20 decodes a second); alternating twice, best of each.
     */
    private static double[] trainingSpeedRatio(AppViewModel model) throws Exception {
        Dataset data = model.workspace().datasetProperty().get();
        TrainingSettings settings = new TrainingSettings(ModelKind.MLP, 2, "400",
                Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 128, 1, 1, Integer.getInteger("bench.limit", 0), "");
        double headless = 0;
        double window = 0;
        double dragging = 0;
        for (int round = 0; round < 2; round++) {
            // a finished run is scored for the gallery in the background: let that end before the next run
            settle(model);
            headless = Math.max(headless, headless(data, settings));
            settle(model);
            window = Math.max(window, inWindow(model, settings, false));
            settle(model);
            dragging = Math.max(dragging, inWindow(model, settings, true));
        }
        return new double[] {headless, window, dragging};
    }

    private static void settle(AppViewModel model) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.gallery().scoresPending() == 0
                && model.worker().isIdle());
        Thread.sleep(500);
    }

    private static double headless(Dataset data, TrainingSettings s) throws Exception {
        ModelConfig config = s.modelConfig(data.rows(), data.cols());
        TrainingConfig training = s.trainingConfig();
        ThreadCpu cpu = ThreadCpu.start();
        TrainingService service = new TrainingService(new TrainingRequest(data, config, training, null, 0));
        service.start();
        TrainingResult result = service.result().get(10, TimeUnit.MINUTES);
        System.out.println("CPU headless: " + cpu.report(4));
        return result.checkpoint().history().get(0).samplesPerSecond();
    }

    private static double inWindow(AppViewModel model, TrainingSettings s, boolean drag) throws Exception {
        ThreadCpu cpu = ThreadCpu.start();
        Scene scene = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().get(0).getScene()).get();
        AtomicLong pulses = new AtomicLong();
        Runnable countPulse = pulses::incrementAndGet;
        long started = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> scene.addPreLayoutPulseListener(countPulse)).get();
        WaitForAsyncUtils.asyncFx(() -> {
            model.settingsProperty().set(s);
            model.training().startTraining();
        }).get();
        SplittableRandom random = new SplittableRandom(3);
        while (!WaitForAsyncUtils.asyncFx(() -> model.training().trainingStateProperty().get().isFinal()
                && !model.training().lossHistory().epochs().isEmpty()).get()) {
            double x = random.nextDouble(-3, 3);
            double y = random.nextDouble(-3, 3);
            if (drag) {
                Platform.runLater(() -> model.plane().decodeAt(x, y)); // a user dragging across the plane
            }
            Thread.sleep(drag ? 50 : 250); // polling the FX thread is work a person's window does not have
            if (model.training().trainingStateProperty().get() == TrainingState.FAILED) {
                throw new AssertionError(model.errorProperty().get());
            }
        }
        WaitForAsyncUtils.asyncFx(() -> scene.removePreLayoutPulseListener(countPulse)).get();
        System.out.printf(Locale.ROOT, "%s %.1f pulses/s | %s%n", drag ? "CPU dragging:" : "CPU window:",
                pulses.get() / ((System.nanoTime() - started) / 1e9), cpu.report(8));
        return WaitForAsyncUtils.asyncFx(() -> model.training().lossHistory().epochs().get(0).samplesPerSecond()).get();
    }

}
