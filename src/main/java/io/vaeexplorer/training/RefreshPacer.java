package io.vaeexplorer.training;

/**
 * Decides when a training run next refreshes something for the views between its steps (a weight copy, or the
 * codes of the test set). A fixed interval cannot fit every model: long enough for a slow encode, it leaves a fast
 * model's whole epoch unseen; short enough for that epoch, it lets a large model's encode take more time than its
 * training. So each refresh's measured cost sets the gap to the next one: at least cost / share, which keeps the
 * refreshes to that share of the run's time whatever the model, and at least a floor.
 *
 * <p>A run a person watches changes most in its first seconds, so it may warm up: for a short while from its
 * start, the floor is divided and the share multiplied by a speed-up. The warm-up is bounded in time, so what it
 * costs beyond the share is bounded too, and a refresh that costs more than the whole warm-up never benefits.
 *
 * <p>Pure: the caller reads the clock and passes the readings (nanoseconds, as {@link System#nanoTime()}). Not
 * thread-safe; the training thread owns its pacers.
 */
final class RefreshPacer {

    private final long floorNanos;
    private final double share;
    private final long warmUpEndsAt;
    private final int speedUp;
    private long costNanos;
    private long dueAt;
    private boolean refreshedOnce;

    private RefreshPacer(long floorNanos, double share, long warmUpEndsAt, int speedUp) {
        if (floorNanos <= 0) {
            throw new IllegalArgumentException("the floor must be positive, got " + floorNanos);
        }
        if (speedUp < 1 || !(share > 0 && share * speedUp < 1)) {
            throw new IllegalArgumentException("the share of the run's time must be in (0, 1) even when sped up, got "
                    + share + " times " + speedUp);
        }
        this.floorNanos = floorNanos;
        this.share = share;
        this.warmUpEndsAt = warmUpEndsAt;
        this.speedUp = speedUp;
    }

    /** Refreshes at least {@code floorNanos} apart and at most {@code share} of the time, from the first one on. */
    static RefreshPacer steady(long floorNanos, double share) {
        return new RefreshPacer(floorNanos, share, 0, 1);
    }

    /**
     * As {@link #steady}, but for {@code warmUpNanos} from {@code start} the floor is divided and the share
     * multiplied by {@code speedUp}.
     */
    static RefreshPacer warmingUp(long floorNanos, double share, long start, long warmUpNanos, int speedUp) {
        return new RefreshPacer(floorNanos, share, start + warmUpNanos, speedUp);
    }

    /** Whether a refresh is due at {@code now}; always before the first one. */
    boolean isDue(long now) {
        return !refreshedOnce || now - dueAt >= 0;
    }

    /** A refresh ran from {@code started} to {@code ended}: its cost is measured and the next one scheduled. */
    void refreshed(long started, long ended) {
        costNanos = Math.max(0, ended - started);
        schedule(ended);
    }

    /**
     * A refresh came at {@code now} with work that ran anyway (the codes of an epoch's evaluation): the next one
     * is scheduled from it, with the cost last measured.
     */
    void refreshedAlongside(long now) {
        schedule(now);
    }

    /** The gap a refresh at {@code now} would leave before the next one. */
    long gapNanos(long now) {
        int factor = now - warmUpEndsAt < 0 ? speedUp : 1;
        return Math.max(floorNanos / factor, (long) Math.ceil(costNanos / (share * factor)));
    }

    private void schedule(long now) {
        dueAt = now + gapNanos(now);
        refreshedOnce = true;
    }
}
