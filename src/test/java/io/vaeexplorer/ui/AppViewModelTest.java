package io.vaeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.plane.TrainingTimeline;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The view-model on a real FX thread, with real data, real inference and a real (tiny) training run. */
class AppViewModelTest {

    @TempDir
    Path temp;

    private AppViewModel model;

    @BeforeEach
    void start() throws Exception {
        model = ExperimentFixture.explorerOnFxWithMnist(temp);
    }

    @AfterEach
    void stop() throws Exception {
        fx(model::close);
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
    }

    private static Checkpoint tinyCheckpoint() {
        return TinyModels.untrained(ModelConfig.mlp(2, List.of(16)));
    }

    @Test
    void aModelGivesLatentPointsForTheWholeTestSetAndAClickDecodesThere() throws Exception {
        fx(() -> model.useCheckpoint(tinyCheckpoint()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().latentPointsProperty().get() != null);
        LatentPoints points = model.plane().latentPointsProperty().get();
        assertEquals(10_000, points.count());
        assertEquals(2, points.dim());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.plane().decodedImageProperty().get() != null);
        Raster before = model.plane().decodedImageProperty().get();
        fx(() -> model.plane().decodeAt(2.5, -1.5));
        assertArrayEquals(new float[] {2.5f, -1.5f}, model.plane().selectedZProperty().get());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.plane().decodedImageProperty().get() != before);
        Raster after = model.plane().decodedImageProperty().get();
        assertEquals(28, after.width());
        assertFalse(Arrays.equals(before.pixels(), after.pixels()), "decode did not change with z");
        int nearest = WaitForAsyncUtils.asyncFx(() -> model.plane().nearestTestImage(points.xy()[2 * 42], points.xy()[2 * 42 + 1])).get();
        assertEquals(points.xy()[2 * 42], points.xy()[2 * nearest], 1e-6);
    }

    @Test
    void aCorruptModelFileIsRefusedWithAMessageAndTheCurrentModelStays() throws Exception {
        fx(() -> model.useCheckpoint(tinyCheckpoint()));
        WeightSnapshot current = model.workspace().snapshotProperty().get();
        Path bad = temp.resolve("broken.vae");
        Files.write(bad, "this is not a model".getBytes());
        fx(() -> model.loadModel(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.errorProperty().get().isEmpty());
        assertTrue(model.errorProperty().get().contains("broken.vae"), model.errorProperty().get());
        assertSame(current, model.workspace().snapshotProperty().get());
    }

    @Test
    void aSavedModelLoadsBackWithItsHistory() throws Exception {
        fx(() -> model.useCheckpoint(tinyCheckpoint()));
        Path file = temp.resolve("saved.vae");
        fx(() -> model.saveModel(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file));
        Checkpoint back = CheckpointIO.load(file);
        assertEquals(model.workspace().snapshotProperty().get().weights(), back.weights().weights());
    }

    @Test
    void trainingUpdatesTheLossHistoryAndMovesTheLatentPoints() throws Exception {
        fx(() -> model.useCheckpoint(tinyCheckpoint()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().latentPointsProperty().get() != null);
        float[] before = model.plane().latentPointsProperty().get().xy();
        fx(() -> model.settingsProperty().set(new TrainingSettings(ModelKind.MLP, 2, "32",
                Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 64, 2, 1,
                1024, "")));
        fx(model.training()::startTraining);
        awaitRunTakenIn();
        assertEquals(TrainingState.FINISHED, model.training().trainingStateProperty().get(), model.errorProperty().get());
        assertEquals(2, model.training().lossHistory().epochs().size());
        assertEquals(2 * 16, model.training().lossHistory().stepCount());
        assertFalse(model.training().lossHistory().steps().isEmpty());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            LatentPoints now = model.plane().latentPointsProperty().get(); // once: a new architecture clears the points
            return now != null && now.snapshotVersion() == model.workspace().snapshotProperty().get().version();
        });
        assertNotEquals(Arrays.hashCode(before), Arrays.hashCode(model.plane().latentPointsProperty().get().xy()));
        assertEquals(1.0, model.training().runProgressProperty().get(), 1e-9);
        assertNotNull(model.workspace().checkpointProperty().get());
        // written in the background when the run starts
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(temp.resolve("settings.json")));
    }

    @Test
    void everyCodesEventOfARunBecomesATimelineFrameEvenWhenTheWorkerAnswersAfterTheRunEnded() throws Exception {
        fx(() -> model.useCheckpoint(tinyCheckpoint()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().latentPointsProperty().get() != null
                && model.worker().isIdle());
        // a trainer much faster than the inference worker: the worker is held until the run has ended, so every
        // codes event the run sends is still waiting for it when the run's final re-encode is asked for
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fx(() -> model.worker().submit("test-hold", m -> {
            held.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, ignored -> { }, ignored -> { }));
        assertTrue(held.await(30, TimeUnit.SECONDS));
        try {
            fx(() -> model.settingsProperty().set(new TrainingSettings(ModelKind.MLP, 2, "32",
                    Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 64, 2,
                    1, 1024, "")));
            fx(model.training()::startTraining);
            awaitRunTakenIn();
            assertEquals(TrainingState.FINISHED, model.training().trainingStateProperty().get(), model.errorProperty().get());
            assertTrue(WaitForAsyncUtils.asyncFx(() -> model.plane().timeline().frames().isEmpty()).get(),
                    "frames came before the worker was free");
        } finally {
            release.countDown();
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.worker().isIdle());
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> steps = WaitForAsyncUtils.asyncFx(
                () -> model.plane().timeline().frames().stream().map(TrainingTimeline.Frame::step).toList()).get();
        // the run's start and the end of each of its two epochs of 16 steps
        assertTrue(steps.containsAll(List.of(0L, 16L, 32L)), "timeline steps: " + steps);
        assertEquals(32L, steps.get(steps.size() - 1));
        // the plane ends on the final weights' own codes, asked for after the run's codes
        assertEquals(model.workspace().snapshotProperty().get().version(), model.plane().latentPointsProperty().get().snapshotVersion());
        assertTrue(model.plane().latentPointsProperty().get() != model.plane().timeline().frames().get(steps.size() - 1).points(),
                "the plane shows the last codes event instead of the final re-encode");
    }

    @Test
    void aFolderOfColourPicturesOpensInColourWithItsClassesAndSizeInTheStatusLine() throws Exception {
        Path pictures = temp.resolve("pictures");
        for (String shape : List.of("dot", "frame")) {
            Files.createDirectories(pictures.resolve(shape));
            for (int i = 0; i < 10; i++) {
                BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setColor(new Color(200, 60 + i * 10, 30));
                if (shape.equals("dot")) {
                    g.fillOval(4 + i % 3, 4, 10, 10);
                } else {
                    g.drawRect(2, 2 + i % 3, 14, 14);
                }
                g.dispose();
                ImageIO.write(image, "png", pictures.resolve(shape).resolve(i + ".png").toFile());
            }
        }
        Files.write(pictures.resolve("dot").resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        fx(() -> model.openDataset(pictures));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> model.statusProperty().get().startsWith("data: pictures")).get());
        Dataset opened = model.workspace().datasetProperty().get();
        assertEquals(3, opened.channels(), "colour pictures open in colour");
        assertEquals(20, opened.rows());
        assertEquals(List.of("dot", "frame"), List.copyOf(model.workspace().classNames()));
        String status = model.statusProperty().get();
        assertTrue(status.contains("20x20, 3 channels, 2 classes"), status);
        assertTrue(status.contains("skipped 1 of 21 files"), status);
        assertTrue(Files.isDirectory(temp.resolve("cache")), "decoded pictures are kept beside the settings");

        // the digits' model shipped with the app does not fit these pictures: at launch it stays out quietly
        Path digits = CheckpointIO.save(tinyCheckpoint(), temp.resolve("digits").resolve("model.vae"));
        fx(() -> model.loadShippedModel(digits));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> model.statusProperty().get().contains("no model yet")).get());
        assertEquals("", model.errorProperty().get());
        fx(() -> model.loadModel(digits));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> !model.errorProperty().get().isEmpty()).get());
        assertTrue(model.errorProperty().get().contains("was trained on 28x28 images"), model.errorProperty().get());
    }

    /** Waits until the run has ended and the model has taken in its result (the step range is cleared then). */
    private void awaitRunTakenIn() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> model.training().trainingStateProperty().get().isFinal() && model.training().runStepsProperty().get() == null).get());
    }

    @Test
    void aCorruptSettingsFileGivesDefaultsAndAWarning() throws Exception {
        Path file = temp.resolve("bad-settings.json");
        Files.writeString(file, "{ \"latent\": -4, garbage");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertEquals(TrainingSettings.defaults(), loaded.settings());
        assertTrue(loaded.warning().contains("bad-settings.json"), loaded.warning());
    }
}
