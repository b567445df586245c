package io.vaeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.plane.DecodedImageView;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.plane.PlaneExportBar;
import io.vaeexplorer.ui.plane.PlaneViewModel;
import io.vaeexplorer.ui.plane.TimelineAnimation;
import io.vaeexplorer.ui.plane.TrainingTimeline;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.canvas.Canvas;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window as a person uses it: the shipped data and model, real clicks, a real (short) training run. */
@ExtendWith(ApplicationExtension.class)
class ExplorerAppTest {

    @TempDir
    static Path temp;

    private AppViewModel model;

    @Start
    void start(Stage stage) {
        model = ExperimentFixture.wholeWindow(stage, temp, 1280, 860);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get();
    }

    private void waitForShippedModel() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            LatentPoints now = model.plane().latentPointsProperty().get(); // once: a new architecture clears the points
            return now != null && now.count() == 10_000 && model.plane().decodedImageProperty().get() != null;
        });
    }

    @Test
    void theShippedModelIsLiveAtLaunchAndAClickOnThePlaneDecodesThere(FxRobot robot) throws Exception {
        waitForShippedModel();
        assertEquals("MLP 784-400-2, BCE, ELBO beta=1.0", robot.lookup("#status-model").queryAs(Label.class).getText());
        Raster before = model.plane().decodedImageProperty().get();
        Canvas plane = robot.lookup("#latent-plane").queryAs(Canvas.class);
        robot.moveTo(plane).moveBy(-120, -80).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.plane().decodedImageProperty().get() != before);
        DecodedImageView decoded = (DecodedImageView) robot.lookup("#decoded-image").queryAs(Canvas.class).getParent();
        assertSame(model.plane().decodedImageProperty().get(), ExperimentFixture.fx(decoded::shown));
        assertNotEquals(Arrays.hashCode(before.pixels()),
                Arrays.hashCode(model.plane().decodedImageProperty().get().pixels()));

        // exports of what the plane shows
        PlaneExportBar exports = (PlaneExportBar) robot.lookup("#export-codes-csv").query().getParent().getParent();
        Path csv = temp.resolve("codes.csv");
        ExperimentFixture.onFx(() -> model.plane().exportCodesCsv(csv));
        ExperimentFixture.waitUntil("the codes are written", () -> Files.isRegularFile(csv)); // moved in when complete
        List<String> rows = Files.readAllLines(csv);
        assertEquals(10_001, rows.size());
        assertEquals("index,label,class,plane_x,plane_y,mu_1,mu_2,sigma_1,sigma_2", rows.get(0));
        assertTrue(rows.get(1).startsWith("0,7,7,"), rows.get(1)); // the first MNIST test image is a 7
        Path png = temp.resolve("plane.png");
        ExperimentFixture.onFx(() -> exports.exportPlanePng(png));
        ExperimentFixture.waitUntil("the plane is written", () -> Files.isRegularFile(png));
        assertEquals((int) plane.getWidth(), javax.imageio.ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void aShortRunFillsTheLossChartAndMovesTheScatter(FxRobot robot) throws Exception {
        waitForShippedModel();
        LatentPoints before = model.plane().latentPointsProperty().get();
        robot.interact(() -> model.settingsProperty().set(new TrainingSettings(ModelKind.MLP, 2, "64",
                Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 64, 3, 1, 2048, "")));
        robot.clickOn("#start-button");
        // the end state can show a moment before the model takes in the run's result, which clears the step range
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> ExperimentFixture.fx(
                () -> model.training().trainingStateProperty().get().isFinal() && model.training().runStepsProperty().get() == null));
        assertEquals(TrainingState.FINISHED, model.training().trainingStateProperty().get(), model.errorProperty().get());
        LineChart<?, ?> chart = robot.lookup("#loss-chart").queryAs(LineChart.class);
        WaitForAsyncUtils.waitForFxEvents();
        int stepPoints = ExperimentFixture.fx(() -> chart.getData().get(0).getData().size());
        int epochPoints = ExperimentFixture.fx(() -> chart.getData().get(4).getData().size());
        assertEquals(96, stepPoints); // 3 x 2048 images / 64 per batch, all kept below the decimation limit
        assertEquals(3, epochPoints);
        // the step axis was pinned to the run's 96 steps while it trained; once finished it fits the data again
        assertTrue(ExperimentFixture.fx(() -> model.training().runStepsProperty().get() == null
                && ((NumberAxis) chart.getXAxis()).isAutoRanging()));
        // read on the FX thread, once: a new architecture clears the points before its codes arrive
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ExperimentFixture.fx(() -> {
            LatentPoints now = model.plane().latentPointsProperty().get();
            return now != null && now != before && now.snapshotVersion() == model.workspace().snapshotProperty().get().version();
        }));
        float[] moved = ExperimentFixture.fx(() -> model.plane().latentPointsProperty().get().xy());
        double shift = 0;
        for (int i = 0; i < moved.length; i++) {
            shift += Math.abs(moved[i] - before.xy()[i]);
        }
        assertTrue(shift / moved.length > 0.05, "the scatter did not move: mean shift " + shift / moved.length);
        assertEquals("MLP 784-64-2, BCE, ELBO beta=1.0", robot.lookup("#status-model").queryAs(Label.class).getText());

        // the timeline keeps a frame of every codes event the run sends, whatever the machine's speed: the start
        // and each epoch's end (a slower machine adds frames from within an epoch)
        ExperimentFixture.waitUntil("the timeline reaches the run's last step", () -> {
            List<TrainingTimeline.Frame> kept = model.plane().timeline().frames();
            return !kept.isEmpty() && kept.get(kept.size() - 1).step() == 96;
        });
        List<Long> steps = ExperimentFixture.fx(
                () -> model.plane().timeline().frames().stream().map(TrainingTimeline.Frame::step).toList());
        assertTrue(steps.containsAll(List.of(0L, 32L, 64L, 96L)), "timeline steps: " + steps);
        int frames = steps.size();
        // scrubbing back shows the earlier moments, Live returns to the current codes
        LatentPoints current = model.plane().latentPointsProperty().get();
        Slider slider = robot.lookup("#timeline-slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(0));
        assertSame(ExperimentFixture.fx(() -> model.plane().timeline().frames().get(0).points()), model.plane().latentPointsProperty().get());
        assertTrue(model.plane().timeline().frames().get(0).step() < model.workspace().snapshotProperty().get().step());
        robot.clickOn("#timeline-live");
        WaitForAsyncUtils.waitForFxEvents();
        // the live codes of the final weights (a late refresh may have replaced the object, not the version)
        assertEquals(current.snapshotVersion(), model.plane().latentPointsProperty().get().snapshotVersion());
        assertTrue(model.plane().latentPointsProperty().get() != model.plane().timeline().frames().get(0).points());
        assertEquals(-1, model.plane().timelineIndexProperty().get());

        // the timeline as an animated GIF: one frame per recorded moment
        Path gif = temp.resolve("timeline-" + System.nanoTime() + ".gif");
        robot.interact(() -> model.plane().exportTimelineGif(gif));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(gif)
                && model.statusProperty().get().contains(gif.getFileName().toString()));
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(frames, reader.getNumImages(true));
            assertTrue(reader.read(0).getWidth() >= TimelineAnimation.SCATTER);
        } finally {
            reader.dispose();
        }
        // and as a PNG strip of up to eight moments side by side
        Path strip = temp.resolve("timeline-" + System.nanoTime() + ".png");
        robot.interact(() -> model.plane().exportTimelinePng(strip));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(strip)
                && model.statusProperty().get().contains(strip.getFileName().toString()));
        BufferedImage png = javax.imageio.ImageIO.read(strip.toFile());
        int shown = Math.min(frames, PlaneViewModel.TIMELINE_STRIP_FRAMES);
        assertTrue(png.getWidth() >= shown * TimelineAnimation.SCATTER, "strip width " + png.getWidth());
    }

    @Test
    void loadingACorruptModelShowsAnErrorAndKeepsTheCurrentModel(FxRobot robot) throws Exception {
        waitForShippedModel();
        WeightSnapshot current = model.workspace().snapshotProperty().get();
        Path corrupt = temp.resolve("corrupt.vae");
        byte[] bytes = Files.readAllBytes(Path.of("assets", "models", "mnist-mlp-d2", "model.vae"));
        bytes[bytes.length / 2] ^= 0x5a; // one flipped byte in the weights
        Files.write(corrupt, bytes);
        robot.interact(() -> model.loadModel(corrupt));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#error-banner").query().isVisible());
        String shown = robot.lookup("#error-text").queryAs(Label.class).getText();
        assertTrue(shown.contains("corrupt.vae") && shown.contains("corrupt"), shown);
        assertSame(current, model.workspace().snapshotProperty().get());
        assertEquals("MLP 784-400-2, BCE, ELBO beta=1.0", robot.lookup("#status-model").queryAs(Label.class).getText());
    }
}
