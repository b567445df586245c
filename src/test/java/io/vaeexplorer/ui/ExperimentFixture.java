package io.vaeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.experiments.ExperimentsViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the experiment tests share: an explorer model on the shipped MNIST with untrained weights (no training
 * run), direct encodes and decodes to compare the views' rasters with, and FX-thread helpers.
 */
public final class ExperimentFixture {

    public static final int ROWS = 28;
    public static final int COLS = 28;
    /** Decoding and encoding after start-up take milliseconds; loading MNIST takes a few seconds. */
    public static final int TIMEOUT_SECONDS = 30;

    public static final float WEIGHT_GAIN = 3f;

    private ExperimentFixture() {
    }

    /**
     * A small 2-d MLP with PyTorch's initial weights times {@link #WEIGHT_GAIN}; another seed gives other weights.
     * Straight from the initialiser, every test image encodes to nearly the same mu and their decodes differ by
     * under two grey levels, too little for a comparison to tell one image from another; the gain spreads the
     * codes (decodes of images 0 and 1 then differ by ~90 levels) without a training run.
     */
    public static WeightSnapshot untrainedWeights(long seed, long version) {
        return untrainedWeights(ModelConfig.mlp(2, List.of(16)), seed, version);
    }

    /** As {@link #untrainedWeights(long, long)}, for a model of another architecture. */
    public static WeightSnapshot untrainedWeights(ModelConfig config, long seed, long version) {
        WeightSnapshot initial = TinyModels.untrainedWeights(config, seed, version);
        List<NamedWeight> scaled = new ArrayList<>();
        for (NamedWeight weight : initial.weights()) {
            float[] values = weight.values().clone();
            for (int i = 0; i < values.length; i++) {
                values[i] *= WEIGHT_GAIN;
            }
            scaled.add(new NamedWeight(weight.name(), weight.shape(), values));
        }
        return new WeightSnapshot(initial.config(), initial.version(), initial.step(), scaled);
    }

    public static Checkpoint checkpoint(WeightSnapshot weights) {
        return new Checkpoint(weights, TrainingConfig.defaults(), List.of(), "cpu", "test");
    }

    /**
     * A view-model on the real FX thread with its settings file in {@code tempDir} and no data yet (call from the
     * test thread).
     */
    public static AppViewModel explorerOnFx(Path tempDir) throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        return WaitForAsyncUtils.asyncFx(() -> new AppViewModel(Platform::runLater,
                new InferenceWorker(Platform::runLater), new SettingsStore(tempDir.resolve("settings.json"))))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** As {@link #explorerOnFx}, with the shipped MNIST open (waits until it is). */
    public static AppViewModel explorerOnFxWithMnist(Path tempDir) throws Exception {
        AppViewModel model = explorerOnFx(tempDir);
        WaitForAsyncUtils.asyncFx(() -> model.openDataset(Path.of("assets", "mnist")))
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.workspace().datasetProperty().get() != null);
        return model;
    }

    /** An explorer model (call on the FX thread) opening the shipped MNIST, with the given weights. */
    public static AppViewModel explorerWithMnist(Path tempDir, WeightSnapshot weights) {
        AppViewModel model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("settings.json")));
        model.openDataset(Path.of("assets", "mnist"));
        model.useCheckpoint(checkpoint(weights));
        return model;
    }

    /**
     * The whole window, as {@link ExplorerApp} shows it, on a test's stage, opening the shipped data and model
     * (call on the FX thread, from a {@code @Start} method).
     */
    public static AppViewModel wholeWindow(Stage stage, Path tempDir, double width, double height) {
        AppViewModel model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("settings-" + System.nanoTime() + ".json")));
        stage.setScene(ExplorerApp.scene(ExplorerApp.buildRoot(model), width, height));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
        ExplorerApp.openStartupData(model);
        return model;
    }

    public static void awaitDataset(AppViewModel model) {
        waitUntil("the data set is loaded", () -> model.workspace().datasetProperty().get() != null);
    }

    /** Runs on the FX thread and returns the value. */
    public static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX call failed: " + e, e);
        }
    }

    /** Runs on the FX thread and waits for it. */
    public static void onFx(Runnable action) {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Polls a condition on the FX thread until it holds. */
    public static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            fail("timed out waiting until " + what);
        }
    }

    /** Waits for a non-null raster that differs (in pixels) from {@code before}, and returns it. */
    public static Raster awaitNewRaster(String what, Callable<Raster> read, Raster before) {
        waitUntil(what, () -> {
            Raster now = read.call();
            return now != null && (before == null || !samePixels(now, before));
        });
        return fx(read);
    }

    public static boolean samePixels(Raster a, Raster b) {
        return a.width() == b.width() && a.height() == b.height() && Arrays.equals(a.pixels(), b.pixels());
    }

    /** {mu, sigma} of one image, straight from a model of the same weights. */
    public static float[][] encode(InferenceModel model, float[] image) {
        return model.encode(image, 1);
    }

    /** The decode of z as a 28 x 28 raster without padding, as the experiments' tiles hold it. */
    public static Raster decodeImage(InferenceModel model, float[] z) {
        return ImageTiler.tile(model.decode(z), 1, ImageShape.grey(ROWS, COLS), 1, 0, 1);
    }

    public static Raster image(float[] pixels) {
        return ImageTiler.tile(pixels, 1, ImageShape.grey(ROWS, COLS), 1, 0, 1);
    }

    /** The image in tile (column, row) of a raster tiled with {@link ExperimentsViewModel#PADDING}. */
    public static Raster tileAt(Raster raster, int column, int row) {
        return tileAtPixel(raster, tileLeft(column), ExperimentsViewModel.PADDING + row * (ROWS + ExperimentsViewModel.PADDING));
    }

    /** Left edge of the image in tile column {@code column}. */
    public static int tileLeft(int column) {
        return ExperimentsViewModel.PADDING + column * (COLS + ExperimentsViewModel.PADDING);
    }

    /** The 28 x 28 image whose top-left pixel is (left, top). */
    public static Raster tileAtPixel(Raster raster, int left, int top) {
        byte[] pixels = new byte[ROWS * COLS];
        for (int y = 0; y < ROWS; y++) {
            System.arraycopy(raster.pixels(), (top + y) * raster.width() + left, pixels, y * COLS, COLS);
        }
        return Raster.grey(COLS, ROWS, pixels);
    }

    /** Width (or height) of {@code tiles} tiles side by side. */
    public static int tiledSize(int tiles) {
        return tiles * (COLS + ExperimentsViewModel.PADDING) + ExperimentsViewModel.PADDING;
    }

    /**
     * Same picture up to one grey level: a batched decode and a single one may round differently in the last
     * bit of a float, which can move a pixel across a rounding boundary.
     */
    public static void assertSameImage(Raster expected, Raster actual, String what) {
        assertEquals(expected.width(), actual.width(), what + ": width");
        assertEquals(expected.height(), actual.height(), what + ": height");
        int worst = maxDifference(expected, actual);
        if (worst > 1) {
            fail(what + ": pixels differ by up to " + worst + " grey levels");
        }
    }

    public static int maxDifference(Raster a, Raster b) {
        int worst = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            worst = Math.max(worst, Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff)));
        }
        return worst;
    }
}
