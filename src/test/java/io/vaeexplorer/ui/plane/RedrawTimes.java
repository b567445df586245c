package io.vaeexplorer.ui.plane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts the plane's redraws and keeps how long the last ones took, for tests and benchmarks. Written on the FX
 * thread, read from the test thread.
 */
public final class RedrawTimes implements RedrawProbe {

    private static final int KEPT = 512;

    private final ArrayDeque<Double> millis = new ArrayDeque<>();
    private long count;
    private long lastNanos;

    @Override
    public synchronized void redrawn(long nanos) {
        lastNanos = nanos;
        count++;
        if (millis.size() == KEPT) {
            millis.removeFirst();
        }
        millis.addLast(nanos / 1e6);
    }

    /** Redraws done since the probe was set. */
    public synchronized long count() {
        return count;
    }

    /** Duration of the last redraw, milliseconds. */
    public synchronized double lastMillis() {
        return lastNanos / 1e6;
    }

    /** Durations of the last redraws (at most 512), oldest first, milliseconds. */
    public synchronized List<Double> millis() {
        return List.copyOf(millis);
    }

    /** The p-th percentile (0..100, nearest rank) of some values; NaN for none. */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(Math.max(0, Math.min(100, p)) / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
