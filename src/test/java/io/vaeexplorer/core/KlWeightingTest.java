package io.vaeexplorer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KlWeightingTest {

    private static final KlSchedule WARMUP = KlSchedule.warmup(4);
    private static final KlSchedule CYCLIC = KlSchedule.cyclic(2);
    private static final KlSchedule CAPACITY = KlSchedule.capacity(20, 5);

    /** A 10-epoch run with beta 2. */
    private static KlWeighting run(KlSchedule schedule, Objective objective) {
        return new KlWeighting(schedule, 2, objective, 10);
    }

    @Test
    void theElboGetsTheScheduleTimesBeta() {
        assertEquals(2.0, run(KlSchedule.CONSTANT, Objective.ELBO).weightAt(3), 1e-12);
        assertEquals(0.5, run(WARMUP, Objective.ELBO).weightAt(1), 1e-12);
        assertEquals(2.0, run(WARMUP, Objective.ELBO).weightAt(6), 1e-12);
        assertEquals(1.0, run(CYCLIC, Objective.ELBO).weightAt(1.25), 1e-12, "half-way up the first cycle's rise");
        assertEquals(0.0, run(CYCLIC, Objective.ELBO).weightAt(5), 1e-12, "the second cycle starts from 0");
        assertEquals(2.0, run(CAPACITY, Objective.ELBO).weightAt(3), 1e-12);
    }

    @Test
    void klOnlyGetsOneTimesTheScheduleLikeTheElbo() {
        for (KlSchedule schedule : List.of(KlSchedule.CONSTANT, WARMUP, CYCLIC, CAPACITY)) {
            for (double epochs : new double[] {0, 0.5, 1.25, 3, 5, 6, 10}) {
                assertEquals(run(schedule, Objective.ELBO).weightAt(epochs),
                        run(schedule, Objective.KL_ONLY).weightAt(epochs), 1e-12, schedule.label() + " at " + epochs);
                assertEquals(run(schedule, Objective.ELBO).capacityAt(epochs),
                        run(schedule, Objective.KL_ONLY).capacityAt(epochs), 1e-12, schedule.label() + " at " + epochs);
            }
        }
        assertEquals(1.5, run(WARMUP, Objective.KL_ONLY).weightAt(3), 1e-12);
        assertEquals(8.0, run(CAPACITY, Objective.KL_ONLY).capacityAt(2), 1e-12);
    }

    @Test
    void reconstructionOnlyGetsNoKlWeightAndNoCapacityWhateverTheSchedule() {
        for (KlSchedule schedule : List.of(KlSchedule.CONSTANT, WARMUP, CYCLIC, CAPACITY)) {
            KlWeighting recon = run(schedule, Objective.RECON_ONLY);
            for (double epochs : new double[] {0, 0.5, 1.25, 3, 5, 6, 10}) {
                assertEquals(0.0, recon.weightAt(epochs), schedule.label() + " at " + epochs);
                assertEquals(KlWeighting.NO_CAPACITY, recon.capacityAt(epochs), schedule.label() + " at " + epochs);
            }
            assertFalse(recon.hasCapacity(), schedule.label());
            assertFalse(recon.varies(), schedule.label());
        }
    }

    @Test
    void onlyTheCapacityScheduleHoldsTheKlToACapacity() {
        assertTrue(run(CAPACITY, Objective.ELBO).hasCapacity());
        assertEquals(0.0, run(CAPACITY, Objective.ELBO).capacityAt(0), 1e-12);
        assertEquals(8.0, run(CAPACITY, Objective.ELBO).capacityAt(2), 1e-12);
        assertEquals(20.0, run(CAPACITY, Objective.ELBO).capacityAt(7), 1e-12);
        for (KlSchedule schedule : List.of(KlSchedule.CONSTANT, WARMUP, CYCLIC)) {
            assertFalse(run(schedule, Objective.ELBO).hasCapacity(), schedule.label());
            assertEquals(KlWeighting.NO_CAPACITY, run(schedule, Objective.ELBO).capacityAt(2), schedule.label());
        }
        assertFalse(run(KlSchedule.CONSTANT, Objective.ELBO).varies());
        assertTrue(run(WARMUP, Objective.ELBO).varies());
        assertTrue(run(CAPACITY, Objective.KL_ONLY).varies());
    }

    @Test
    void aHistoryLongerThanTheRunCountsTheScheduleFromTheRunsFirstEpoch() {
        // two epochs of an earlier run, then this run's four: a warm-up over 2 epochs to beta 2
        KlWeighting resumed = new KlWeighting(KlSchedule.warmup(2), 2, Objective.ELBO, 4);
        assertTrue(Double.isNaN(resumed.weightInEpoch(0, 6)));
        assertTrue(Double.isNaN(resumed.capacityInEpoch(1, 6)));
        assertEquals(0.5, resumed.weightInEpoch(2, 6), 1e-12, "the middle of the run's first epoch");
        assertEquals(1.5, resumed.weightInEpoch(3, 6), 1e-12);
        assertEquals(2.0, resumed.weightInEpoch(5, 6), 1e-12);
        assertEquals(0.5, resumed.weightInEpoch(0, 2), 1e-12, "a run stopped early: its history is all its own");
    }

    @Test
    void aModelAndItsTrainingSettingsGiveTheirWeighting() {
        ModelConfig model = ModelConfig.mlp(2, List.of(4)).withBeta(3f).withObjective(Objective.RECON_ONLY);
        TrainingConfig training = new TrainingConfig(5, 64, 1e-3f, 1, 0, WARMUP);
        assertEquals(new KlWeighting(WARMUP, 3, Objective.RECON_ONLY, 5), KlWeighting.of(model, training));
    }
}
