package io.vaeexplorer.ui;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Run time and run-queue wait of every thread of this process, native ones included (OpenMP workers, the JIT),
 * from {@code /proc/self/task/N/schedstat} (nanoseconds). A diagnostic for the soak: when the FX thread stalls,
 * the difference of two readings says who had the cores and who waited for one.
 */
public final class TaskSchedStats {

    private static final Map<String, String> NAMES = new HashMap<>();

    final long nanoTime;
    /** "tid name" to {run ns, wait ns}. */
    final Map<String, long[]> byTask;

    private TaskSchedStats(long nanoTime, Map<String, long[]> byTask) {
        this.nanoTime = nanoTime;
        this.byTask = byTask;
    }

    public static TaskSchedStats read() {
        Map<String, long[]> tasks = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : dir) {
                try {
                    String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    String tid = task.getFileName().toString();
                    String name = NAMES.computeIfAbsent(tid, t -> {
                        try {
                            return t + " " + Files.readString(task.resolve("comm")).trim();
                        } catch (IOException e) {
                            return t;
                        }
                    });
                    tasks.put(name + " nice " + nice(task), new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return new TaskSchedStats(System.nanoTime(), Map.of());
        }
        return new TaskSchedStats(System.nanoTime(), tasks);
    }

    /** Field 19 of the thread's stat line (after the parenthesised name, which may hold spaces). */
    private static String nice(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return fields[16];
    }

    /** The threads that ran most between {@code earlier} and this reading, and how long each waited for a core. */
    String since(TaskSchedStats earlier, int limit) {
        return String.format(Locale.ROOT, "over %.0f ms: ", (nanoTime - earlier.nanoTime) / 1e6)
                + byTask.entrySet().stream()
                .map(e -> {
                    long[] before = earlier.byTask.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - before[0], e.getValue()[1] - before[1]});
                })
                .filter(e -> e.getValue()[0] > 0 || e.getValue()[1] > 1_000_000)
                .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .limit(limit)
                .map(e -> String.format(Locale.ROOT, "%s run %.0f wait %.0f", e.getKey(), e.getValue()[0] / 1e6,
                        e.getValue()[1] / 1e6))
                .collect(Collectors.joining(", "));
    }
}
