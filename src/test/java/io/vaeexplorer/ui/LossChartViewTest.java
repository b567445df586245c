package io.vaeexplorer.ui;

import javafx.collections.ListChangeListener;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.model.EpochRecord;
import io.vaeexplorer.model.LossParts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LossChartViewTest {

    private static final int STEPS = 5000;

    @TempDir
    Path tempDir;
    private ExplorerModel model;
    private LossChartView view;

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("settings.json")));
        view = new LossChartView(model);
        stage.setScene(new Scene(view, 800, 500));
        stage.show();
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void thousandsOfStepsStayDecimatedAndEpochsGetSymbols(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        WaitForAsyncUtils.waitForFxEvents();

        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        List<XYChart.Series<Number, Number>> series = onFx(() -> List.copyOf(chart.getData()));
        assertEquals(5, series.size());
        for (XYChart.Series<Number, Number> steps : series.subList(0, 3)) {
            int points = onFx(() -> steps.getData().size());
            assertTrue(points > 100 && points <= LossHistory.MAX_CHART_POINTS, steps.getName() + ": " + points);
            long lastStep = onFx(() -> steps.getData().get(steps.getData().size() - 1).getXValue().longValue());
            assertTrue(lastStep > STEPS - 20, "the curve reaches the newest steps, ends at " + lastStep);
            assertTrue(onFx(() -> steps.getData().stream().allMatch(d -> d.getNode() == null)), "no symbol per step");
        }
        for (XYChart.Series<Number, Number> epochs : series.subList(3, 5)) {
            assertEquals(List.of(2500L, 5000L), onFx(() -> epochs.getData().stream()
                    .map(d -> d.getXValue().longValue()).toList()));
            assertTrue(onFx(() -> epochs.getData().stream()
                    .allMatch(d -> d.getNode() != null && d.getNode().getParent() != null)), "epoch symbols shown");
        }
        double testAtEnd = onFx(() -> series.get(4).getData().get(1).getYValue().doubleValue());
        assertEquals(95.0, testAtEnd, 1e-9);

        // the chart is the history's curve: the same points as chartSteps, and clearing empties it
        assertEquals(onFx(() -> model.lossHistory().chartSteps().size()), onFx(() -> series.get(0).getData().size()));
        robot.interact(() -> model.lossHistory().clear());
        assertTrue(onFx(() -> chart.getData().stream().allMatch(s -> s.getData().isEmpty())));
        // JavaFX would keep drawing the emptied series' old lines (seen when a new run follows a loaded model)
        assertTrue(onFx(() -> chart.getData().stream().noneMatch(s -> s.getNode().isVisible())),
                "an emptied series still draws its line");
        robot.interact(() -> model.lossHistory().addStep(1, new LossParts(500, 5)));
        // appended steps wait for the chart's next timed update (at most APPEND_INTERVAL_MILLIS)
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> chart.getData().get(0).getNode().isVisible()));
    }

    @Test
    void stepsArrivingFastReachTheChartAboutOnceASecondAndNoneIsLost(FxRobot robot) throws Exception {
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        AtomicInteger updates = new AtomicInteger();
        robot.interact(() -> chart.getData().get(0).getData()
                .addListener((ListChangeListener<XYChart.Data<Number, Number>>) c -> updates.incrementAndGet()));
        // a trainer's pace: 75 steps over 1.5 s, each handed to the FX thread on its own
        long start = System.nanoTime();
        for (int step = 1; step <= 75; step++) {
            long s = step;
            robot.interact(() -> model.lossHistory().addStep(s, new LossParts(200 - s, 5)));
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> onFx(() -> chart.getData().get(0).getData().size()) == 75);
        int expectedAtMost = (int) Math.ceil(seconds * 1000 / LossChartView.APPEND_INTERVAL_MILLIS) + 2;
        assertTrue(updates.get() <= expectedAtMost, updates.get() + " chart updates in " + seconds + " s");
        assertTrue(updates.get() >= 2, "the curve grows while steps arrive, not only at the end: " + updates.get());
        assertEquals(74.0 + 0.0, onFx(() -> chart.getData().get(0).getData().get(74).getXValue().doubleValue()) - 1);
    }

    @Test
    void whileARunTrainsTheStepAxisSpansTheWholeRun(FxRobot robot) throws Exception {
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        javafx.scene.chart.NumberAxis axis = (javafx.scene.chart.NumberAxis) chart.getXAxis();
        robot.interact(() -> view.pinSteps(new long[] {0, 4690}));
        assertTrue(!onFx(axis::isAutoRanging));
        assertEquals(5000.0, onFx(axis::getUpperBound)); // the run's 4690 steps, up to a whole tick
        assertEquals(1000.0, onFx(axis::getTickUnit)); // at most eight ticks, at 1, 2 or 5 x 10^k
        robot.interact(() -> model.lossHistory().addStep(1, new LossParts(500, 5)));
        assertEquals(5000.0, onFx(axis::getUpperBound), "a new point must not re-range the pinned axis");
        robot.interact(() -> view.pinSteps(null));
        assertTrue(onFx(axis::isAutoRanging));
        assertEquals(20.0, LossChartView.niceTickUnit(96), 1e-9);
        assertEquals(0.5, LossChartView.niceTickUnit(3), 1e-9);
    }

    @Test
    void waitingForTheTimedUpdateRunsNoAnimation(FxRobot robot) throws Exception {
        // a PauseTransition here kept JavaFX pulsing at 60 Hz while a run trained: 40-50 empty pulses a second,
        // each waking the FX thread on a machine whose two cores the training threads need
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        AtomicInteger pulses = new AtomicInteger();
        Runnable countPulse = pulses::incrementAndGet;
        robot.interact(() -> chart.getScene().addPreLayoutPulseListener(countPulse));
        // the timer thread held: the timed update cannot come while the pulses are counted, however slow the machine
        CountDownLatch timerHeld = new CountDownLatch(1);
        CountDownLatch releaseTimer = new CountDownLatch(1);
        FxDelay.TIMER.execute(() -> {
            timerHeld.countDown();
            try {
                releaseTimer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int whileWaiting;
        try {
            assertTrue(timerHeld.await(30, TimeUnit.SECONDS));
            // an epoch point is drawn at once, in the next FX event; a step added right after that update waits for
            // the next timed one
            robot.interact(() -> {
                model.lossHistory().addEpoch(new EpochRecord(1, 1, new LossParts(80, 10), new LossParts(81, 10), 1,
                        1000));
                Platform.runLater(() -> model.lossHistory().addStep(1, new LossParts(80, 10)));
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(1, onFx(() -> chart.getData().get(4).getData().size()));
            assertEquals(1, onFx(() -> model.lossHistory().chartSteps().size()));
            // the pulses that draw the epoch point come first: two asked for after it have run once it is drawn
            for (int i = 0; i < 2; i++) {
                int seen = pulses.get();
                robot.interact(Platform::requestNextPulse);
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pulses.get() > seen);
            }
            int settled = pulses.get();
            Thread.sleep(LossChartView.APPEND_INTERVAL_MILLIS / 2);
            whileWaiting = pulses.get() - settled;
            assertEquals(0, onFx(() -> chart.getData().get(0).getData().size()), "updated before its time");
        } finally {
            releaseTimer.countDown();
        }
        int beforeUpdate = pulses.get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> chart.getData().get(0).getData().size()) == 1);
        // the update is drawn in a pulse that follows it (which also shows the counter works)
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pulses.get() > beforeUpdate);
        robot.interact(() -> chart.getScene().removePreLayoutPulseListener(countPulse));
        assertTrue(whileWaiting <= 3, whileWaiting + " pulses in " + LossChartView.APPEND_INTERVAL_MILLIS / 2
                + " ms of waiting for the chart's next update");
    }

    @Test
    void hidingACurveEmptiesItsSeriesAndShowingRestoresIt(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        int klPoints = onFx(() -> chart.getData().get(2).getData().size());

        robot.clickOn("#show-kl");
        assertEquals(0, onFx(() -> chart.getData().get(2).getData().size()));
        robot.interact(() -> model.lossHistory().addStep(STEPS + 1, new LossParts(80, 10)));
        assertEquals(0, onFx(() -> chart.getData().get(2).getData().size()), "a hidden curve takes no new points");

        robot.clickOn("#show-kl");
        assertEquals(onFx(() -> model.lossHistory().chartSteps().size()),
                onFx(() -> chart.getData().get(2).getData().size()));
        assertTrue(onFx(() -> chart.getData().get(2).getData().size()) >= klPoints);
    }

    @Test
    void exportsEveryStepAsCsvAndTheChartAsPng(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        WaitForAsyncUtils.waitForFxEvents();

        Path csv = onFx(() -> view.exportCsv(tempDir.resolve("out/losses.csv")));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("kind,step,epoch,total,reconstruction,kl,test_total,test_reconstruction,test_kl", lines.get(0));
        assertEquals(STEPS, lines.stream().filter(l -> l.startsWith("step,")).count());
        assertEquals(2, lines.stream().filter(l -> l.startsWith("epoch,")).count());

        Path png = onFx(() -> view.exportPng(tempDir.resolve("out/losses.png")));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertTrue(image.getWidth() > 300 && image.getHeight() > 200, image.getWidth() + "x" + image.getHeight());
    }

    /** 5000 steps of a falling loss and two epochs, as a run would add them. */
    private void addRun() {
        LossHistory history = model.lossHistory();
        for (int step = 1; step <= STEPS; step++) {
            double fraction = step / (double) STEPS;
            history.addStep(step, new LossParts(200 - 100 * fraction, 5 + 5 * fraction));
        }
        history.addEpoch(new EpochRecord(1, 2500, new LossParts(140, 8), new LossParts(135, 8), 1, 1000));
        history.addEpoch(new EpochRecord(2, 5000, new LossParts(100, 10), new LossParts(85, 10), 1, 1000));
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
