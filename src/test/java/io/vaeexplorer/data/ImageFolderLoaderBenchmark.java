package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a folder of pictures against Pillow and numpy doing the same work ({@code bench/load_ref.py}), in
 * alternating runs, and the cached second open of the same folder.
 *
 * <p>The folder comes from {@code -Dpictures.dir} (default {@code /tmp/shapes32}, written by
 * {@code /usr/bin/python3 bench/make_pictures.py --out /tmp/shapes32 --count 50000 --size 32}); the benchmark is
 * skipped when it is missing. {@code -Dpictures.pairs=N} sets the number of pairs (default 3),
 * {@code -Dpictures.workers=1,2} the reference's process counts (one reference run of each per pair),
 * {@code -Dpictures.python=...} the interpreter.
 */
class ImageFolderLoaderBenchmark {

    private static final Path DIR = Path.of(System.getProperty("pictures.dir", "/tmp/shapes32"));
    private static final int PAIRS = Integer.getInteger("pictures.pairs", 3);
    private static final String PYTHON = System.getProperty("pictures.python", "/usr/bin/python3");
    private static final List<Integer> WORKERS = Stream.of(System.getProperty("pictures.workers", "1,2").split(","))
            .map(String::trim).map(Integer::parseInt).toList();

    @TempDir
    Path cacheRoot;

    @Test
    void loadsAtLeastAsFastAsPillowAndOpensFromTheCacheQuickly() throws Exception {
        assumeTrue(Files.isDirectory(DIR), DIR + " is missing: make it with bench/make_pictures.py");
        System.out.printf(Locale.ROOT, "pictures: %s; %s%n", DIR, uptime());
        ImageFolderOptions options = ImageFolderOptions.defaults();
        // pair 1 is this JVM's first load, as when the app opens a folder: code not yet compiled
        List<Double> ratios = new ArrayList<>();
        for (int pair = 1; pair <= PAIRS; pair++) {
            long start = System.nanoTime();
            Dataset data = ImageFolderLoader.load(DIR, options, LoadProgress.NONE).dataset();
            double ours = (System.nanoTime() - start) / 1e9;
            for (int workers : WORKERS) {
                JsonObject theirs = reference(data.rows(), workers);
                assertEquals(data.train().count(), theirs.get("train").getAsInt(), "the same pictures on both sides");
                assertEquals(data.channels(), theirs.get("channels").getAsInt());
                CRC32 crc = new CRC32();
                crc.update(data.train().levels());
                String same = crc.getValue() == theirs.get("train_crc32").getAsLong() ? "the same levels"
                        : "other levels (resampling rounds differently)";
                double seconds = theirs.get("seconds").getAsDouble();
                double ratio = ours / seconds;
                if (workers == WORKERS.get(0)) {
                    ratios.add(ratio);
                }
                System.out.printf(Locale.ROOT, "pair %d: ours %.2f s, Pillow (%d process%s) %.2f s, ratio %.2fx, %s;"
                        + " %s%n", pair, ours, workers, workers == 1 ? "" : "es", seconds, ratio, same, uptime());
            }
        }

        ImageFolderOptions cached = options.withCacheDir(cacheRoot);
        long start = System.nanoTime();
        LoadedDataset first = ImageFolderLoader.load(DIR, cached, LoadProgress.NONE);
        double firstOpen = (System.nanoTime() - start) / 1e9;
        List<Double> opens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            start = System.nanoTime();
            LoadedDataset again = ImageFolderLoader.load(DIR, cached, LoadProgress.NONE);
            opens.add((System.nanoTime() - start) / 1e9);
            assertTrue(again.report().fromCache());
            assertEquals(first.dataset().train().count(), again.dataset().train().count());
        }
        System.out.printf(Locale.ROOT, "first open with the cache %.2f s; cached opens %s s; %s%n", firstOpen,
                opens.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(), uptime());
        // loose: a shared machine is several times slower than a quiet one
        assertTrue(ratios.stream().min(Comparator.naturalOrder()).orElseThrow() < 3, "ratios " + ratios);
        assertTrue(opens.stream().min(Comparator.naturalOrder()).orElseThrow() < 10, "cached opens " + opens);
    }

    private static JsonObject reference(int size, int workers) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "bench/load_ref.py", "--data", DIR.toString(), "--size",
                String.valueOf(size), "--workers", String.valueOf(workers), "--json")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), "bench/load_ref.py failed: " + out);
        return JsonParser.parseString(out.substring(out.lastIndexOf('\n') + 1)).getAsJsonObject();
    }

    private static String uptime() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + load[0] + ", " + load[1] + ", " + load[2];
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }
}
