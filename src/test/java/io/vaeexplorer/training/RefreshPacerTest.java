package io.vaeexplorer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pacing of the views' refreshes on a made-up clock: a training loop of fixed steps, refreshes of fixed cost. */
class RefreshPacerTest {

    private static final long MS = 1_000_000L;
    private static final double SHARE = 0.05;
    private static final long WARM_UP = 2000 * MS;
    private static final int SPEED_UP = 4;

    /** Refreshes of one simulated run: when each started, each taking {@code costNanos}. */
    private record Run(List<Long> starts, long costNanos) {

        /** The refreshes' share of the run's time over its whole cycles (a refresh and the wait after it). */
        double share() {
            int cycles = starts.size() - 1;
            return cycles * costNanos / (double) starts.get(cycles);
        }

        long gap(int i) {
            return starts.get(i + 1) - starts.get(i);
        }

        long countBefore(long time) {
            return starts.stream().filter(t -> t < time).count();
        }
    }

    /**
     * From time 0, steps of {@code stepNanos}; before the first and after each, a refresh of {@code costNanos}
     * when the pacer says one is due.
     */
    private static Run simulate(RefreshPacer pacer, long stepNanos, long costNanos, long durationNanos) {
        List<Long> starts = new ArrayList<>();
        long now = 0;
        while (now < durationNanos) {
            if (pacer.isDue(now)) {
                starts.add(now);
                long started = now;
                now += costNanos;
                pacer.refreshed(started, now);
            }
            now += stepNanos;
        }
        return new Run(starts, costNanos);
    }

    private static RefreshPacer watched(long floorNanos) {
        return RefreshPacer.warmingUp(floorNanos, SHARE, 0, WARM_UP, SPEED_UP);
    }

    @Test
    void aWatchedRunIsRefreshedSeveralTimesInItsFirstSecondsThenAtItsFloor() {
        // a cheap refresh: only the floor paces it, a quarter of it while warming up
        Run run = simulate(watched(1000 * MS), 5 * MS, 2 * MS, 20_000 * MS);
        assertEquals(0L, run.starts().get(0), "the first refresh comes at once");
        assertTrue(run.countBefore(1000 * MS) >= 4, "refreshes at " + run.starts());
        for (int i = 0; i < run.starts().size() - 1; i++) {
            long floor = run.starts().get(i) + 2 * MS < WARM_UP ? 250 * MS : 1000 * MS;
            assertTrue(run.gap(i) >= floor && run.gap(i) < floor + 10 * MS, "gap " + i + ": " + run.gap(i));
        }
    }

    @Test
    void aWatchedRunWhoseRefreshCostsAsTheTutorialModelsEncodeSeesItInItsFirstSecond() {
        // 115 ms: warmed up, 5% of the run allows one every 2.4 s; warming up, one every 0.7 s
        Run run = simulate(watched(1000 * MS), 5 * MS, 115 * MS, 60_000 * MS);
        assertTrue(run.countBefore(1000 * MS) >= 2, "refreshes at " + run.starts());
        assertTrue(run.countBefore(WARM_UP) >= 3, "refreshes at " + run.starts());
        for (int i = 0; i < run.starts().size() - 1; i++) {
            if (run.starts().get(i) + 115 * MS >= WARM_UP) {
                assertTrue(run.gap(i) >= 115 * MS + 2300 * MS, "gap " + i + ": " + run.gap(i));
            }
        }
    }

    @Test
    void aRefreshCostingMoreThanTheWarmUpIsPacedAsSettledAtOnce() {
        Run run = simulate(watched(1000 * MS), 5 * MS, 5000 * MS, 600_000 * MS);
        assertTrue(run.gap(0) >= 5000 * MS + 100_000 * MS, "gap after the first: " + run.gap(0));
    }

    @Test
    void aSteadyPacerNeverRefreshesSoonerThanItsFloor() {
        RefreshPacer pacer = RefreshPacer.steady(500 * MS, SHARE);
        Run run = simulate(pacer, 3 * MS, 1 * MS, 10_000 * MS);
        assertTrue(run.starts().size() > 10);
        for (int i = 0; i < run.starts().size() - 1; i++) {
            assertTrue(run.gap(i) >= 500 * MS, "gap " + i + ": " + run.gap(i));
        }
    }

    /** From a tiny MLP's encode to a refresh far longer than the warm-up and the floor. */
    @ParameterizedTest
    @ValueSource(longs = {1, 40, 115, 400, 3_000, 30_000})
    void refreshesTakeAboutTheirShareOfALongRunWhateverTheyCost(long costMillis) {
        Run steady = simulate(RefreshPacer.steady(1000 * MS, SHARE), 20 * MS, costMillis * MS, 3_600_000 * MS);
        assertTrue(steady.share() <= SHARE, "refreshes of " + costMillis + " ms took " + steady.share());
        // warming up costs a few refreshes more, whatever the model
        Run watched = simulate(watched(1000 * MS), 20 * MS, costMillis * MS, 3_600_000 * MS);
        assertTrue(watched.share() <= SHARE * 1.02, "refreshes of " + costMillis + " ms took " + watched.share());
        for (int i = 0; i < watched.starts().size() - 1; i++) {
            if (watched.starts().get(i) + costMillis * MS >= WARM_UP) {
                // a gap counts from the start of one refresh to the start of the next: the refresh, then the wait
                assertTrue(watched.gap(i) >= costMillis * MS + (long) (costMillis * MS / SHARE),
                        "gap " + i + " after a refresh of " + costMillis + " ms: " + watched.gap(i));
            }
        }
    }

    @Test
    void aRefreshThatCameWithOtherWorkKeepsTheLastMeasuredCost() {
        RefreshPacer pacer = RefreshPacer.steady(100 * MS, SHARE);
        assertTrue(pacer.isDue(0), "due before the first refresh");
        pacer.refreshed(0, 200 * MS); // 200 ms: the next no sooner than 4 s after it
        assertFalse(pacer.isDue(4199 * MS));
        assertTrue(pacer.isDue(4200 * MS));
        pacer.refreshedAlongside(5000 * MS); // the epoch's evaluation sent codes: nothing measured
        assertEquals(4000 * MS, pacer.gapNanos(5000 * MS));
        assertFalse(pacer.isDue(8999 * MS));
        assertTrue(pacer.isDue(9000 * MS));
    }

    @Test
    void aDueRefreshStaysDueUntilItRuns() {
        RefreshPacer pacer = RefreshPacer.steady(100 * MS, SHARE);
        pacer.refreshed(0, MS);
        assertFalse(pacer.isDue(100 * MS));
        assertTrue(pacer.isDue(101 * MS));
        assertTrue(pacer.isDue(60_000 * MS), "a long pause does not make it wait another gap");
    }

    @Test
    void theWarmUpCountsFromTheRunsStart() {
        RefreshPacer pacer = RefreshPacer.warmingUp(1000 * MS, SHARE, 7000 * MS, WARM_UP, SPEED_UP);
        assertEquals(250 * MS, pacer.gapNanos(7000 * MS), "warming up, nothing measured: a quarter of the floor");
        pacer.refreshed(7000 * MS, 7200 * MS);
        assertEquals(1000 * MS, pacer.gapNanos(7200 * MS), "warming up: 200 ms at 20% of the time");
        assertEquals(1000 * MS, pacer.gapNanos(9000 * MS - 1), "still warming up");
        assertEquals(4000 * MS, pacer.gapNanos(9000 * MS), "warmed up: 200 ms at 5% of the time");
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RefreshPacer.steady(0, SHARE));
        assertThrows(IllegalArgumentException.class, () -> RefreshPacer.steady(MS, 0));
        assertThrows(IllegalArgumentException.class, () -> RefreshPacer.steady(MS, 1));
        assertThrows(IllegalArgumentException.class, () -> RefreshPacer.warmingUp(MS, 0.3, 0, WARM_UP, 4));
        assertThrows(IllegalArgumentException.class, () -> RefreshPacer.warmingUp(MS, SHARE, 0, WARM_UP, 0));
    }
}
