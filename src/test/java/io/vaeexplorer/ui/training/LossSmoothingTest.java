package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LossSmoothingTest {

    @Test
    void weightZeroGivesTheRawValues() {
        double[] raw = {500, 250.5, 120, 119, 121};
        assertArrayEquals(raw, LossSmoothing.smooth(raw, 0), 0);
    }

    @Test
    void theAverageIsDebiasedAsTensorBoardDrawsIt() {
        // weight 0.5: the plain average after 1 value is 0.5, after 2 values 1.25; debiased by 1 - 0.5^n
        assertArrayEquals(new double[] {1, 1.25 / 0.75, (0.5 * 1.25 + 0.5 * 4) / 0.875},
                LossSmoothing.smooth(new double[] {1, 2, 4}, 0.5), 1e-12);
        // the curve starts at the first value and a constant stays constant, whatever the weight
        double[] constant = new double[200];
        Arrays.fill(constant, 93.5);
        for (double weight : new double[] {0.6, 0.95, 0.99}) {
            double[] smoothed = LossSmoothing.smooth(constant, weight);
            for (double v : smoothed) {
                assertEquals(93.5, v, 1e-9);
            }
        }
    }

    @Test
    void aHigherWeightFollowsAStepChangeMoreSlowly() {
        double[] jump = new double[40];
        Arrays.fill(jump, 0, 20, 200);
        Arrays.fill(jump, 20, 40, 100);
        double[] light = LossSmoothing.smooth(jump, 0.6);
        double[] heavy = LossSmoothing.smooth(jump, 0.95);
        assertEquals(200, heavy[19], 1e-9);
        for (int i = 20; i < 40; i++) {
            assertTrue(light[i] < heavy[i] && heavy[i] < 200 && light[i] > 100, "step " + i);
        }
        // after k steps at the new level, the weight^k share of the old level is left
        assertEquals(100 + 100 * Math.pow(0.6, 20), light[39], 1e-6);
    }

    @Test
    void aNonFiniteValueIsPassedThroughAndLeavesTheAverageAlone() {
        double[] smoothed = LossSmoothing.smooth(new double[] {10, Double.NaN, 10, Double.POSITIVE_INFINITY, 10},
                0.9);
        assertTrue(Double.isNaN(smoothed[1]));
        assertEquals(Double.POSITIVE_INFINITY, smoothed[3]);
        assertEquals(10, smoothed[2], 1e-9);
        assertEquals(10, smoothed[4], 1e-9);
    }

    @Test
    void theStreamingFormIsTheSameFunction() {
        double[] values = {543.2, 320.1, 250, 260, 199.9, 180.5, 181, 170};
        double[] whole = LossSmoothing.smooth(values, 0.8);
        LossSmoothing ema = new LossSmoothing(0.8);
        for (int i = 0; i < values.length; i++) {
            assertEquals(whole[i], ema.next(values[i]), 0);
        }
        // a prefix smooths to the prefix of the whole: the average only looks back
        assertArrayEquals(Arrays.copyOf(whole, 4), LossSmoothing.smooth(Arrays.copyOf(values, 4), 0.8), 0);
    }

    @Test
    void weightsOutsideTheSlidersRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LossSmoothing.smooth(new double[1], 1));
        assertThrows(IllegalArgumentException.class, () -> LossSmoothing.smooth(new double[1], -0.1));
        assertThrows(IllegalArgumentException.class, () -> LossSmoothing.smooth(new double[1], Double.NaN));
    }
}
