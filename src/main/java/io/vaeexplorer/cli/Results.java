package io.vaeexplorer.cli;

import io.vaeexplorer.core.LossParts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Small helpers shared by the commands' result lines. */
final class Results {

    private Results() {
    }

    /**
     * test_neg_elbo, test_recon and test_kl in nats per test image; each null with a reason when it is not finite,
     * or with {@code whyNone} when nothing was measured ({@code test} null).
     */
    static JsonLine lossFields(JsonLine line, LossParts test, String whyNone) {
        if (test == null) {
            return line.missing("test_neg_elbo", whyNone).missing("test_recon", whyNone).missing("test_kl", whyNone);
        }
        testLoss(line, "test_neg_elbo", test.negElbo());
        testLoss(line, "test_recon", test.reconstruction());
        return testLoss(line, "test_kl", test.kl());
    }

    private static JsonLine testLoss(JsonLine line, String key, double value) {
        return line.putNumber(key, round(value), "the test loss is " + JsonLine.describe(value));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The median of epochs 2..N, or the only epoch's value: the first epoch carries libtorch's warm-up, which can
     * make a conv model's first epoch much slower than the next.
     */
    static double steadyMedian(List<Double> epochValues) {
        return median(epochValues.size() > 1 ? epochValues.subList(1, epochValues.size()) : epochValues);
    }

    static double percentile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double position = q / 100 * (sorted.size() - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (position - low);
    }

    /**
     * Four decimals: enough for nats, short in a JSON line. NaN and the infinities come back as they are, so that
     * the line reports them as missing rather than as a number; so do values too large for four decimals to matter.
     */
    static double round(double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e14) {
            return value;
        }
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** The nearest whole number, for counts and rates; NaN and the infinities come back as they are. */
    static Number whole(double value) {
        return Double.isFinite(value) && Math.abs(value) < 1e18 ? (Number) Math.round(value) : (Number) value;
    }

    /** Every value {@link #round}ed, as a list a JSON line writes as an array. */
    static List<Double> rounded(double[] values) {
        return Arrays.stream(values).map(Results::round).boxed().toList();
    }

    /** The values to two decimals, as "[a, b, ...]", for a line a person reads. */
    static String list(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format("%.2f", v))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
