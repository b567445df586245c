package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.ui.training.LossCurves.Curve;
import io.vaeexplorer.ui.training.LossCurves.Part;
import io.vaeexplorer.ui.training.LossHistory.StepPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossCurvesTest {

    /** Steps 1..n: reconstruction falling from 500, KL rising, and a little noise on both. */
    private static List<StepPoint> run(int n) {
        List<StepPoint> steps = new ArrayList<>();
        for (int step = 1; step <= n; step++) {
            double reconstruction = 100 + 400.0 / step + (step % 3 - 1);
            double kl = 5 + step / 1000.0 + (step % 2) * 0.5;
            steps.add(new StepPoint(step, reconstruction + kl, reconstruction, kl));
        }
        return steps;
    }

    private static EpochRecord epoch(int epoch, long step, double train, double test) {
        return new EpochRecord(epoch, step, new LossParts(train - 10, 10), new LossParts(test - 10, 10), 1, 1000);
    }

    @Test
    void aShortRunIsDrawnWholeAndSmoothedOverEveryStep() {
        List<StepPoint> steps = run(300);
        LossCurves curves = LossCurves.of(steps, List.of(), 0, 0.9);
        assertEquals(300, curves.sampleCount());
        assertEquals(1, curves.stride());
        double[] total = steps.stream().mapToDouble(StepPoint::total).toArray();
        double[] expected = LossSmoothing.smooth(total, 0.9);
        Curve smoothed = curves.stepCurve(Part.TOTAL, true, false);
        assertArrayEquals(expected, smoothed.values(), 1e-12);
        assertArrayEquals(total, curves.stepCurve(Part.TOTAL, false, false).values(), 0);
        assertEquals(steps.get(17).kl(), curves.raw(Part.KL, 17), 0);
    }

    @Test
    void aLongRunIsDecimatedToAPowerOfTwoStrideEndingAtTheNewestStep() {
        List<StepPoint> steps = run(5001);
        LossCurves curves = LossCurves.of(steps, List.of(), 0, 0.95);
        assertTrue(curves.sampleCount() <= LossCurves.MAX_POINTS && curves.sampleCount() > LossCurves.MAX_POINTS / 2,
                "samples: " + curves.sampleCount());
        assertEquals(16, curves.stride());
        assertEquals(16, curves.sampleStep(0));
        assertEquals(5001, curves.sampleStep(curves.sampleCount() - 1), "the curve reaches the newest step");
        assertEquals(4992, curves.sampleStep(curves.sampleCount() - 2));
        // the decimated curve is the full-resolution smoothed curve at those steps, not a smoothing of the samples
        double[] full = LossSmoothing.smooth(steps.stream().mapToDouble(StepPoint::reconstruction).toArray(), 0.95);
        assertEquals(full[1599], curves.smoothed(Part.RECONSTRUCTION, 99), 1e-9); // step 1600 = 16 * 100
        // while the run grows the samples drawn so far stay as they were: an update only appends
        LossCurves later = LossCurves.of(run(5100), List.of(), 0, 0.95);
        for (int i = 0; i < curves.sampleCount() - 1; i++) {
            assertEquals(curves.sampleStep(i), later.sampleStep(i));
            assertEquals(curves.smoothed(Part.TOTAL, i), later.smoothed(Part.TOTAL, i), 0);
        }
    }

    @Test
    void theRecentPartHoldsOnlyTheNewestStepsAndEpochs() {
        List<StepPoint> steps = run(5000);
        List<EpochRecord> epochs = List.of(epoch(1, 2500, 180, 175), epoch(2, 5000, 120, 118));
        LossCurves recent = LossCurves.of(steps, epochs, 1000, 0.9);
        assertEquals(4001, recent.firstStep());
        assertEquals(5000, recent.newestStep());
        assertEquals(4, recent.stride()); // 1000 steps in at most 500 samples, the newest step among them
        assertTrue(recent.sampleStep(0) >= 4001);
        assertEquals(5000, recent.sampleStep(recent.sampleCount() - 1));
        assertEquals(List.of(epochs.get(1)), recent.shownEpochs());
        assertArrayEquals(new long[] {5000}, recent.epochCurve(true, false).steps());
        assertArrayEquals(new double[] {118}, recent.epochCurve(true, false).values(), 0);
        // the averages were carried through the steps before the shown part: the same values as the whole run's
        double[] full = LossSmoothing.smooth(steps.stream().mapToDouble(StepPoint::total).toArray(), 0.9);
        for (int i = 0; i < recent.sampleCount(); i++) {
            assertEquals(full[(int) recent.sampleStep(i) - 1], recent.smoothed(Part.TOTAL, i), 1e-9);
        }
        // a part longer than the run is the whole run
        assertEquals(1, LossCurves.of(run(150), epochs.subList(0, 0), 200, 0.9).sampleStep(0));
    }

    @Test
    void aLoadedModelHasEpochsOnly() {
        List<EpochRecord> epochs = List.of(epoch(1, 469, 160, 150), epoch(2, 938, 130, 128), epoch(3, 1407, 120, 119));
        LossCurves curves = LossCurves.of(List.of(), epochs, 500, 0.9);
        assertEquals(0, curves.sampleCount());
        assertTrue(!curves.isEmpty());
        assertEquals(List.of(epochs.get(1), epochs.get(2)), curves.shownEpochs()); // 938 > 1407 - 500
        assertEquals(-1, curves.nearestSample(1000));
        assertEquals(epochs.get(1), curves.nearestEpoch(1100));
        assertTrue(LossCurves.of(List.of(), List.of(), 0, 0.5).isEmpty());
    }

    @Test
    void valuesThatCannotBePlottedAreLeftOut() {
        List<StepPoint> steps = List.of(new StepPoint(1, 110, 100, 10), new StepPoint(2, 100, 100, 0),
                new StepPoint(3, Double.NaN, Double.NaN, 2), new StepPoint(4, 99, 100, -1));
        LossCurves curves = LossCurves.of(steps, List.of(), 0, 0);
        assertArrayEquals(new long[] {1, 2, 3, 4}, curves.stepCurve(Part.KL, true, false).steps());
        // a log axis has no place for zero or below
        Curve logKl = curves.stepCurve(Part.KL, true, true);
        assertArrayEquals(new long[] {1, 3}, logKl.steps());
        assertArrayEquals(new double[] {10, 2}, logKl.values(), 0);
        // NaN is on no axis
        assertArrayEquals(new long[] {1, 2, 4}, curves.stepCurve(Part.TOTAL, true, false).steps());
    }

    @Test
    void theNearestSampleIsFoundByStep() {
        LossCurves curves = LossCurves.of(run(5001), List.of(), 0, 0.9); // samples at 16, 32, ..., 4992, 5001
        assertEquals(16, curves.sampleStep(curves.nearestSample(-100)));
        assertEquals(32, curves.sampleStep(curves.nearestSample(39.9)));
        assertEquals(48, curves.sampleStep(curves.nearestSample(40.1)));
        assertEquals(4992, curves.sampleStep(curves.nearestSample(4996)));
        assertEquals(5001, curves.sampleStep(curves.nearestSample(4997)));
        assertEquals(5001, curves.sampleStep(curves.nearestSample(1e9)));
        assertNull(curves.nearestEpoch(3));
    }

    @Test
    void aStepsEpochIsTheFirstThatEndedAtOrAfterIt() {
        List<EpochRecord> epochs = List.of(epoch(1, 469, 160, 150), epoch(2, 938, 130, 128));
        assertEquals(1, LossCurves.epochOf(1, epochs));
        assertEquals(1, LossCurves.epochOf(469, epochs));
        assertEquals(2, LossCurves.epochOf(470, epochs));
        assertEquals(2, LossCurves.epochOf(938, epochs));
        assertEquals(3, LossCurves.epochOf(939, epochs), "the epoch in progress");
        assertEquals(0, LossCurves.epochOf(100, List.of()), "unknown before an epoch has ended");
        // a run continued from a checkpoint numbers its epochs on
        assertEquals(11, LossCurves.epochOf(4700, List.of(epoch(11, 5159, 100, 99))));
    }

    @Test
    void samplesDoNotRepeatTheNewestStep() {
        LossCurves curves = LossCurves.of(run(4992), List.of(), 0, 0.9);
        long[] sampled = curves.stepCurve(Part.TOTAL, true, false).steps();
        assertEquals(sampled.length, Arrays.stream(sampled).distinct().count());
        assertEquals(4992, sampled[sampled.length - 1]);
    }
}
