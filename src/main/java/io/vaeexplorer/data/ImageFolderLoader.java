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
 * the same images. The test split keeps its images in path order. The training split comes in that seeded
 * shuffle's order (with {@code train/} and {@code test/} folders, its own shuffle with the seed), so that its first
 * N images, which a limit trains on, are a share of every class and not the first classes by name.
 *
 * <p>Every picture becomes an N x N square ({@link ImageDecoder}: scale the shorter side, crop the longer one
 * centrally, alpha onto black) with one grey or three colour channels, stored as 8-bit levels that a model sees
 * divided by 255. Grey levels from colour are {@code 0.299 R + 0.587 G + 0.114 B}, the ITU-R BT.601 weights that
 * PIL's {@code convert("L")} uses.
 *
 * <p>Pictures are decoded on all cores, each straight into its place in the split's array, so that a load holds
 * the pixels once (a second array is made only when files had to be skipped, or colour pictures turned out to be
 * grey). A file that cannot be used never stops the load: it is skipped and
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
        int size = options.imageSize();
        Decoding decoding;
        if (size != ImageFolderOptions.AUTO) {
            decoding = decodeAll(entries, size, options, progress);
        } else {
            // Decoded once at the size the first picture suggests; only when the others disagree in a way that
            // changes the answer are they decoded again.
            size = guessSize(entries);
            decoding = decodeAll(entries, size, options, progress);
            int own = ownSize(decoding.sizes);
            if (own != size) {
                size = own;
                decoding = null; // let the first pass's arrays go before the second's are made
                decoding = decodeAll(entries, size, options, progress);
            }
        }
        String[] failures = decoding.failures;
        int channels = options.channels() != ImageFolderOptions.AUTO ? options.channels()
                : decoding.colour ? 3 : 1;

        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] == null) {
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

        LabeledImages train;
        LabeledImages test;
        if (skipped == 0) {
            // the split made before decoding is the split of the usable pictures: keep its arrays
            train = finish(decoding.train, entries, decoding.trainIndices, size, decoding.channels, channels);
            decoding.train = null;
            test = finish(decoding.test, entries, decoding.testIndices, size, decoding.channels, channels);
        } else {
            List<Integer> trainIndices = new ArrayList<>();
            List<Integer> testIndices = new ArrayList<>();
            split(entries, used, options, trainIndices, testIndices);
            train = assemble(decoding, entries, trainIndices, size, channels);
            test = assemble(decoding, entries, testIndices, size, channels);
        }
        decoding = null; // after skipped files, the decoded arrays are garbage while the cache is written
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
        int plane = size * size;
        byte[] levels = channels == 3 ? square.rgb() : new byte[plane];
        if (channels == 1) {
            toGrey(square.rgb(), 0, levels, 0, plane);
        }
        return new LabeledImages(1, channels, size, size, levels, new byte[1]).image(0);
    }

    /** Whether {@code dir} holds any file with a picture's file name (its first one ends the search). */
    public static boolean holdsPictures(Path dir) {
        return ImageFolderScan.holdsImageFiles(dir);
    }

    /**
     * The size that {@link #ownSize} gives when every picture is like the first readable one: its side when it is
     * square and at most {@value ImageFolderOptions#AUTO_SIZE_LIMIT}, else {@value ImageFolderOptions#FALLBACK_SIZE}.
     */
    private static int guessSize(List<ImageFolderScan.Entry> entries) {
        ImageDecoder decoder = new ImageDecoder();
        for (int i = 0; i < Math.min(entries.size(), 16); i++) {
            try {
                ImageDecoder.Size s = decoder.readSize(entries.get(i).file());
                return s.width() == s.height() && s.width() <= ImageFolderOptions.AUTO_SIZE_LIMIT ? s.width()
                        : ImageFolderOptions.FALLBACK_SIZE;
            } catch (ImageDecoder.Unusable e) {
                // try the next one; the decoding names this file's reason
            }
        }
        return ImageFolderOptions.FALLBACK_SIZE;
    }

    /**
     * The pictures' own side when they all share one square size up to {@value ImageFolderOptions#AUTO_SIZE_LIMIT},
     * else {@value ImageFolderOptions#FALLBACK_SIZE}; pictures that could not be read (null) do not count.
     */
    private static int ownSize(ImageDecoder.Size[] sizes) {
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

    /**
     * Every picture decoded straight into the arrays of the split it gets when all of them are usable, so that the
     * usual load holds the pixels once. {@code channels} is 1 when grey was asked for, else 3.
     */
    private static final class Decoding {
        final String[] failures;
        final ImageDecoder.Size[] sizes;
        final List<Integer> trainIndices = new ArrayList<>();
        final List<Integer> testIndices = new ArrayList<>();
        final int[] slot;
        final boolean[] inTest;
        final int channels;
        byte[] train;
        byte[] test;
        volatile boolean colour;

        Decoding(List<ImageFolderScan.Entry> entries, int size, ImageFolderOptions options) {
            int n = entries.size();
            failures = new String[n];
            sizes = new ImageDecoder.Size[n];
            slot = new int[n];
            inTest = new boolean[n];
            List<Integer> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            split(entries, all, options, trainIndices, testIndices);
            for (int k = 0; k < trainIndices.size(); k++) {
                slot[trainIndices.get(k)] = k;
            }
            for (int k = 0; k < testIndices.size(); k++) {
                slot[testIndices.get(k)] = k;
                inTest[testIndices.get(k)] = true;
            }
            channels = options.channels() == 1 ? 1 : 3;
            long imageSize = (long) channels * size * size;
            if (imageSize * Math.max(trainIndices.size(), testIndices.size()) > Integer.MAX_VALUE - 16) {
                throw new DataException(n + " pictures of " + size + "x" + size + " do not fit in one array;"
                        + " choose a smaller image size");
            }
            train = new byte[(int) imageSize * trainIndices.size()];
            test = new byte[(int) imageSize * testIndices.size()];
        }

        byte[] target(int i) {
            return inTest[i] ? test : train;
        }
    }

    private static Decoding decodeAll(List<ImageFolderScan.Entry> entries, int size, ImageFolderOptions options,
            LoadProgress progress) {
        Decoding d = new Decoding(entries, size, options);
        int total = entries.size();
        int imageSize = d.channels * size * size;
        Object lock = new Object();
        int[] done = {0};
        runAll(total, (decoder, i) -> {
            try {
                ImageDecoder.Decoded decoded = decoder.decodeInto(entries.get(i).file(), size, d.target(i),
                        d.slot[i] * imageSize, d.channels);
                d.sizes[i] = decoded.size();
                if (decoded.colour()) {
                    d.colour = true;
                }
            } catch (ImageDecoder.Unusable e) {
                d.failures[i] = e.getMessage();
            } catch (OutOfMemoryError e) {
                d.failures[i] = "too large to decode in the memory available";
            }
            synchronized (lock) {
                done[0]++;
                progress.update(done[0], total);
            }
        });
        return d;
    }

    private interface Task {
        void run(ImageDecoder decoder, int index);
    }

    /** Runs {@code task} for 0..n-1 on a pool of one thread per core, each thread with its own decoder. */
    private static void runAll(int n, Task task) {
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
                    ImageDecoder decoder = new ImageDecoder();
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        task.run(decoder, i);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
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

    /**
     * Splits the usable pictures by their folder, or holds out a seeded share of them; the training pictures come in
     * a seeded shuffled order, the test pictures in path order.
     */
    private static void split(List<ImageFolderScan.Entry> entries, List<Integer> used, ImageFolderOptions options,
            List<Integer> train, List<Integer> test) {
        boolean byFolder = entries.get(0).split() != ImageFolderScan.Split.HOLD_OUT;
        if (byFolder) {
            List<Integer> kept = new ArrayList<>();
            for (int i : used) {
                (entries.get(i).split() == ImageFolderScan.Split.TEST ? test : kept).add(i);
            }
            Collections.shuffle(kept, new Random(options.seed()));
            train.addAll(kept);
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
        test.addAll(heldOut);
        train.addAll(shuffled.subList(held, n));
    }

    /** The images decoded in place for {@code indices}, as grey when {@code channels} asks for one of three. */
    private static LabeledImages finish(byte[] levels, List<ImageFolderScan.Entry> entries, List<Integer> indices,
            int n, int decodedChannels, int channels) {
        byte[] labels = new byte[indices.size()];
        for (int k = 0; k < indices.size(); k++) {
            labels[k] = (byte) entries.get(indices.get(k)).label();
        }
        byte[] kept = levels;
        if (channels != decodedChannels) {
            int plane = n * n;
            kept = new byte[indices.size() * plane];
            for (int k = 0; k < indices.size(); k++) {
                toGrey(levels, k * 3 * plane, kept, k * plane, plane);
            }
        }
        return new LabeledImages(indices.size(), channels, n, n, kept, labels);
    }

    /** The images {@code indices} copied out of the decoding's arrays, where they lie at their slots. */
    private static LabeledImages assemble(Decoding decoding, List<ImageFolderScan.Entry> entries,
            List<Integer> indices, int n, int channels) {
        int plane = n * n;
        int decodedSize = decoding.channels * plane;
        int imageSize = channels * plane;
        byte[] levels = new byte[indices.size() * imageSize];
        byte[] labels = new byte[indices.size()];
        for (int k = 0; k < indices.size(); k++) {
            int i = indices.get(k);
            byte[] from = decoding.target(i);
            int at = decoding.slot[i] * decodedSize;
            if (channels == decoding.channels) {
                System.arraycopy(from, at, levels, k * imageSize, imageSize);
            } else {
                toGrey(from, at, levels, k * imageSize, plane);
            }
            labels[k] = (byte) entries.get(i).label();
        }
        return new LabeledImages(indices.size(), channels, n, n, levels, labels);
    }

    /** BT.601 grey of the three planes at {@code from[at]}, into {@code to[offset]}. */
    private static void toGrey(byte[] from, int at, byte[] to, int offset, int plane) {
        for (int p = 0; p < plane; p++) {
            int r = from[at + p] & 0xff;
            int g = from[at + plane + p] & 0xff;
            int b = from[at + 2 * plane + p] & 0xff;
            to[offset + p] = (byte) Math.round(0.299f * r + 0.587f * g + 0.114f * b);
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
