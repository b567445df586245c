package io.vaeexplorer.ui.training;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Side;
import javafx.scene.chart.ValueAxis;

/**
 * The loss chart's value axis, linear or logarithmic. A run's first steps cost hundreds of nats and its later
 * progress a few: on a linear axis the start flattens the rest, on a log axis both read.
 *
 * <p>JavaFX's {@code NumberAxis} has no log mode, and plotting log10 values on it would put its evenly spaced
 * ticks at values such as 79.4 and 125.9 nats. This axis keeps the data in nats, maps them through log10 itself
 * when {@link #logScaleProperty() logScale} is on, and puts its ticks at round values in nats: 1, 2 and 5 times a
 * power of ten, every digit where the range is short, or plain even steps where even those are too few. Its range
 * fits the plotted data with a small margin and is not widened to whole ticks, so that a short plot is not half
 * empty. On a log axis values that are not positive are left out of the range and drawn at its bottom edge (the
 * chart leaves them out of its curves).
 */
final class LossAxis extends ValueAxis<Number> {

    /** Share of the data's span added above and below it, so that the curves do not run along the plot's edge. */
    private static final double MARGIN = 0.04;
    private static final int[][] LOG_MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 5}, {1, 3}, {1}};

    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false) {
        @Override
        protected void invalidated() {
            invalidateRange();
            requestAxisLayout();
        }
    };
    private double dataMin = Double.NaN;
    private double dataMax = Double.NaN;
    private double dataMinPositive = Double.NaN;

    /** The axis' bounds, in nats. */
    record Range(double lower, double upper) {
    }

    LossAxis() {
        setMinorTickVisible(false);
        setAnimated(false);
    }

    BooleanProperty logScaleProperty() {
        return logScale;
    }

    boolean isLogScale() {
        return logScale.get();
    }

    @Override
    public void invalidateRange(List<Number> data) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double minPositive = Double.POSITIVE_INFINITY;
        for (Number value : data) {
            double v = value.doubleValue();
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v > 0) {
                    minPositive = Math.min(minPositive, v);
                }
            }
        }
        dataMin = min <= max ? min : Double.NaN;
        dataMax = min <= max ? max : Double.NaN;
        dataMinPositive = Double.isFinite(minPositive) ? minPositive : Double.NaN;
        super.invalidateRange(data);
    }

    @Override
    protected Object autoRange(double ignoredMin, double ignoredMax, double length, double labelSize) {
        // the data's extent kept here covers the log case, which the stock one (all values) does not
        Range fitted = isLogScale() ? fitLog(dataMinPositive, dataMax) : fitLinear(dataMin, dataMax);
        return fitted != null ? fitted : getRange();
    }

    /** The range over {@code [min, max]} with margins; null when there is no data. */
    static Range fitLinear(double min, double max) {
        if (Double.isNaN(min)) {
            return null;
        }
        double pad = max > min ? (max - min) * MARGIN : Math.max(Math.abs(max) * 0.05, 1e-3);
        double lower = min - pad;
        if (min >= 0 && lower < 0) {
            lower = 0; // losses are not negative: no tick below zero for a margin
        }
        return new Range(lower, max + pad);
    }

    /** The log range over the positive data {@code [minPositive, max]} with margins; null when there is none. */
    static Range fitLog(double minPositive, double max) {
        if (Double.isNaN(minPositive) || !(max > 0)) {
            return null;
        }
        double low = Math.log10(minPositive);
        double high = Math.log10(max);
        double pad = high > low ? (high - low) * MARGIN : 0.02;
        return new Range(Math.pow(10, low - pad), Math.pow(10, high + pad));
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        Range r = (Range) range;
        setLowerBound(r.lower());
        setUpperBound(r.upper());
        currentLowerBound.set(r.lower());
    }

    @Override
    protected Object getRange() {
        return new Range(getLowerBound(), getUpperBound());
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        Range r = (Range) range;
        // a label per two label heights, as NumberAxis estimates them; at least two and at most ten
        int maxTicks = (int) Math.max(2, Math.min(10, length / (getTickLabelFont().getSize() * 2)));
        List<Double> ticks = isLogScale() && r.lower() > 0 ? logTicks(r.lower(), r.upper(), maxTicks)
                : linearTicks(r.lower(), r.upper(), maxTicks);
        return new ArrayList<>(ticks);
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        return formatTick(value.doubleValue());
    }

    /**
     * Round values in {@code [lower, upper]} at most {@code maxTicks} of them and at least two: multiples of 1, 2 or
     * 5 times a power of ten.
     */
    static List<Double> linearTicks(double lower, double upper, int maxTicks) {
        if (!(upper > lower)) {
            return List.of(lower);
        }
        double unit = niceStepAtLeast((upper - lower) / maxTicks);
        while (true) {
            List<Double> ticks = new ArrayList<>();
            for (long k = (long) Math.ceil(lower / unit - 1e-9); k * unit <= upper + unit * 1e-9; k++) {
                ticks.add(roundToUnit(k, unit));
            }
            if (ticks.size() >= 2 || unit < (upper - lower) * 1e-6) {
                return ticks;
            }
            unit = niceStepBelow(unit);
        }
    }

    /**
     * Round values in {@code [lower, upper]} (lower positive) for a log axis: the densest of every digit, 1-2-5,
     * 1-3 and 1 times a power of ten that gives at most {@code maxTicks}; even steps where that gives fewer than
     * three and the range is short of a decade (where a log axis looks almost linear); every second, third...
     * power of ten where even those are too many.
     */
    static List<Double> logTicks(double lower, double upper, int maxTicks) {
        int firstDecade = (int) Math.floor(Math.log10(lower));
        int lastDecade = (int) Math.floor(Math.log10(upper));
        for (int[] mantissas : LOG_MANTISSAS) {
            List<Double> ticks = new ArrayList<>();
            for (int decade = firstDecade; decade <= lastDecade; decade++) {
                for (int mantissa : mantissas) {
                    double value = Double.parseDouble(mantissa + "E" + decade);
                    if (value >= lower && value <= upper) {
                        ticks.add(value);
                    }
                }
            }
            if (ticks.size() <= maxTicks) {
                boolean tooFew = ticks.size() < Math.min(3, maxTicks) && upper < 10 * lower;
                return tooFew ? linearTicks(lower, upper, maxTicks) : ticks;
            }
        }
        int every = (lastDecade - firstDecade + maxTicks) / maxTicks;
        List<Double> ticks = new ArrayList<>();
        for (int decade = firstDecade; decade <= lastDecade; decade++) {
            double value = Double.parseDouble("1E" + decade);
            if (value >= lower && Math.floorMod(decade, every) == 0) {
                ticks.add(value);
            }
        }
        return ticks;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double niceStepAtLeast(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double mantissa = raw / power;
        return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
    }

    private static double niceStepBelow(double step) {
        double power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        long mantissa = Math.round(step / power);
        return mantissa >= 5 ? 2 * power : mantissa >= 2 ? power : power / 2;
    }

    /** {@code k * unit}, as the decimal it stands for (0.1 * 3 gives 0.30000000000000004). */
    private static double roundToUnit(long k, double unit) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(unit) + 1e-9)) + 1;
        return new BigDecimal(k * unit).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** A tick value with the decimals it needs and no more: 200, 0.5, 0.02. */
    static String formatTick(double value) {
        for (int decimals = 0; decimals < 10; decimals++) {
            double scaled = value * Math.pow(10, decimals);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled))) {
                return String.format(Locale.ROOT, "%." + decimals + "f", value);
            }
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private boolean vertical() {
        Side side = getSide();
        return side == null || side.isVertical();
    }

    /** Where {@code value} sits between the bounds, 0 at the lower and 1 at the upper, on this axis' scale. */
    private double fraction(double value) {
        double lower = getLowerBound();
        double upper = getUpperBound();
        if (isLogScale()) {
            double high = Math.log10(Math.max(upper, Double.MIN_NORMAL));
            double low = lower > 0 ? Math.log10(lower) : high - 1; // bounds of a linear range not yet re-fitted
            double v = value > 0 ? Math.log10(value) : low;
            return high > low ? (v - low) / (high - low) : 0.5;
        }
        return upper > lower ? (value - lower) / (upper - lower) : 0.5;
    }

    @Override
    public double getDisplayPosition(Number value) {
        double t = fraction(value.doubleValue());
        return vertical() ? (1 - t) * getHeight() : t * getWidth();
    }

    @Override
    public Number getValueForDisplay(double displayPosition) {
        double t = vertical() ? 1 - displayPosition / getHeight() : displayPosition / getWidth();
        double lower = getLowerBound();
        double upper = getUpperBound();
        if (isLogScale() && lower > 0 && upper > 0) {
            return Math.pow(10, Math.log10(lower) + t * (Math.log10(upper) - Math.log10(lower)));
        }
        return lower + t * (upper - lower);
    }

    @Override
    public double getZeroPosition() {
        if (isLogScale() || 0 < getLowerBound() || 0 > getUpperBound()) {
            return Double.NaN;
        }
        return getDisplayPosition(0.0);
    }

    @Override
    public boolean isValueOnAxis(Number value) {
        double v = value.doubleValue();
        return v >= getLowerBound() && v <= getUpperBound() && (!isLogScale() || v > 0);
    }
}
