package io.vaeexplorer.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time per Java thread (and the whole process) over an interval, for the benchmarks: which threads take
 * the cores from training. Native OpenMP workers are not Java threads; they show in "process - java".
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> startNanos = new HashMap<>();
    private final long startProcessNanos;
    private final long startWall = System.nanoTime();

    private ThreadCpu() {
        for (long id : THREADS.getAllThreadIds()) {
            startNanos.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        startProcessNanos = processCpuNanos();
    }

    public static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** The top {@code limit} threads by CPU ms since start, with the process total and the wall time. */
    String report(int limit) {
        double wallMs = (System.nanoTime() - startWall) / 1e6;
        Map<String, Double> byName = new HashMap<>();
        double javaMs = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long now = THREADS.getThreadCpuTime(id);
            ThreadInfo info = THREADS.getThreadInfo(id);
            if (now < 0 || info == null) {
                continue;
            }
            double ms = (now - startNanos.getOrDefault(id, 0L)) / 1e6;
            javaMs += ms;
            byName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), ms, Double::sum);
        }
        double processMs = (processCpuNanos() - startProcessNanos) / 1e6;
        String top = byName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit)
                .map(e -> String.format(Locale.ROOT, "%s=%.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "wall %.0f ms, process %.0f ms, native-only %.0f ms | %s", wallMs,
                processMs, processMs - javaMs, top);
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}
