package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.ui.training.LossHistory.StepPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the loss chart draws for one state of the history and of its controls: the part of the run shown, the
 * smoothed and raw step curves decimated to at most {@link #MAX_POINTS} samples each, and the epochs in that part.
 * A pure function of its inputs, so that smoothing, the recent window and decimation are tested without a window;
 * the view only copies the result into its series.
 *
 * <p>The smoothing runs over every step of the run, also those before the window, so that a curve shown from the
 * middle of the run starts where the whole-run curve is there. Samples are the steps at multiples of a power-of-two
 * stride (and the newest step), so that the samples already drawn stay the same while the run grows and a new
 * update only appends: the stride doubles when the samples would pass the limit.
 */
final class LossCurves {

    /**
     * Samples per curve at most: with a faint raw curve behind each smoothed one the chart draws as many points as
     * three curves of twice as many, and a few hundred points across a plot of a thousand pixels read as smooth.
     */
    static final int MAX_POINTS = 500;

    /** The three loss parts of a step. */
    enum Part {
        TOTAL(StepPoint::total), RECONSTRUCTION(StepPoint::reconstruction), KL(StepPoint::kl);

        private final ToDoubleFunction<StepPoint> value;

        Part(ToDoubleFunction<StepPoint> value) {
            this.value = value;
        }

        double of(StepPoint point) {
            return value.applyAsDouble(point);
        }
    }

    /** Points to plot: steps and values of equal length. */
    record Curve(long[] steps, double[] values) {
        int size() {
            return steps.length;
        }
    }

    private static final LossCurves EMPTY = new LossCurves(new long[0], new double[3][0], new double[3][0],
            List.of(), List.of(), 0, 0, 0);

    private final long[] sampleSteps;
    private final double[][] smoothed; // [part][sample]
    private final double[][] raw; // [part][sample]
    private final List<EpochRecord> shownEpochs;
    private final List<EpochRecord> allEpochs;
    private final long firstStep;
    private final long newestStep;
    private final long stride;

    private LossCurves(long[] sampleSteps, double[][] smoothed, double[][] raw, List<EpochRecord> shownEpochs,
                       List<EpochRecord> allEpochs, long firstStep, long newestStep, long stride) {
        this.sampleSteps = sampleSteps;
        this.smoothed = smoothed;
        this.raw = raw;
        this.shownEpochs = shownEpochs;
        this.allEpochs = allEpochs;
        this.firstStep = firstStep;
        this.newestStep = newestStep;
        this.stride = stride;
    }

    /**
     * @param steps every step of the run, in step order
     * @param epochs the run's epochs, in step order
     * @param recentSteps how many of the newest steps to show; 0 for the whole run
     * @param smoothing the weight of {@link LossSmoothing}
     */
    static LossCurves of(List<StepPoint> steps, List<EpochRecord> epochs, long recentSteps, double smoothing) {
        if (recentSteps < 0) {
            throw new IllegalArgumentException("recentSteps " + recentSteps);
        }
        if (steps.isEmpty() && epochs.isEmpty()) {
            return EMPTY;
        }
        long newest = Math.max(steps.isEmpty() ? Long.MIN_VALUE : steps.get(steps.size() - 1).step(),
                epochs.isEmpty() ? Long.MIN_VALUE : epochs.get(epochs.size() - 1).step());
        long from = recentSteps == 0 ? Long.MIN_VALUE : newest - recentSteps + 1;

        int start = firstAtOrAfter(steps, from);
        int count = steps.size() - start;
        long stride = 1;
        while ((count + stride - 1) / stride + 1 > MAX_POINTS) {
            stride *= 2;
        }
        int[] picked = new int[(int) Math.min(count, count / stride + 2)];
        int n = 0;
        for (int i = start; i < steps.size(); i++) {
            if (Math.floorMod(steps.get(i).step(), stride) == 0 || i == steps.size() - 1) {
                if (n == picked.length) { // only where steps repeat
                    picked = Arrays.copyOf(picked, 2 * n + 1);
                }
                picked[n++] = i;
            }
        }
        long[] sampleSteps = new long[n];
        double[][] smoothed = new double[3][n];
        double[][] raw = new double[3][n];
        LossSmoothing[] ema = new LossSmoothing[3];
        for (Part part : Part.values()) {
            ema[part.ordinal()] = new LossSmoothing(smoothing);
        }
        int next = 0;
        // the averages run over the steps before the window too; only the picked steps are kept
        int end = n == 0 ? 0 : picked[n - 1] + 1;
        for (int i = 0; i < end; i++) {
            StepPoint point = steps.get(i);
            boolean keep = next < n && picked[next] == i;
            for (Part part : Part.values()) {
                double value = part.of(point);
                double average = ema[part.ordinal()].next(value);
                if (keep) {
                    smoothed[part.ordinal()][next] = average;
                    raw[part.ordinal()][next] = value;
                }
            }
            if (keep) {
                sampleSteps[next++] = point.step();
            }
        }

        List<EpochRecord> shownEpochs = new ArrayList<>();
        for (EpochRecord epoch : epochs) {
            if (epoch.step() >= from) {
                shownEpochs.add(epoch);
            }
        }
        long first = Math.min(start < steps.size() ? steps.get(start).step() : Long.MAX_VALUE,
                shownEpochs.isEmpty() ? Long.MAX_VALUE : shownEpochs.get(0).step());
        return new LossCurves(sampleSteps, smoothed, raw, List.copyOf(shownEpochs), List.copyOf(epochs), first,
                newest, stride);
    }

    /** Index of the first step at or after {@code from}. */
    private static int firstAtOrAfter(List<StepPoint> steps, long from) {
        int low = 0;
        int high = steps.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (steps.get(mid).step() < from) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    boolean isEmpty() {
        return sampleSteps.length == 0 && shownEpochs.isEmpty();
    }

    /** The first step shown (a step or an epoch). */
    long firstStep() {
        return firstStep;
    }

    /** The newest step of the run (a step or an epoch); the shown part ends there. */
    long newestStep() {
        return newestStep;
    }

    /** Distance between samples, in steps. */
    long stride() {
        return stride;
    }

    int sampleCount() {
        return sampleSteps.length;
    }

    long sampleStep(int sample) {
        return sampleSteps[sample];
    }

    double smoothed(Part part, int sample) {
        return smoothed[part.ordinal()][sample];
    }

    double raw(Part part, int sample) {
        return raw[part.ordinal()][sample];
    }

    /** The epochs in the shown part. */
    List<EpochRecord> shownEpochs() {
        return shownEpochs;
    }

    /**
     * A step curve as it can be plotted: without non-finite values, and on a log axis ({@code positiveOnly})
     * without values that are not positive.
     */
    Curve stepCurve(Part part, boolean smoothedValues, boolean positiveOnly) {
        return plottable(sampleSteps, smoothedValues ? smoothed[part.ordinal()] : raw[part.ordinal()],
                positiveOnly);
    }

    /** The shown epochs' train or test -ELBO, plottable as in {@link #stepCurve}. */
    Curve epochCurve(boolean test, boolean positiveOnly) {
        long[] steps = new long[shownEpochs.size()];
        double[] values = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            EpochRecord epoch = shownEpochs.get(i);
            steps[i] = epoch.step();
            values[i] = (test ? epoch.test() : epoch.train()).negElbo();
        }
        return plottable(steps, values, positiveOnly);
    }

    private static Curve plottable(long[] steps, double[] values, boolean positiveOnly) {
        long[] keptSteps = new long[steps.length];
        double[] keptValues = new double[steps.length];
        int n = 0;
        for (int i = 0; i < steps.length; i++) {
            double v = values[i];
            if (Double.isFinite(v) && (!positiveOnly || v > 0)) {
                keptSteps[n] = steps[i];
                keptValues[n++] = v;
            }
        }
        return n == steps.length ? new Curve(steps, values)
                : new Curve(Arrays.copyOf(keptSteps, n), Arrays.copyOf(keptValues, n));
    }

    /** The sample whose step is nearest to {@code step}; -1 when there are none. */
    int nearestSample(double step) {
        if (sampleSteps.length == 0) {
            return -1;
        }
        int index = Arrays.binarySearch(sampleSteps, (long) Math.ceil(step));
        int after = index >= 0 ? index : -index - 1;
        if (after == 0) {
            return 0;
        }
        if (after == sampleSteps.length) {
            return after - 1;
        }
        return step - sampleSteps[after - 1] <= sampleSteps[after] - step ? after - 1 : after;
    }

    /** The shown epoch whose step is nearest to {@code step}; null when none is shown. */
    EpochRecord nearestEpoch(double step) {
        EpochRecord nearest = null;
        for (EpochRecord epoch : shownEpochs) {
            if (nearest == null || Math.abs(epoch.step() - step) < Math.abs(nearest.step() - step)) {
                nearest = epoch;
            }
        }
        return nearest;
    }

    /** The epoch a step was taken in (see {@link #epochOf(long, List)}), from the run's epochs. */
    int epochOf(long step) {
        return epochOf(step, allEpochs);
    }

    /**
     * The epoch a step of the run was taken in: the first epoch that ended at or after it, or the one after the
     * last that ended (the epoch in progress); 0 when no epoch of the run has ended, as the epoch a run starts at
     * is not in the history.
     */
    static int epochOf(long step, List<EpochRecord> epochs) {
        if (epochs.isEmpty()) {
            return 0;
        }
        for (EpochRecord epoch : epochs) {
            if (epoch.step() >= step) {
                return epoch.epoch();
            }
        }
        return epochs.get(epochs.size() - 1).epoch() + 1;
    }
}
