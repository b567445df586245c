package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.KlWeighting;

/**
 * The KL weight (or, under the capacity schedule, the capacity) of a run at each of its optimiser steps, as the
 * trainer computes it: the run's weighting at its fractional epoch.
 *
 * @param firstStep the optimiser step the run began at
 * @param stepsPerEpoch the run's batches per epoch
 */
public record KlCurve(KlWeighting weighting, long firstStep, long stepsPerEpoch) {

    /** Whether the curve is worth drawing: a constant weight is a flat line the settings already state. */
    public boolean varies() {
        return weighting.varies();
    }

    /** What {@link #valueAt} gives: "capacity C (nats)" or "KL weight". */
    public String label() {
        return weighting.hasCapacity() ? "capacity C (nats)" : "KL weight β";
    }

    /** The KL weight, or the capacity under the capacity schedule, at optimiser step {@code step}. */
    public double valueAt(long step) {
        double epochs = (double) (step - firstStep) / Math.max(1, stepsPerEpoch);
        return weighting.hasCapacity() ? weighting.capacityAt(epochs) : weighting.weightAt(epochs);
    }

    /** The run's last step. */
    public long lastStep() {
        return firstStep + (long) weighting.runEpochs() * stepsPerEpoch;
    }
}
