package io.vaeexplorer.ui.training;

/**
 * The loss chart's smoothing: an exponential moving average as TensorBoard draws it, debiased so that the curve
 * starts at the first value instead of rising from zero. Per-step losses of a minibatch are noisy; smoothing
 * shows the trend, and the weight is the user's choice (0 draws the raw values).
 *
 * <p>A non-finite value (a diverging run) is passed through as it is and leaves the average untouched, so one
 * NaN does not poison the rest of the curve.
 */
final class LossSmoothing {

    /** The largest weight the chart offers: higher ones lag behind the run by hundreds of steps. */
    static final double MAX_WEIGHT = 0.99;

    private final double weight;
    private double accumulated;
    /** weight to the power of the number of finite values so far: the share of the zero the average started at */
    private double startShare = 1;

    /** @param weight how much of the previous average each step keeps, 0 (raw) to {@link #MAX_WEIGHT} */
    LossSmoothing(double weight) {
        if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException("smoothing weight " + weight + " is outside 0.." + MAX_WEIGHT);
        }
        this.weight = weight;
    }

    /** The smoothed value at the next step, given its raw value; values are fed in step order. */
    double next(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        accumulated = accumulated * weight + (1 - weight) * value;
        startShare *= weight;
        return accumulated / (1 - startShare);
    }

    /** The smoothed curve of {@code values}; a pure function of its arguments. */
    static double[] smooth(double[] values, double weight) {
        LossSmoothing ema = new LossSmoothing(weight);
        double[] smoothed = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            smoothed[i] = ema.next(values[i]);
        }
        return smoothed;
    }
}
