package io.vaeexplorer.core;

/**
 * The weight the KL term gets at each point of a run, and the capacity it is held to under the capacity schedule:
 * the one rule that the trainer optimises and that the loss chart, the metrics log and {@code train --json} report.
 * The weight is the schedule's value (rising to beta) times what the objective makes of the KL term: 1 for the ELBO
 * and for KL only, 0 for reconstruction only, which has no KL term and so no capacity either.
 *
 * @param schedule how the weight moves during the run
 * @param beta the weight the schedule rises to
 * @param objective which terms of the -ELBO are optimised
 * @param runEpochs the epochs the run was set to train (the cyclic schedule splits them into cycles)
 */
public record KlWeighting(KlSchedule schedule, double beta, Objective objective, int runEpochs) {

    /** What {@link #capacityAt} gives where the KL term has no capacity. */
    public static final double NO_CAPACITY = -1;

    public KlWeighting {
        if (schedule == null) {
            schedule = KlSchedule.CONSTANT;
        }
        if (objective == null) {
            objective = Objective.ELBO;
        }
    }

    /** The weighting of a run of {@code model} with {@code training}'s schedule and epochs. */
    public static KlWeighting of(ModelConfig model, TrainingConfig training) {
        return new KlWeighting(training.klSchedule(), model.beta(), model.objective(), training.epochs());
    }

    /** The weighting of the run that last wrote {@code checkpoint}. */
    public static KlWeighting of(Checkpoint checkpoint) {
        return of(checkpoint.config(), checkpoint.training());
    }

    /** The KL term's weight after {@code epochsDone} epochs (fractional) of the run. */
    public double weightAt(double epochsDone) {
        return objective == Objective.RECON_ONLY ? 0 : schedule.klWeight(beta, epochsDone, runEpochs);
    }

    /** Whether the KL term is held to a capacity: the capacity schedule with a KL term to hold. */
    public boolean hasCapacity() {
        return schedule.kind() == KlSchedule.Kind.CAPACITY && objective != Objective.RECON_ONLY;
    }

    /** The capacity in nats per image after {@code epochsDone} epochs, or {@link #NO_CAPACITY}. */
    public double capacityAt(double epochsDone) {
        return hasCapacity() ? schedule.capacity(epochsDone) : NO_CAPACITY;
    }

    /** Whether the weight or the capacity moves during the run. */
    public boolean varies() {
        return schedule.kind() != KlSchedule.Kind.CONSTANT && objective != Objective.RECON_ONLY;
    }

    /**
     * The run's epoch (0-based) that a history's epoch {@code index} (0-based) is, when the history's last
     * {@link #runEpochs} epochs (or all of them, if fewer) are the run's; negative for an epoch trained before it.
     */
    public int epochOfRun(int index, int historyEpochs) {
        return index - Math.max(0, historyEpochs - runEpochs);
    }

    /**
     * The weight at the middle of a history's epoch {@code index} (see {@link #epochOfRun}): the mean over its steps,
     * as the schedules are linear within an epoch but at their corners. NaN for an epoch trained before the run.
     */
    public double weightInEpoch(int index, int historyEpochs) {
        int epoch = epochOfRun(index, historyEpochs);
        return epoch < 0 ? Double.NaN : weightAt(epoch + 0.5);
    }

    /** The capacity at the middle of a history's epoch, as {@link #weightInEpoch}; NaN before the run. */
    public double capacityInEpoch(int index, int historyEpochs) {
        int epoch = epochOfRun(index, historyEpochs);
        return epoch < 0 ? Double.NaN : capacityAt(epoch + 0.5);
    }
}
