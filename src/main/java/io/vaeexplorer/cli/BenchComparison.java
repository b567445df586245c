package io.vaeexplorer.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Ratios of our bench against the reference's steady epoch times (the median of epochs 2..N on each side), pair by
 * pair and best against best (whole-process timings on these machines are bimodal, so one pair proves little; the
 * best of several is the steadier figure).
 */
final class BenchComparison {

    private BenchComparison() {
    }

    static JsonLine compare(List<JsonLine> ours, List<ReferenceRun.Result> theirs) {
        List<Double> pairRatios = new ArrayList<>();
        double bestOurs = Double.MAX_VALUE;
        double bestTheirs = Double.MAX_VALUE;
        for (int i = 0; i < theirs.size(); i++) {
            double mine = ours.get(i).number("steady_epoch_seconds_median");
            pairRatios.add(Results.round(mine / theirs.get(i).steadyEpochSecondsMedian()));
            bestOurs = Math.min(bestOurs, mine);
            bestTheirs = Math.min(bestTheirs, theirs.get(i).steadyEpochSecondsMedian());
        }
        ReferenceRun.Result last = theirs.get(theirs.size() - 1);
        JsonLine line = ours.get(ours.size() - 1);
        return new JsonLine()
                .put("epoch_seconds_median", theirs.stream().map(r -> Results.round(r.epochSecondsMedian())).toList())
                .put("steady_epoch_seconds_median", theirs.stream()
                        .map(r -> Results.round(r.steadyEpochSecondsMedian())).toList())
                .put("epoch_ratio_per_pair", pairRatios)
                .put("epoch_ratio_best", Results.round(bestOurs / bestTheirs))
                .put("test_neg_elbo", Results.round(last.testNegElbo()))
                .put("decode_1_us", Results.round(last.decode1Micros()))
                .put("decode_1_ratio", Results.round(line.number("decode_1_us") / last.decode1Micros()))
                .put("decode_100_us", Results.round(last.decode100Micros()))
                .put("decode_100_ratio", Results.round(line.number("decode_100_us") / last.decode100Micros()))
                .put("encode_test_ms", Results.round(last.encodeTestMillis()))
                .put("encode_ratio", Results.round(line.number("encode_test_ms") / last.encodeTestMillis()))
                .put("peak_rss_mb", theirs.stream().map(r -> Results.round(r.peakResidentMb())).toList())
                .put("peak_rss_ratio", Results.round(peakRatio(line.number("peak_rss_mb"), highestPeak(theirs))));
    }

    /**
     * Our process's peak (every round of the bench is in it, so its high-water mark covers them all) against the
     * highest of the twin's runs.
     */
    static double peakRatio(double oursMb, double theirsMb) {
        return oursMb > 0 && theirsMb > 0 ? oursMb / theirsMb : Double.NaN;
    }

    private static double highestPeak(List<ReferenceRun.Result> theirs) {
        return theirs.stream().mapToDouble(ReferenceRun.Result::peakResidentMb).max().orElse(Double.NaN);
    }

    static void print(List<JsonLine> ours, List<ReferenceRun.Result> theirs, PrintStream out) {
        for (int i = 0; i < theirs.size(); i++) {
            double mine = ours.get(i).number("steady_epoch_seconds_median");
            double reference = theirs.get(i).steadyEpochSecondsMedian();
            out.printf("pair %d: steady epoch %.3f s (ours) vs %.3f s (reference) = %.2fx%n", i + 1, mine, reference,
                    mine / reference);
        }
        double oursPeak = ours.get(ours.size() - 1).number("peak_rss_mb");
        double theirPeak = highestPeak(theirs);
        out.printf("peak resident memory: %.0f MB (ours) vs %.0f MB (reference) = %.2fx%n", oursPeak, theirPeak,
                peakRatio(oursPeak, theirPeak));
    }
}
