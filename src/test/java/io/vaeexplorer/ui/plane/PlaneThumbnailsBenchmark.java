package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.plane.RedrawTimes.percentile;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the thumbnails cost a redraw of the latent plane: redraw times while panning and while zooming, thumbnails
 * off and on, for the 10,000 MNIST test images and for the 60,000 training images shown as if they were the test
 * set; how long choosing the visible thumbnails takes on its own; and how long the tiles and the cell index take
 * to make in the background. The codes are two fixed random
 * projections of the pixels (real images, spread by class, no model needed). Writes
 * {@code target/plane-thumbnails.json}. Run: {@code mvn -B verify -Pbench -Dtest=PlaneThumbnailsBenchmark}.
 */
class PlaneThumbnailsBenchmark {

    private static final int REDRAWS = 200;

    @TempDir
    Path temp;

    @Test
    void measure() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        AppViewModel model = WaitForAsyncUtils.asyncFx(() -> new AppViewModel(Platform::runLater,
                new InferenceWorker(Platform::runLater), new SettingsStore(temp.resolve("settings.json")))).get();
        LatentPlaneView view = WaitForAsyncUtils.asyncFx(() -> {
            LatentPlaneView plane = new LatentPlaneView(model.plane());
            stage.setScene(new Scene(plane, 1400, 900));
            stage.sizeToScene();
            stage.show();
            return plane;
        }).get();
        RedrawTimes times = new RedrawTimes();
        WaitForAsyncUtils.asyncFx(() -> view.setRedrawProbe(times)).get();

        Dataset mnist = DatasetLoader.load(Path.of("assets", "mnist"));
        List<String> lines = new ArrayList<>();
        for (LabeledImages shown : List.of(mnist.test(), mnist.train())) {
            lines.add(measureSet(model, view, times, new Dataset(mnist.name(), mnist.train(), shown,
                    mnist.classNames())));
        }
        String json = "[" + String.join(",", lines) + "]";
        System.out.println("PLANE_THUMBNAILS " + json);
        Files.writeString(Path.of("target", "plane-thumbnails.json"), json + "\n");
        WaitForAsyncUtils.asyncFx(() -> {
            stage.close();
            model.close();
        }).get();
    }

    private static String measureSet(AppViewModel model, LatentPlaneView view, RedrawTimes times, Dataset data)
            throws Exception {
        LatentPoints points = projected(data.test());
        WaitForAsyncUtils.asyncFx(() -> {
            model.plane().showThumbnailsProperty().set(false);
            model.workspace().openDataset(data);
            model.plane().showLatentFrame(new TrainingTimeline.Frame(0, points, null));
            view.fitToPoints();
        }).get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().latentPointsProperty().get() == points);
        double[] panOff = summary(pans(view, times));
        double[] zoomOff = summary(zooms(view, times));

        long start = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> model.plane().showThumbnailsProperty().set(true)).get();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            ThumbnailIndex index = model.plane().thumbnailIndexProperty().get();
            return model.plane().thumbnailAtlasProperty().get() != null && index != null
                    && index.points() == points;
        }).get());
        double readyMillis = (System.nanoTime() - start) / 1e6;
        WaitForAsyncUtils.asyncFx(view::fitToPoints).get();
        List<Double> panOnTimes = pans(view, times);
        int drawn = WaitForAsyncUtils.asyncFx(view::thumbnailsDrawn).get();
        double[] panOn = summary(panOnTimes);
        double[] zoomOn = summary(zooms(view, times));
        double[] pick = summary(WaitForAsyncUtils.asyncFx(() -> {
            List<Double> micros = new ArrayList<>();
            PlaneViewport v = view.viewport();
            for (int i = 0; i < 2000; i++) {
                PlaneViewport panned = v.panned(i % 100, 0);
                long t0 = System.nanoTime();
                model.plane().thumbnailsIn(panned.visibleRegion(), panned.scale());
                micros.add((System.nanoTime() - t0) / 1e3);
            }
            return micros;
        }).get());

        String line = String.format(Locale.ROOT, "{\"codes\":%d,\"thumbnails_drawn\":%d,\"tiles_and_index_ready_ms\":%.0f,"
                        + "\"pan_off_ms_median\":%.2f,\"pan_off_ms_p99\":%.2f,\"pan_on_ms_median\":%.2f,"
                        + "\"pan_on_ms_p99\":%.2f,\"zoom_off_ms_median\":%.2f,\"zoom_off_ms_p99\":%.2f,"
                        + "\"zoom_on_ms_median\":%.2f,\"zoom_on_ms_p99\":%.2f,\"pick_us_median\":%.1f,"
                        + "\"pick_us_p99\":%.1f}",
                points.count(), drawn, readyMillis, panOff[0], panOff[1], panOn[0], panOn[1], zoomOff[0], zoomOff[1],
                zoomOn[0], zoomOn[1], pick[0], pick[1]);
        System.out.println("PLANE_THUMBNAILS " + line);
        // a loose bound: a shared machine is several times slower than a quiet one
        assertTrue(panOn[1] < 100 && zoomOn[1] < 100, "a redraw with thumbnails past 100 ms: " + line);
        return line;
    }

    /** Codes from two fixed random directions through the pixels, centred and scaled to a few units. */
    private static LatentPoints projected(LabeledImages images) {
        int n = images.count();
        int size = images.imageSize();
        SplittableRandom random = new SplittableRandom(11);
        double[][] directions = new double[2][size];
        for (double[] d : directions) {
            for (int p = 0; p < size; p++) {
                d[p] = random.nextDouble(-1, 1);
            }
        }
        byte[] levels = images.levels();
        float[] mu = new float[2 * n];
        double[] mean = new double[2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                double sum = 0;
                for (int p = 0; p < size; p++) {
                    sum += (levels[i * size + p] & 0xff) * directions[k][p];
                }
                mu[2 * i + k] = (float) sum;
                mean[k] += sum / n;
            }
        }
        double spread = 0;
        for (int i = 0; i < 2 * n; i++) {
            mu[i] -= (float) mean[i % 2];
            spread += mu[i] * (double) mu[i] / (2.0 * n);
        }
        float unit = (float) Math.sqrt(spread);
        for (int i = 0; i < 2 * n; i++) {
            mu[i] /= unit;
        }
        return LatentPoints.of(n, 2, mu, new float[2 * n], images.labels(), 1);
    }

    private static List<Double> pans(LatentPlaneView view, RedrawTimes times) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < REDRAWS + 20; i++) {
            long before = times.count();
            int step = i;
            WaitForAsyncUtils.asyncFx(() -> view.setViewport(view.viewport().panned(step % 40 < 20 ? 7 : -7, 3
                    * (step % 2 == 0 ? 1 : -1)))).get();
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> times.count() > before);
            if (i >= 20) {
                out.add(times.lastMillis());
            }
        }
        return out;
    }

    /** Zooms in and out around the plot's centre, through several cell sizes. */
    private static List<Double> zooms(LatentPlaneView view, RedrawTimes times) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < REDRAWS + 20; i++) {
            long before = times.count();
            int step = i;
            WaitForAsyncUtils.asyncFx(() -> {
                PlaneViewport v = view.viewport();
                double factor = step % 40 < 20 ? 1.12 : 1 / 1.12;
                view.setViewport(v.zoomedAt(v.left() + v.width() / 2, v.top() + v.height() / 2, factor));
            }).get();
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> times.count() > before);
            if (i >= 20) {
                out.add(times.lastMillis());
            }
        }
        return out;
    }

    private static double[] summary(List<Double> millis) {
        return new double[] {percentile(millis, 50), percentile(millis, 99)};
    }
}
