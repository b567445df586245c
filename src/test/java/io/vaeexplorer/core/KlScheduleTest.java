package io.vaeexplorer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KlScheduleTest {

    @Test
    void parsesEachFormAndWritesItBack() {
        for (String text : new String[] {"constant", "warmup:5", "cyclic:4", "capacity:25:10", "warmup:2.5"}) {
            assertEquals(text, KlSchedule.parse(text).label());
        }
        assertEquals(KlSchedule.warmup(3), KlSchedule.parse(" WarmUp:3 "));
        for (String bad : new String[] {"", "warmup", "warmup:0", "warmup:x", "cyclic:0", "cyclic:1.5", "capacity:5",
                                        "capacity:-1:5", "linear:3", "constant:1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KlSchedule.parse(bad), bad);
            assertTrue(e.getMessage().contains("constant, warmup:E, cyclic:C or capacity:CMAX:E")
                    || e.getMessage().contains("needs"), e.getMessage());
        }
    }

    @Test
    void warmUpRisesLinearlyToBetaAndStays() {
        KlSchedule warmup = KlSchedule.warmup(4);
        assertEquals(0.0, warmup.klWeight(2, 0, 10));
        assertEquals(0.5, warmup.klWeight(2, 1, 10), 1e-12);
        assertEquals(1.5, warmup.klWeight(2, 3, 10), 1e-12);
        assertEquals(2.0, warmup.klWeight(2, 4, 10), 1e-12);
        assertEquals(2.0, warmup.klWeight(2, 9.5, 10), 1e-12);
        assertEquals(-1.0, warmup.capacity(2));
    }

    @Test
    void cyclicRisesOverTheFirstHalfOfEachCycle() {
        KlSchedule cyclic = KlSchedule.cyclic(2); // a 10-epoch run: cycles of 5 epochs, rising over 2.5
        assertEquals(0.0, cyclic.klWeight(1, 0, 10), 1e-12);
        assertEquals(0.5, cyclic.klWeight(1, 1.25, 10), 1e-12);
        assertEquals(1.0, cyclic.klWeight(1, 2.5, 10), 1e-12);
        assertEquals(1.0, cyclic.klWeight(1, 4.9, 10), 1e-12);
        assertEquals(0.0, cyclic.klWeight(1, 5, 10), 1e-12);
        assertEquals(0.4, cyclic.klWeight(1, 6, 10), 1e-12);
        assertEquals(1.0, cyclic.klWeight(1, 10, 10), 1e-12);
    }

    @Test
    void capacityRisesToItsMaximumAndKeepsBetaAsTheWeight() {
        KlSchedule capacity = KlSchedule.capacity(20, 5);
        assertEquals(0.0, capacity.capacity(0));
        assertEquals(8.0, capacity.capacity(2), 1e-12);
        assertEquals(20.0, capacity.capacity(7), 1e-12);
        assertEquals(100.0, capacity.klWeight(100, 3, 10));
        assertEquals(1.0, KlSchedule.CONSTANT.klWeight(1, 3, 10));
        assertEquals(-1.0, KlSchedule.CONSTANT.capacity(3));
    }
}
