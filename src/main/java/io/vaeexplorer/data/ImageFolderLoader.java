package io.vaeexplorer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads a folder of the user's own pictures (PNG, JPEG, BMP, GIF's first frame) as a {@link Dataset}.
 *
 * <p>Classes and splits follow the folder layout described in {@link ImageFolderScan}. Without {@code train/}
 * and {@code test/} folders a seeded share of the images is held out as the test set: the images are sorted by
 * relative path and shuffled with {@code java.util.Random(seed)}, so the same folder and seed always hold out
 * the same images. Each split keeps its images in path order.
 *
 * <p>Every picture becomes an N x N square ({@link ImageDecoder}: scale the shorter side, crop the longer one
 * centrally, alpha onto black) with one grey or three colour channels, stored as 8-bit levels that a model sees
 * divided by 255. Grey levels from colour are {@code 0.299 R + 0.587 G + 0.114 B}, the ITU-R BT.601 weights that
 * PIL's {@code convert("L")} uses.
 *
 * <p>Pictures are decoded on all cores. A file that cannot be used never stops the load: it is skipped and
 * named with its reason in a log file that the {@link LoadReport} points to. The decoded set is cached when a
 * cache folder is given ({@link ImageFolderCache}); the log then lies beside the cache file, otherwise in the
 * system's temporary folder.
 */
public final class ImageFolderLoader {

    private ImageFolderLoader() {
    }

    /**
     * Loads {@code dir}.
     *
     * @param progress told of each decoded picture (see {@link LoadProgress}); once with (n, n) for a cache hit
     * @throws DataException when the folder is missing or holds no usable pictures
     */
    public static LoadedDataset load(Path dir, ImageFolderOptions options, LoadProgress progress) {
        DatasetLoader.requireFolder(dir);
        ImageFolderScan scan = ImageFolderScan.scan(dir);
        if (scan.entries.isEmpty()) {
            throw new DataException(dir + ": no pictures found (looked for PNG, JPEG, BMP and GIF files in class "
                    + "sub-folders, in train/ and test/, or directly in the folder)");
        }
        String name = DatasetLoader.folderName(dir);
        String key = ImageFolderCache.key(scan, options);
        Path cacheFile = options.cacheDir() == null ? null : ImageFolderCache.file(options.cacheDir(), key);
        if (cacheFile != null) {
            ImageFolderCache.Entry cached = ImageFolderCache.read(cacheFile, key);
            if (cached != null) {
                int total = cached.dataset().train().count() + cached.dataset().test().count();
                progress.update(total, total);
                ImageFolderCache.Counts c = cached.counts();
                return new LoadedDataset(cached.dataset(),
                        new LoadReport(dir, c.imageFiles(), c.skipped(), c.ignored(), c.log(), true, List.of()));
            }
        }

        List<ImageFolderScan.Entry> entries = scan.entries;
        String[] failures = new String[entries.size()];
        int size = options.imageSize();
        if (size == ImageFolderOptions.AUTO) {
            size = autoSize(entries, failures);
        }
        ImageDecoder.Square[] squares = decodeAll(entries, size, failures, progress);

        boolean colour = false;
        for (ImageDecoder.Square s : squares) {
            colour |= s != null && s.colour();
        }
        int channels = options.channels() != ImageFolderOptions.AUTO ? options.channels() : colour ? 3 : 1;

        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < squares.length; i++) {
            if (squares[i] != null) {
                used.add(i);
            }
        }
        int skipped = entries.size() - used.size();
        Path log = null;
        List<String> notes = new ArrayList<>();
        if (skipped > 0 || !scan.ignored.isEmpty()) {
            try {
                log = writeLog(scan, failures, options.cacheDir(), key);
            } catch (IOException e) {
                notes.add("could not write the log of skipped files (" + e.getMessage() + ")");
            }
        }
        if (used.isEmpty()) {
            throw new DataException(dir + ": none of the " + entries.size() + " picture files could be read"
                    + (log == null ? "" : " (see " + log + ")"));
        }

        List<Integer> trainIndices = new ArrayList<>();
        List<Integer> testIndices = new ArrayList<>();
        split(entries, used, options, trainIndices, testIndices);
        LabeledImages train = assemble(entries, squares, trainIndices, size, channels);
        LabeledImages test = assemble(entries, squares, testIndices, size, channels);
        Dataset dataset = new Dataset(name, train, test, scan.classNames);

        if (cacheFile != null) {
            try {
                ImageFolderCache.write(cacheFile, key, dataset,
                        new ImageFolderCache.Counts(entries.size(), skipped, scan.ignored.size(), log));
            } catch (IOException e) {
                notes.add("could not write the cache (" + e.getMessage() + ")");
            }
        }
        return new LoadedDataset(dataset,
                new LoadReport(dir, entries.size(), skipped, scan.ignored.size(), log, false, notes));
    }

    /**
     * One picture file brought to the form a loaded set's images have: an {@code size x size} square with
     * {@code channels} channels, decoded, cropped and converted exactly as {@link #load} treats each picture.
     *
     * @return {@code channels * size * size} values in [0, 1], channel-major then row-major, as
     *     {@link LabeledImages#image} gives a set's image
     * @throws DataException naming the file and why it cannot be used
     */
    public static float[] prepare(Path file, int size, int channels) {
        if (size < 1 || size > ImageFolderOptions.MAX_IMAGE_SIZE) {
            throw new IllegalArgumentException("image size " + size + " is outside 1.."
                    + ImageFolderOptions.MAX_IMAGE_SIZE);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
        }
        ImageDecoder.Square square;
        try {
            square = ImageDecoder.decode(file, size);
        } catch (ImageDecoder.Unusable e) {
            throw new DataException(file.getFileName() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new DataException(file.getFileName() + ": too large to decode in the memory available");
        }
        byte[] levels = new byte[channels * size * size];
        copyLevels(square, size * size, channels, levels, 0);
        return new LabeledImages(1, channels, size, size, levels, new byte[1]).image(0);
    }

    /** Whether {@code dir} holds any file with a picture's file name (its first one ends the search). */
    public static boolean holdsPictures(Path dir) {
        return ImageFolderScan.holdsImageFiles(dir);
    }

    /**
     * The pictures' own side when they all share one square size up to {@value ImageFolderOptions#AUTO_SIZE_LIMIT},
     * else {@value ImageFolderOptions#FALLBACK_SIZE}. Reads headers only; pictures refused there are marked failed.
     */
    private static int autoSize(List<ImageFolderScan.Entry> entries, String[] failures) {
        ImageDecoder.Size[] sizes = runAll(entries.size(), i -> {
            try {
                return ImageDecoder.readSize(entries.get(i).file());
            } catch (ImageDecoder.Unusable e) {
                failures[i] = e.getMessage();
                return null;
            }
        }, () -> { }, new ImageDecoder.Size[entries.size()]);
        int common = -1;
        for (ImageDecoder.Size s : sizes) {
            if (s == null) {
                continue;
            }
            if (s.width() != s.height() || (common != -1 && common != s.width())) {
                return ImageFolderOptions.FALLBACK_SIZE;
            }
            common = s.width();
        }
        return common > 0 && common <= ImageFolderOptions.AUTO_SIZE_LIMIT ? common : ImageFolderOptions.FALLBACK_SIZE;
    }

    private static ImageDecoder.Square[] decodeAll(List<ImageFolderScan.Entry> entries, int size, String[] failures,
            LoadProgress progress) {
        int total = entries.size();
        Object lock = new Object();
        int[] done = {0};
        return runAll(total, i -> {
            if (failures[i] != null) {
                return null;
            }
            try {
                return ImageDecoder.decode(entries.get(i).file(), size);
            } catch (ImageDecoder.Unusable e) {
                failures[i] = e.getMessage();
                return null;
            } catch (OutOfMemoryError e) {
                failures[i] = "too large to decode in the memory available";
                return null;
            }
        }, () -> {
            synchronized (lock) {
                done[0]++;
                progress.update(done[0], total);
            }
        }, new ImageDecoder.Square[total]);
    }

    private interface Task<T> {
        T run(int index);
    }

    /** Runs {@code task} for 0..n-1 on a pool of one thread per core; {@code after} runs after each. */
    private static <T> T[] runAll(int n, Task<T> task, Runnable after, T[] results) {
        int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "image-folder-decoder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        results[i] = task.run(i);
                        after.run();
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("loading the pictures was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Splits the usable pictures by their folder, or holds out a seeded share of them. */
    private static void split(List<ImageFolderScan.Entry> entries, List<Integer> used, ImageFolderOptions options,
            List<Integer> train, List<Integer> test) {
        boolean byFolder = entries.get(0).split() != ImageFolderScan.Split.HOLD_OUT;
        if (byFolder) {
            for (int i : used) {
                (entries.get(i).split() == ImageFolderScan.Split.TEST ? test : train).add(i);
            }
            return;
        }
        int n = used.size();
        int held = (int) Math.round(n * options.testFraction());
        if (options.testFraction() > 0 && n >= 2) {
            held = Math.max(1, Math.min(n - 1, held));
        } else if (n < 2) {
            held = 0;
        }
        List<Integer> shuffled = new ArrayList<>(used); // already in path order
        Collections.shuffle(shuffled, new Random(options.seed()));
        List<Integer> heldOut = new ArrayList<>(shuffled.subList(0, held));
        Collections.sort(heldOut);
        List<Integer> kept = new ArrayList<>(shuffled.subList(held, n));
        Collections.sort(kept);
        test.addAll(heldOut);
        train.addAll(kept);
    }

    private static LabeledImages assemble(List<ImageFolderScan.Entry> entries, ImageDecoder.Square[] squares,
            List<Integer> indices, int n, int channels) {
        int plane = n * n;
        int imageSize = channels * plane;
        byte[] levels = new byte[indices.size() * imageSize];
        byte[] labels = new byte[indices.size()];
        for (int k = 0; k < indices.size(); k++) {
            int i = indices.get(k);
            copyLevels(squares[i], plane, channels, levels, k * imageSize);
            labels[k] = (byte) entries.get(i).label();
        }
        return new LabeledImages(indices.size(), channels, n, n, levels, labels);
    }

    /** A square's levels with {@code channels} channels (colour as is, or its grey levels) into {@code out}. */
    private static void copyLevels(ImageDecoder.Square square, int plane, int channels, byte[] out, int base) {
        byte[] rgb = square.rgb();
        if (channels == 3) {
            System.arraycopy(rgb, 0, out, base, 3 * plane);
            return;
        }
        for (int p = 0; p < plane; p++) {
            int r = rgb[p] & 0xff;
            int g = rgb[plane + p] & 0xff;
            int b = rgb[2 * plane + p] & 0xff;
            out[base + p] = (byte) Math.round(0.299f * r + 0.587f * g + 0.114f * b);
        }
    }

    /** One line per skipped or ignored file: what happened, its path below the folder, why. */
    private static Path writeLog(ImageFolderScan scan, String[] failures, Path cacheDir, String key)
            throws IOException {
        StringBuilder text = new StringBuilder("# pictures from ").append(scan.dir.toAbsolutePath()).append('\n');
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                text.append("skipped\t").append(scan.entries.get(i).relativePath()).append('\t').append(failures[i])
                        .append('\n');
            }
        }
        for (ImageFolderScan.Ignored ignored : scan.ignored) {
            text.append("ignored\t").append(ignored.relativePath()).append('\t').append(ignored.reason())
                    .append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (cacheDir == null) {
            Path log = Files.createTempFile("vae-explorer-pictures-", ImageFolderCache.LOG_SUFFIX);
            Files.write(log, bytes);
            return log;
        }
        Path log = cacheDir.resolve(key + ImageFolderCache.LOG_SUFFIX);
        ImageFolderCache.writeAtomically(log, out -> out.write(bytes));
        return log;
    }
}
