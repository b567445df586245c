package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.KlWeighting;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.fx.FxDelay;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
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
    private AppViewModel model;
    private LossChartViewModel chartModel;
    private LossChartView view;

    @Start
    void start(Stage stage) {
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("settings.json")));
        chartModel = new LossChartViewModel(model.training().lossHistory(), model.training().runStepsProperty(),
                model.files(), model.exportSize(), model);
        view = new LossChartView(chartModel);
        stage.setScene(new Scene(view, 800, 500));
        stage.sizeToScene(); // the stage is shared between tests, and one makes it small
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
        assertEquals(8, series.size());
        // smoothed curves first (their indices as before), then the epochs, then the raw curves
        for (XYChart.Series<Number, Number> steps : List.of(series.get(0), series.get(1), series.get(2),
                series.get(5), series.get(6), series.get(7))) {
            int points = onFx(() -> steps.getData().size());
            assertTrue(points > 100 && points <= LossCurves.MAX_POINTS, steps.getName() + ": " + points);
            long lastStep = onFx(() -> steps.getData().get(steps.getData().size() - 1).getXValue().longValue());
            assertEquals(STEPS, lastStep, "the curve reaches the newest step");
            assertTrue(onFx(() -> steps.getData().stream().allMatch(d -> d.getNode() == null)), "no symbol per step");
        }
        for (int part = 0; part < 3; part++) {
            Node smoothed = series.get(part).getNode();
            Node raw = series.get(5 + part).getNode();
            assertTrue(onFx(() -> raw.getViewOrder() > smoothed.getViewOrder() && raw.getOpacity() < 1),
                    "the raw curve is drawn faint, behind the smoothed one");
        }
        for (XYChart.Series<Number, Number> epochs : series.subList(3, 5)) {
            assertEquals(List.of(2500L, 5000L), onFx(() -> epochs.getData().stream()
                    .map(d -> d.getXValue().longValue()).toList()));
            assertTrue(onFx(() -> epochs.getData().stream()
                    .allMatch(d -> d.getNode() != null && d.getNode().getParent() != null)), "epoch symbols shown");
        }
        double testAtEnd = onFx(() -> series.get(4).getData().get(1).getYValue().doubleValue());
        assertEquals(95.0, testAtEnd, 1e-9);

        // the chart is the history's curve, smoothed as the slider says, and clearing empties it
        LossCurves expected = onFx(() -> LossCurves.of(model.training().lossHistory().steps(), model.training().lossHistory().epochs(), 0,
                LossChartView.DEFAULT_SMOOTHING));
        assertEquals(expected.sampleCount(), onFx(() -> series.get(0).getData().size()));
        for (int i = 0; i < expected.sampleCount(); i += 37) {
            int sample = i;
            assertEquals(expected.smoothed(LossCurves.Part.TOTAL, i),
                    onFx(() -> series.get(0).getData().get(sample).getYValue().doubleValue()), 1e-9);
            assertEquals(expected.raw(LossCurves.Part.KL, i),
                    onFx(() -> series.get(7).getData().get(sample).getYValue().doubleValue()), 1e-9);
        }
        robot.interact(() -> model.training().lossHistory().clear());
        assertTrue(onFx(() -> chart.getData().stream().allMatch(s -> s.getData().isEmpty())));
        // JavaFX would keep drawing the emptied series' old lines (seen when a new run follows a loaded model)
        assertTrue(onFx(() -> chart.getData().stream().noneMatch(s -> s.getNode().isVisible())),
                "an emptied series still draws its line");
        robot.interact(() -> model.training().lossHistory().addStep(1, new LossParts(500, 5)));
        // appended steps wait for the chart's next timed update (at most APPEND_INTERVAL_MILLIS)
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> chart.getData().get(0).getNode().isVisible()));
    }

    @Test
    void stepsArrivingTogetherReachTheChartInOneUpdateAndNoneIsLost(FxRobot robot) throws Exception {
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        AtomicInteger updates = new AtomicInteger();
        robot.interact(() -> chart.getData().get(0).getData()
                .addListener((ListChangeListener<XYChart.Data<Number, Number>>) c -> updates.incrementAndGet()));
        // two bursts of a trainer's steps, each handed to the FX thread on its own while the timed update cannot
        // come: each burst reaches the chart in at most two updates (one at once when the last update is old, one
        // when the timer fires), and the curve grows between the bursts, not only at the end
        addStepsWhileTheTimerIsHeld(robot, 1, 37);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> onFx(() -> chart.getData().get(0).getData().size()) == 37);
        int afterFirstBurst = updates.get();
        assertTrue(afterFirstBurst >= 1 && afterFirstBurst <= 2, afterFirstBurst + " chart updates for 37 steps");
        addStepsWhileTheTimerIsHeld(robot, 38, 75);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> onFx(() -> chart.getData().get(0).getData().size()) == 75);
        int secondBurst = updates.get() - afterFirstBurst;
        assertTrue(secondBurst >= 1 && secondBurst <= 2, secondBurst + " chart updates for 38 steps");
        assertEquals(75.0, onFx(() -> chart.getData().get(0).getData().get(74).getXValue().doubleValue()));
    }

    /** Adds steps first..last, each in its own FX event, while the delay timer thread is busy, then frees it. */
    private void addStepsWhileTheTimerIsHeld(FxRobot robot, long first, long last) throws Exception {
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
        try {
            assertTrue(timerHeld.await(30, TimeUnit.SECONDS));
            for (long step = first; step <= last; step++) {
                long s = step;
                robot.interact(() -> model.training().lossHistory().addStep(s, new LossParts(200 - s, 5)));
            }
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            releaseTimer.countDown();
        }
    }

    @Test
    void aVaryingKlScheduleIsDrawnUnderTheLossesOnTheirStepAxis(FxRobot robot) throws Exception {
        LineChart<Number, Number> weights = robot.lookup("#kl-weight-chart").query();
        assertFalse(onFx(weights::isVisible), "no run, no schedule");
        robot.interact(() -> chartModel.klCurveProperty().set(new KlCurve(
                new KlWeighting(KlSchedule.warmup(2), 2, Objective.ELBO, 4), 100, 50)));
        assertTrue(onFx(weights::isVisible));
        List<XYChart.Data<Number, Number>> points = onFx(() -> List.copyOf(weights.getData().get(0).getData()));
        assertEquals(KlWeightChart.POINTS + 1, points.size());
        assertEquals(100.0, points.get(0).getXValue().doubleValue());
        assertEquals(0.0, points.get(0).getYValue().doubleValue(), 1e-9);
        assertEquals(300.0, points.get(points.size() - 1).getXValue().doubleValue());
        assertEquals(2.0, points.get(points.size() - 1).getYValue().doubleValue(), 1e-6);
        assertEquals(1.0, points.get(KlWeightChart.POINTS / 4).getYValue().doubleValue(), 1e-6,
                "half-way up after one of the two warm-up epochs");
        robot.interact(() -> chartModel.klCurveProperty().set(new KlCurve(
                new KlWeighting(KlSchedule.CONSTANT, 1, Objective.ELBO, 4), 0, 50)));
        assertFalse(onFx(weights::isVisible), "a constant weight is not drawn");
    }

    @Test
    void whileARunTrainsTheStepAxisSpansTheWholeRun(FxRobot robot) throws Exception {
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        NumberAxis axis = (NumberAxis) chart.getXAxis();
        robot.interact(() -> view.pinSteps(new long[] {0, 4690}));
        assertTrue(!onFx(axis::isAutoRanging));
        assertEquals(5000.0, onFx(axis::getUpperBound)); // the run's 4690 steps, up to a whole tick
        assertEquals(1000.0, onFx(axis::getTickUnit)); // at most eight ticks, at 1, 2 or 5 x 10^k
        robot.interact(() -> model.training().lossHistory().addStep(1, new LossParts(500, 5)));
        assertEquals(5000.0, onFx(axis::getUpperBound), "a new point must not re-range the pinned axis");
        robot.interact(() -> view.pinSteps(null));
        assertTrue(onFx(axis::isAutoRanging));
        assertEquals(20.0, LossChartView.niceTickUnit(96), 1e-9);
        assertEquals(0.5, LossChartView.niceTickUnit(3), 1e-9);
    }

    @Test
    void waitingForTheTimedUpdateRunsNoAnimation(FxRobot robot) throws Exception {
        // an animation as the timer would keep JavaFX pulsing at its frame rate while a run trains, each empty pulse
        // waking the FX thread and taking a core from the training threads
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
                model.training().lossHistory().addEpoch(new EpochRecord(1, 1, new LossParts(80, 10), new LossParts(81, 10), 1,
                        1000));
                Platform.runLater(() -> model.training().lossHistory().addStep(1, new LossParts(80, 10)));
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(1, onFx(() -> chart.getData().get(4).getData().size()));
            assertEquals(1, onFx(() -> model.training().lossHistory().steps().size()));
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
        assertEquals(0, onFx(() -> chart.getData().get(7).getData().size()), "the raw KL goes with it");
        robot.interact(() -> model.training().lossHistory().addStep(STEPS + 1, new LossParts(80, 10)));
        assertEquals(0, onFx(() -> chart.getData().get(2).getData().size()), "a hidden curve takes no new points");

        robot.clickOn("#show-kl");
        int samples = onFx(() -> LossCurves.of(model.training().lossHistory().steps(), List.of(), 0, 0.5).sampleCount());
        assertEquals(samples, onFx(() -> chart.getData().get(2).getData().size()));
        assertEquals(samples, onFx(() -> chart.getData().get(7).getData().size()));
        assertTrue(onFx(() -> chart.getData().get(2).getData().size()) >= klPoints);
    }

    @Test
    void exportsEveryStepAsCsvAndTheChartAsPng(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        WaitForAsyncUtils.waitForFxEvents();

        Path csv = tempDir.resolve("out/losses.csv");
        robot.interact(() -> chartModel.exportCsv(csv));
        awaitSaved(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("kind,step,epoch,total,reconstruction,kl,test_total,test_reconstruction,test_kl", lines.get(0));
        assertEquals(STEPS, lines.stream().filter(l -> l.startsWith("step,")).count());
        assertEquals(2, lines.stream().filter(l -> l.startsWith("epoch,")).count());

        Path png = tempDir.resolve("out/losses.png");
        robot.interact(() -> view.exportPng(png));
        awaitSaved(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertTrue(image.getWidth() > 300 && image.getHeight() > 200, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void atTwoTimesTheChartIsDrawnAgainTwiceAsWideAndHigh(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        WaitForAsyncUtils.waitForFxEvents();
        // the line under the chart that names the file written takes room from the chart once it shows
        Path first = tempDir.resolve("out/losses-first.png");
        robot.interact(() -> view.exportPng(first));
        awaitSaved(first);
        WaitForAsyncUtils.waitForFxEvents();
        Path once = tempDir.resolve("out/losses-1x.png");
        robot.interact(() -> view.exportPng(once));
        awaitSaved(once);
        robot.interact(() -> model.exportSize().doubledProperty().set(true));
        Path twice = tempDir.resolve("out/losses-2x.png");
        robot.interact(() -> view.exportPng(twice));
        awaitSaved(twice);

        BufferedImage small = ImageIO.read(once.toFile());
        BufferedImage large = ImageIO.read(twice.toFile());
        assertEquals(2 * small.getWidth(), large.getWidth());
        assertEquals(2 * small.getHeight(), large.getHeight());
        int mixed = 0; // 2 x 2 blocks of more than one colour: none where 1x pixels were merely enlarged
        for (int y = 0; y + 1 < large.getHeight(); y += 2) {
            for (int x = 0; x + 1 < large.getWidth(); x += 2) {
                int rgb = large.getRGB(x, y);
                if (large.getRGB(x + 1, y) != rgb || large.getRGB(x, y + 1) != rgb
                        || large.getRGB(x + 1, y + 1) != rgb) {
                    mixed++;
                }
            }
        }
        assertTrue(mixed > 0, "the chart's lines and labels are drawn again at 2x");
    }

    @Test
    void theLogScaleSpacesRoundTicksByRatioAndLeavesOutWhatIsNotPositive(FxRobot robot) throws Exception {
        robot.interact(() -> {
            addRun();
            // a KL of zero and below (rounding in a collapsed posterior) has no place on a log axis
            model.training().lossHistory().addStep(STEPS + 1, new LossParts(100, 0));
            model.training().lossHistory().addStep(STEPS + 2, new LossParts(100, -0.01));
        });
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        LossAxis axis = (LossAxis) chart.getYAxis();
        assertTrue(!onFx(axis::isLogScale));

        robot.clickOn("#log-scale");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(axis::isLogScale));
        assertEquals("nats/image (log)", onFx(axis::getLabel));
        // the losses run from 5 (KL) to 205 (-ELBO): ticks at 1, 2 and 5 times powers of ten, labelled in nats
        assertEquals(List.of("5", "10", "20", "50", "100", "200"), onFx(() -> axis.getTickMarks().stream()
                .map(t -> LossAxis.formatTick(t.getValue().doubleValue())).toList()));
        // equal ratios lie equally far apart, and the ticks sit where their values are
        double p10 = onFx(() -> axis.getDisplayPosition(10));
        double p20 = onFx(() -> axis.getDisplayPosition(20));
        double p100 = onFx(() -> axis.getDisplayPosition(100));
        double p200 = onFx(() -> axis.getDisplayPosition(200));
        assertEquals(p10 - p20, p100 - p200, 1e-6);
        assertEquals((p10 - p100) * Math.log10(2), p10 - p20, 1e-6);
        assertTrue(p10 - p20 > 20, "10 is drawn below 20: " + p10 + " " + p20);
        for (Axis.TickMark<Number> tick : onFx(() -> List.copyOf(axis.getTickMarks()))) {
            assertEquals(onFx(() -> axis.getDisplayPosition(tick.getValue())), tick.getPosition(), 1);
        }
        assertEquals(100.0, onFx(() -> axis.getValueForDisplay(p100).doubleValue()), 1e-6);
        // the newest step's raw KL (-0.01) is left out; the smoothed KL there, still positive, is drawn
        List<Long> rawKlSteps = onFx(() -> chart.getData().get(7).getData().stream()
                .map(d -> d.getXValue().longValue()).toList());
        assertTrue(!rawKlSteps.contains((long) STEPS + 2), "a negative value plotted on the log axis");
        assertTrue(onFx(() -> chart.getData().stream().flatMap(s -> s.getData().stream())
                .allMatch(d -> d.getYValue().doubleValue() > 0)), "a value that is not positive on the log axis");
        assertEquals(STEPS + 2L, onFx(() -> chart.getData().get(2).getData().get(
                chart.getData().get(2).getData().size() - 1).getXValue().longValue()));
        assertTrue(onFx(axis::getLowerBound) > 0);

        robot.clickOn("#log-scale");
        WaitForAsyncUtils.waitForFxEvents();
        // linear again: the raw KL's zero and below come back, and the axis reaches down to them
        assertTrue(onFx(() -> chart.getData().get(7).getData().stream()
                .anyMatch(d -> d.getYValue().doubleValue() < 0)));
        assertTrue(onFx(axis::getLowerBound) < -0.01);
        double q10 = onFx(() -> axis.getDisplayPosition(10));
        double q20 = onFx(() -> axis.getDisplayPosition(20));
        double q100 = onFx(() -> axis.getDisplayPosition(100));
        assertEquals((q10 - q100) / 9, q10 - q20, 1e-6);
    }

    @Test
    void showingTheNewestStepsFitsBothAxesToThem(FxRobot robot) throws Exception {
        // a first thousand steps from 550 nats down to 150, then a slow fall from 120 to 100
        robot.interact(() -> {
            for (int step = 1; step <= STEPS; step++) {
                double loss = step <= 1000 ? 550 - 0.4 * step : 120 - 20.0 * (step - 1000) / (STEPS - 1000);
                model.training().lossHistory().addStep(step, new LossParts(loss - 10, 10));
            }
            model.training().lossHistory().addEpoch(new EpochRecord(1, 2500, new LossParts(150, 10), new LossParts(148, 10), 1,
                    1000));
            model.training().lossHistory().addEpoch(new EpochRecord(2, 5000, new LossParts(95, 10), new LossParts(94, 10), 1,
                    1000));
        });
        robot.clickOn("#show-kl"); // the -ELBO and reconstruction only, to look at their range
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        NumberAxis stepAxis = (NumberAxis) chart.getXAxis();
        LossAxis lossAxis = (LossAxis) chart.getYAxis();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(lossAxis::getUpperBound) > 500, "the whole run reaches 550 nats");

        robot.clickOn("#shown-part");
        robot.clickOn("last 1,000");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(LossChartView.ShownPart.LAST_1000, onFx(() -> view.shownPartProperty().get()));
        for (int i : new int[] {0, 1, 5, 6}) {
            List<Long> shownSteps = onFx(() -> chart.getData().get(i).getData().stream()
                    .map(d -> d.getXValue().longValue()).toList());
            assertTrue(!shownSteps.isEmpty() && shownSteps.get(0) > STEPS - 1000, "series " + i + " starts at "
                    + shownSteps.get(0));
            assertEquals(STEPS, shownSteps.get(shownSteps.size() - 1));
        }
        assertEquals(List.of(5000L), onFx(() -> chart.getData().get(4).getData().stream()
                .map(d -> d.getXValue().longValue()).toList()), "the epoch before the part is not drawn");
        // the loss axis fits the part shown: 90 to 106 nats of -ELBO and reconstruction, not 550
        assertTrue(onFx(lossAxis::getUpperBound) < 110 && onFx(lossAxis::getLowerBound) > 80,
                onFx(lossAxis::getLowerBound) + ".." + onFx(lossAxis::getUpperBound));
        // the step axis spans the part, on round bounds
        assertTrue(!onFx(stepAxis::isAutoRanging));
        assertEquals(4000.0, onFx(stepAxis::getLowerBound));
        assertEquals(5000.0, onFx(stepAxis::getUpperBound));

        // new steps move the part on
        robot.interact(() -> model.training().lossHistory().addStep(STEPS + 300, new LossParts(89, 10)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> chart.getData().get(0).getData()
                .get(chart.getData().get(0).getData().size() - 1).getXValue().longValue()) == STEPS + 300);
        assertTrue(onFx(() -> chart.getData().get(0).getData().get(0).getXValue().longValue()) > STEPS + 300 - 1000);
        // on bounds at whole hundreds, which move now and then rather than at every update
        assertEquals(4300.0, onFx(stepAxis::getLowerBound));
        assertEquals(5300.0, onFx(stepAxis::getUpperBound));
        assertEquals(200.0, onFx(stepAxis::getTickUnit));

        robot.clickOn("#shown-part");
        robot.clickOn("whole run");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(lossAxis::getUpperBound) > 500);
        assertTrue(onFx(stepAxis::isAutoRanging), "no run trains: the step axis fits the data");
    }

    @Test
    void hoveringShowsTheNearestStepsValuesAndAnEpochsOwn(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        WaitForAsyncUtils.waitForFxEvents();
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        Label readout = robot.lookup("#loss-readout").query();
        assertTrue(!onFx(readout::isVisible));

        LossCurves curves = onFx(() -> LossCurves.of(model.training().lossHistory().steps(), model.training().lossHistory().epochs(), 0,
                LossChartView.DEFAULT_SMOOTHING));
        int sample = 149;
        long step = curves.sampleStep(sample);
        assertEquals(2400, step);
        double smoothed = curves.smoothed(LossCurves.Part.TOTAL, sample);
        robot.moveTo(onFx(() -> screenPoint(chart, step, smoothed)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(readout::isVisible));
        String text = onFx(readout::getText);
        assertTrue(text.startsWith("step 2,400 · epoch 1\n"), text);
        assertTrue(text.contains("-ELBO " + LossReadout.formatLoss(smoothed) + "  (raw "
                + LossReadout.formatLoss(curves.raw(LossCurves.Part.TOTAL, sample)) + ")"), text);
        assertTrue(text.contains("reconstruction "
                + LossReadout.formatLoss(curves.smoothed(LossCurves.Part.RECONSTRUCTION, sample))), text);
        assertTrue(text.contains("KL " + LossReadout.formatLoss(curves.smoothed(LossCurves.Part.KL, sample))),
                text);
        assertTrue(!text.contains("ended at"), "no epoch near: " + text);
        assertTrue(onFx(() -> robot.lookup("#loss-marker").query().isVisible()));

        // over the first epoch's symbol: its train and test losses too; a step after it is in epoch 2
        robot.moveTo(onFx(() -> screenPoint(chart, 2500, 135)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(readout::getText).contains("ended at"));
        text = onFx(readout::getText);
        assertTrue(text.contains("epoch 1 ended at step 2,500"), text);
        assertTrue(text.contains("train -ELBO 148.0 · reconstruction 140.0 · KL 8.00"), text);
        assertTrue(text.contains("test -ELBO 143.0 · reconstruction 135.0 · KL 8.00"), text);
        robot.moveTo(onFx(() -> screenPoint(chart, 2600, 135)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(readout::getText).contains("· epoch 2\n"));

        // off the plot: gone
        robot.moveTo(onFx(() -> {
            Bounds plot = chart.lookup(".chart-plot-background").localToScreen(
                    chart.lookup(".chart-plot-background").getBoundsInLocal());
            return new Point2D(plot.getMinX() - 30, plot.getCenterY());
        }));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !onFx(readout::isVisible));
    }

    @Test
    void theSmoothingSliderSetsTheAverageAndZeroDrawsTheRawLosses(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        Slider slider = robot.lookup("#smoothing").query();
        double[] rawTotal = onFx(() -> model.training().lossHistory().steps().stream()
                .mapToDouble(LossHistory.StepPoint::total).toArray());

        robot.interact(() -> slider.setValue(0.5));
        assertEquals("0.50", onFx(() -> ((Label) robot.lookup("#smoothing-value").query()).getText()));
        double[] expected = LossSmoothing.smooth(rawTotal, 0.5);
        List<XYChart.Data<Number, Number>> drawn = onFx(() -> List.copyOf(chart.getData().get(0).getData()));
        for (XYChart.Data<Number, Number> point : drawn) {
            assertEquals(expected[point.getXValue().intValue() - 1], point.getYValue().doubleValue(), 1e-9);
        }
        assertTrue(onFx(() -> chart.getData().get(5).getData().size()) > 0, "the raw curve behind");

        // 0: the curve is the raw losses, and there is no second one behind it
        robot.interact(() -> slider.setValue(0));
        drawn = onFx(() -> List.copyOf(chart.getData().get(0).getData()));
        for (XYChart.Data<Number, Number> point : drawn) {
            assertEquals(rawTotal[point.getXValue().intValue() - 1], point.getYValue().doubleValue(), 0);
        }
        assertTrue(onFx(() -> chart.getData().subList(5, 8).stream().allMatch(s -> s.getData().isEmpty())));

        // the keyboard moves it too, in steps of 0.05
        robot.clickOn("#smoothing");
        robot.interact(() -> slider.setValue(0.9));
        robot.interact(slider::requestFocus);
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.85, onFx(view::smoothing), 1e-9);
    }

    @Test
    void theControlsFitOneRowOfASmallWindowAndLeaveThePlotItsHeight(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.getScene().getWindow().setWidth(700);
            view.getScene().getWindow().setHeight(180);
            addRun();
        });
        WaitForAsyncUtils.waitForFxEvents();
        HBox toolbar = robot.lookup("#loss-toolbar").query();
        assertEquals(700, onFx(() -> view.getScene().getWidth()), 1);
        List<Node> controls = onFx(() -> List.copyOf(toolbar.getChildren()));
        double right = onFx(() -> toolbar.getWidth() - toolbar.getPadding().getRight());
        double previousEnd = 0;
        for (Node control : controls) {
            Bounds bounds = onFx(control::getBoundsInParent);
            assertTrue(bounds.getMinX() >= previousEnd - 0.5 && bounds.getMaxX() <= right + 0.5,
                    control.getId() + " at " + bounds.getMinX() + ".." + bounds.getMaxX() + " in " + right);
            // every control at its full width but the slider, which may shorten, and the spacer before Export
            if (control instanceof Region region && control.getId() != null && !"smoothing".equals(control.getId())) {
                assertTrue(onFx(region::getWidth) >= onFx(() -> region.prefWidth(-1)) - 0.5,
                        control.getId() + " squeezed");
            }
            previousEnd = bounds.getMaxX();
        }
        assertTrue(onFx(() -> toolbar.getHeight()) < 40, "one row");
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        double plotHeight = onFx(() -> ((Region) chart.lookup(".chart-plot-background")).getHeight());
        assertTrue(plotHeight > 60, "plot height " + plotHeight);
        assertTrue(onFx(() -> chart.getYAxis().getTickMarks().stream().filter(Axis.TickMark::isTextVisible).count())
                >= 2, "the loss axis keeps two labels at least");
        Path png = tempDir.resolve("small.png");
        robot.interact(() -> view.exportPng(png));
        awaitSaved(png);
        assertNotNull(ImageIO.read(png.toFile()));
    }

    @Test
    void theChoicesStayForTheNextRun(FxRobot robot) throws Exception {
        robot.interact(this::addRun);
        robot.clickOn("#log-scale");
        robot.clickOn("#shown-part");
        robot.clickOn("last 200");
        Slider slider = robot.lookup("#smoothing").query();
        robot.interact(() -> slider.setValue(0.6));
        robot.clickOn("#show-test");

        // a new run clears the history and trains again
        robot.interact(() -> {
            model.training().lossHistory().clear();
            for (int step = 1; step <= 1000; step++) {
                model.training().lossHistory().addStep(step, new LossParts(300 - step * 0.1, 5));
            }
            model.training().lossHistory().addEpoch(new EpochRecord(1, 1000, new LossParts(210, 5), new LossParts(205, 5), 1,
                    1000));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> view.logScaleProperty().get()));
        assertEquals(LossChartView.ShownPart.LAST_200, onFx(() -> view.shownPartProperty().get()));
        assertEquals(0.6, onFx(view::smoothing), 1e-9);
        assertTrue(!onFx(() -> ((CheckBox) robot.lookup("#show-test").query()).isSelected()));
        LineChart<Number, Number> chart = robot.lookup("#loss-chart").query();
        assertTrue(onFx(() -> ((LossAxis) chart.getYAxis()).isLogScale()));
        assertEquals(801L, onFx(() -> chart.getData().get(0).getData().get(0).getXValue().longValue()));
        assertTrue(onFx(() -> chart.getData().get(4).getData().isEmpty()), "the test curve stays hidden");
        double[] raw = onFx(() -> model.training().lossHistory().steps().stream().mapToDouble(LossHistory.StepPoint::total)
                .toArray());
        assertEquals(LossSmoothing.smooth(raw, 0.6)[999], onFx(() -> chart.getData().get(0).getData()
                .get(chart.getData().get(0).getData().size() - 1).getYValue().doubleValue()), 1e-9);
    }

    /** Waits until the export to {@code file}, written in the background, says it is saved. */
    private void awaitSaved(Path file) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> model.statusProperty().get()
                .equals("saved " + file) || !model.errorProperty().get().isEmpty()));
        assertEquals("", onFx(() -> model.errorProperty().get()));
        assertEquals("saved " + file, onFx(() -> ((Label) view.lookup("#export-message")).getText()));
    }

    /** The screen point of a value at a step on the chart's axes. */
    private static Point2D screenPoint(LineChart<Number, Number> chart, long step, double nats) {
        double x = chart.getXAxis().localToScreen(chart.getXAxis().getDisplayPosition(step), 0).getX();
        double y = chart.getYAxis().localToScreen(0, chart.getYAxis().getDisplayPosition(nats)).getY();
        return new Point2D(x, y);
    }

    /** 5000 steps of a falling loss and two epochs, as a run would add them. */
    private void addRun() {
        LossHistory history = model.training().lossHistory();
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
