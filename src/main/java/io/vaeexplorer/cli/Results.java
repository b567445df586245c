package io.vaeexplorer.cli;

import io.vaeexplorer.model.LossParts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small helpers shared by the commands' result lines. */
final class Results {

    private Results() {
    }

    /** test_neg_elbo, test_recon and test_kl in nats per test image (null when nothing was measured). */
    static JsonLine lossFields(JsonLine line, LossParts test) {
        return line.put("test_neg_elbo", test == null ? null : round(test.negElbo()))
                .put("test_recon", test == null ? null : round(test.reconstruction()))
                .put("test_kl", test == null ? null : round(test.kl()));
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

    static double percentile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double position = q / 100 * (sorted.size() - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (position - low);
    }

    /** Four significant decimals: enough for nats, short in a JSON line. */
    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
