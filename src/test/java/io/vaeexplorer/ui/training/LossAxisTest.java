package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossAxisTest {

    @Test
    void logTicksAreRoundValuesInNats() {
        // a -ELBO from 205 down, a KL from 5 up: 1-2-5 ticks (every digit would be 16 of them)
        assertEquals(List.of(5.0, 10.0, 20.0, 50.0, 100.0, 200.0), LossAxis.logTicks(4.3, 240, 10));
        // a range within two decades: every digit where they fit
        assertEquals(List.of(20.0, 30.0, 40.0, 50.0, 60.0), LossAxis.logTicks(18, 65, 10));
        // fewer fit: 1 and 3, then powers of ten
        assertEquals(List.of(1.0, 3.0, 10.0, 30.0, 100.0, 300.0), LossAxis.logTicks(0.8, 300, 6));
        assertEquals(List.of(1.0, 10.0, 100.0), LossAxis.logTicks(0.8, 300, 4));
        // two powers of ten over more than a decade stay log ticks
        assertEquals(List.of(10.0, 100.0), LossAxis.logTicks(3, 600, 3));
        // a collapsed KL next to a -ELBO spans six decades: every second power of ten on a short axis
        assertEquals(List.of(0.01, 1.0, 100.0), LossAxis.logTicks(0.002, 600, 3));
        for (double tick : LossAxis.logTicks(0.0012, 0.05, 10)) {
            assertTrue(tick >= 0.0012 && tick <= 0.05, "tick " + tick);
        }
    }

    @Test
    void aRangeShortOfADecadeGetsEvenTicksOnTheLogAxis() {
        // 90..130 holds only 90 and 100 of the log ticks: too few to read the axis by
        assertEquals(List.of(90.0, 100.0, 110.0, 120.0, 130.0), LossAxis.logTicks(88, 131, 6));
    }

    @Test
    void linearTicksAreRoundAndAtLeastTwo() {
        assertEquals(List.of(100.0, 120.0, 140.0, 160.0, 180.0, 200.0), LossAxis.linearTicks(96, 205, 6));
        assertEquals(List.of(0.1, 0.2, 0.3), LossAxis.linearTicks(0.05, 0.32, 3));
        // a narrow range at two ticks a plot: the unit shrinks until two fit
        List<Double> narrow = LossAxis.linearTicks(101, 104, 2);
        assertTrue(narrow.size() >= 2 && narrow.get(0) >= 101 && narrow.get(narrow.size() - 1) <= 104,
                narrow.toString());
    }

    @Test
    void theRangeFitsTheDataWithASmallMargin() {
        LossAxis.Range linear = LossAxis.fitLinear(100, 200);
        assertEquals(96, linear.lower(), 1e-9);
        assertEquals(204, linear.upper(), 1e-9);
        assertEquals(0, LossAxis.fitLinear(0.5, 40).lower(), 0, "no negative margin under losses");
        assertNull(LossAxis.fitLinear(Double.NaN, Double.NaN));

        LossAxis.Range log = LossAxis.fitLog(10, 1000);
        assertEquals(Math.pow(10, 0.92), log.lower(), 1e-9);
        assertEquals(Math.pow(10, 3.08), log.upper(), 1e-9);
        assertNull(LossAxis.fitLog(Double.NaN, 5), "no positive data: nothing to fit");
        assertNull(LossAxis.fitLog(Double.NaN, -5));
        LossAxis.Range constant = LossAxis.fitLog(50, 50);
        assertTrue(constant.lower() < 50 && constant.upper() > 50);
    }

    @Test
    void tickLabelsHaveTheDecimalsTheyNeed() {
        assertEquals("200", LossAxis.formatTick(200));
        assertEquals("0.5", LossAxis.formatTick(0.5));
        assertEquals("0.02", LossAxis.formatTick(0.02));
        assertEquals("0.3", LossAxis.formatTick(0.1 * 3));
        assertEquals("1000000", LossAxis.formatTick(1e6));
    }
}
