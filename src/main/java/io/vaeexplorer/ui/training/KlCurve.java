package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.KlSchedule.Kind;
import io.vaeexplorer.core.Objective;

/**
 * The KL weight (or, for the capacity objective, the capacity) of a run at each of its optimiser steps, as the
 * trainer computes it: the schedule at the run's fractional epoch.
 *
 * @param firstStep the optimiser step the run began at
 * @param stepsPerEpoch the run's batches per epoch
 */
public record KlCurve(KlSchedule schedule, float beta, Objective objective, int runEpochs, long firstStep,
        long stepsPerEpoch) {

    /** Whether the curve is worth drawing: a constant weight is a flat line the settings already state. */
    public boolean varies() {
        return schedule.kind() != Kind.CONSTANT && objective != Objective.RECON_ONLY;
    }

    /** What {@link #valueAt} gives: "capacity C (nats)" or "KL weight". */
    public String label() {
        return schedule.kind() == Kind.CAPACITY ? "capacity C (nats)" : "KL weight β";
    }

    /** The KL weight, or the capacity for the capacity objective, at optimiser step {@code step}. */
    public double valueAt(long step) {
        double epochs = (double) (step - firstStep) / Math.max(1, stepsPerEpoch);
        return schedule.kind() == Kind.CAPACITY ? schedule.capacity(epochs)
                : objective.klWeight((float) schedule.klWeight(beta, epochs, runEpochs));
    }

    /** The run's last step. */
    public long lastStep() {
        return firstStep + (long) runEpochs * stepsPerEpoch;
    }
}
