package io.vaeexplorer.data;

import static io.vaeexplorer.data.DatasetLoader.TEST_IMAGES;
import static io.vaeexplorer.data.DatasetLoader.TEST_LABELS;
import static io.vaeexplorer.data.DatasetLoader.TRAIN_IMAGES;
import static io.vaeexplorer.data.DatasetLoader.TRAIN_LABELS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws corrupted data folders at {@link DatasetLoader} and corrupted single files at {@link IdxReader}. Every
 * case must end in a load or in a one-line {@link DataException} naming the right file; nothing else, no hang, no
 * allocation that follows a lying header. Whether a case must load is decided by an independent reference parser
 * written here from the IDX format, so a mutation that leaves a file valid (a flipped pixel, a multi-member gzip)
 * has to load with exactly the mutated values.
 *
 * <p>Every case draws from its own generator, seeded by the run seed and the case number; a failure message names
 * both, and {@code -Dfuzz.seed=S -Dfuzz.case=N} reruns that one case.
 */
class IdxFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x1D8F_22C3L);
    private static final int ONLY_CASE = Integer.getInteger("fuzz.case", -1);
    private static final int FOLDER_CASES = 700;
    private static final int HEADER_CASES = 150;
    private static final int CHECKSUM_CASES = 60;
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(20); // generous: the machine is shared
    // The folders here hold a few KB (the bombs below 8 MB); a loader obeying a lying header allocates >= 1.5 GB.
    private static final long ALLOCATION_SLACK = 32L << 20;

    private static final String[] FILES = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};
    private static final int[] INTERESTING_INTS = {0, 1, 2, 27, 28, 29, 255, 256, 784, 60000, 0x7FFF_FFFF,
            0x8000_0000, 0xFFFF_FFFF, 0x0000_0801, 0x0000_0803, 1 << 30, 2_000_000_000, 2_739_000};
    private static final byte[] INTERESTING_BYTES = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 0x1F, (byte) 0x8B, 8, 3, 10};

    private enum Mutation {
        ZERO_LENGTH, RANDOM_BYTES, GZIP_MAGIC_THEN_RANDOM, TRUNCATE, TRUNCATE_GZIP, BIT_FLIPS, BYTE_OVERWRITES,
        HEADER_INT, GZIP_OF_GARBAGE, GZIP_OF_HEADER_AND_GARBAGE, APPEND_GARBAGE, CONTENT_FLIPS_REGZIPPED,
        MULTI_MEMBER_GZIP, WRONG_IMAGE_SIZE, COUNT_MISMATCH, LABEL_OUT_OF_RANGE, OTHER_FILES_CONTENT, TWO_FILES
    }

    @TempDir
    Path root;

    // largest allocation of one case, reported so that a broken measurement (-1) would show
    private static long maxAllocated = -1;
    private final Map<Mutation, int[]> tally = new EnumMap<>(Mutation.class); // {cases, loaded}

    // --------------------------------------------------------------------------------------- whole folders

    @Test
    void corruptedFoldersLoadExactlyWhenValidAndOtherwiseFailNamingTheFile() throws IOException {
        maxAllocated = -1;
        long start = System.nanoTime();
        int ran = 0;
        for (int caseNo = 0; caseNo < FOLDER_CASES; caseNo++) {
            if (ONLY_CASE >= 0 && caseNo != ONLY_CASE) {
                continue;
            }
            SplittableRandom random = caseRandom(caseNo);
            Folder folder = Folder.random(random);
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            String target = FILES[random.nextInt(FILES.length)];
            List<String> touched = new ArrayList<>(List.of(target));
            if (mutation == Mutation.TWO_FILES) {
                // two independent corruptions: the loader must name the first bad file in its reading order
                String other = FILES[random.nextInt(FILES.length)];
                folder.mutate(target, randomSimpleMutation(random), random);
                folder.mutate(other, randomSimpleMutation(random), random);
                touched.add(other);
            } else {
                folder.mutate(target, mutation, random);
            }
            Path dir = Files.createDirectory(root.resolve("case-" + caseNo));
            folder.writeTo(dir);

            String context = "seed=" + SEED + " case=" + caseNo + " mutation=" + mutation + " files=" + touched
                    + " (replay: -Dfuzz.seed=" + SEED + " -Dfuzz.case=" + caseNo + ")";
            Expected expected = Reference.expect(dir);
            Attempt<Dataset> attempt = attempt(() -> DatasetLoader.load(dir), context);
            checkAllocation(attempt, ALLOCATION_SLACK + 16L * folder.totalContentBytes(), context);
            if (expected.mustName() == null) {
                Dataset data = loaded(attempt, context);
                expected.check(data, context);
            } else {
                refused(attempt, context, expected.mustName());
            }
            tally.computeIfAbsent(mutation, m -> new int[2])[0]++;
            tally.get(mutation)[1] += expected.mustName() == null ? 1 : 0;
            ran++;
        }
        report("folder cases", ran, start);
        if (ONLY_CASE < 0) {
            // the mix must really exercise both outcomes, or the oracle could be vacuous
            int loaded = tally.values().stream().mapToInt(t -> t[1]).sum();
            assertTrue(loaded >= 40 && loaded <= ran - 300, "loaded " + loaded + " of " + ran + " folders");
        }
    }

    // ------------------------------------------------------------------------------- lying headers, one file

    @Test
    void headersClaimingHugeSizesAreRefusedWithoutAllocatingForThem() {
        maxAllocated = -1;
        long start = System.nanoTime();
        int ran = 0;
        for (int caseNo = 0; caseNo < HEADER_CASES; caseNo++) {
            if (ONLY_CASE >= 0 && caseNo != ONLY_CASE) {
                continue;
            }
            SplittableRandom random = caseRandom(caseNo + 1_000_000);
            boolean images = random.nextBoolean();
            int[] dims = images ? new int[] {28, 28, 28} : new int[] {28};
            int lying = random.nextInt(dims.length);
            dims[lying] = hugeClaim(random);
            if (images && random.nextInt(4) == 0) {
                dims[random.nextInt(3)] = hugeClaim(random); // sometimes two huge sizes
            }
            boolean gzipped = random.nextBoolean();
            // what really follows the header: nothing, a little, or (gzipped) megabytes of zeros that compress
            // to almost nothing, so only the decompressed length, never the claim, may drive allocation
            int actual = switch (random.nextInt(3)) {
                case 0 -> 0;
                case 1 -> random.nextInt(5000);
                default -> gzipped ? (1 << 20) + random.nextInt(7 << 20) : random.nextInt(100_000);
            };
            byte[] data = new byte[actual];
            if (actual < 100_000) {
                random.nextBytes(data);
            }
            byte[] content = IdxTestFiles.idx(images ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC, dims, data);
            String name = (images ? "claims-idx3-ubyte" : "claims-idx1-ubyte") + "-" + caseNo + (gzipped ? ".gz" : "");
            Path file = IdxTestFiles.write(root.resolve(name), gzipped ? IdxTestFiles.gzip(content) : content);

            String context = "seed=" + SEED + " case=" + caseNo + " header " + describe(dims) + " with " + actual
                    + " data bytes" + (gzipped ? ", gzipped" : "") + " (replay: -Dfuzz.seed=" + SEED
                    + " -Dfuzz.case=" + caseNo + ")";
            Attempt<Object> attempt = attempt(() -> images ? IdxReader.readImages(file) : IdxReader.readLabels(file),
                    context);
            checkAllocation(attempt, ALLOCATION_SLACK + 4L * content.length, context);
            DataException e = refused(attempt, context, List.of(name));
            assertTrue(e.getMessage().contains("header claims"), context + ": " + e.getMessage());
            ran++;
        }
        assertTrue(ran == 0 || maxAllocated >= 0, "this JVM cannot measure allocation; the limit went unchecked");
        report("header cases", ran, start);
    }

    // -------------------------------------------------------------------------------- a checksummed folder

    @Test
    void withSha256SumsEveryChangedFileIsRefusedByName() throws IOException {
        maxAllocated = -1;
        long start = System.nanoTime();
        int ran = 0;
        for (int caseNo = 0; caseNo < CHECKSUM_CASES; caseNo++) {
            if (ONLY_CASE >= 0 && caseNo != ONLY_CASE) {
                continue;
            }
            SplittableRandom random = caseRandom(caseNo + 2_000_000);
            Folder folder = Folder.random(random);
            Path dir = Files.createDirectory(root.resolve("sums-" + caseNo));
            folder.writeTo(dir);
            StringBuilder sums = new StringBuilder();
            for (String base : FILES) {
                String onDisk = folder.fileName(base);
                sums.append(DatasetLoader.sha256(dir.resolve(onDisk))).append("  ").append(onDisk).append('\n');
            }
            Files.writeString(dir.resolve(DatasetLoader.CHECKSUMS_FILE), sums);

            String target = FILES[random.nextInt(FILES.length)];
            byte[] before = folder.onDisk(target);
            Mutation mutation;
            do {
                mutation = randomSimpleMutation(random);
                folder.mutate(target, mutation, random);
            } while (Arrays.equals(before, folder.onDisk(target))); // only a real change must be refused
            folder.writeTo(dir);

            String context = "seed=" + SEED + " case=" + caseNo + " mutation=" + mutation + " file=" + target
                    + " (replay: -Dfuzz.seed=" + SEED + " -Dfuzz.case=" + caseNo + ")";
            Attempt<Dataset> attempt = attempt(() -> DatasetLoader.load(dir), context);
            checkAllocation(attempt, ALLOCATION_SLACK, context);
            DataException e = refused(attempt, context, List.of(folder.fileName(target)));
            assertTrue(e.getMessage().contains("SHA-256 does not match"), context + ": " + e.getMessage());
            ran++;
        }
        report("checksum cases", ran, start);
    }

    // ------------------------------------------------------------------------------------- the data folder

    /** The four files of a small valid data set, each kept as its plain IDX content and as its bytes on disk. */
    private static final class Folder {
        final Map<String, byte[]> plain = new LinkedHashMap<>();
        final Map<String, byte[]> disk = new LinkedHashMap<>();
        final Map<String, Boolean> gzipped = new LinkedHashMap<>();

        static Folder random(SplittableRandom random) {
            Folder f = new Folder();
            f.putSplit(TRAIN_IMAGES, TRAIN_LABELS, 1 + random.nextInt(6), random);
            f.putSplit(TEST_IMAGES, TEST_LABELS, 1 + random.nextInt(4), random);
            return f;
        }

        private void putSplit(String imagesName, String labelsName, int count, SplittableRandom random) {
            byte[] pixels = new byte[count * 28 * 28];
            random.nextBytes(pixels);
            byte[] labels = new byte[count];
            for (int i = 0; i < count; i++) {
                labels[i] = (byte) random.nextInt(10);
            }
            put(imagesName, IdxTestFiles.images(count, 28, 28, pixels), random.nextBoolean());
            put(labelsName, IdxTestFiles.labels(labels), random.nextBoolean());
        }

        private void put(String base, byte[] content, boolean gz) {
            plain.put(base, content);
            gzipped.put(base, gz);
            disk.put(base, gz ? IdxTestFiles.gzip(content) : content);
        }

        byte[] onDisk(String base) {
            return disk.get(base);
        }

        /** The loader looks for "name.gz" first, so the name on disk keeps the file's original form. */
        String fileName(String base) {
            return gzipped.get(base) ? base + ".gz" : base;
        }

        long totalContentBytes() {
            return plain.values().stream().mapToLong(b -> b.length).sum();
        }

        void writeTo(Path dir) {
            for (String base : FILES) {
                IdxTestFiles.write(dir.resolve(fileName(base)), disk.get(base));
            }
        }

        /** Replaces the file's bytes on disk with a corrupted version. */
        void mutate(String base, Mutation mutation, SplittableRandom random) {
            byte[] content = plain.get(base);
            byte[] bytes = disk.get(base);
            boolean gz = gzipped.get(base);
            boolean images = base.contains("images");
            byte[] result = switch (mutation) {
                case ZERO_LENGTH -> new byte[0];
                case RANDOM_BYTES -> randomBytes(random, 1 + random.nextInt(3000));
                case GZIP_MAGIC_THEN_RANDOM -> concat(new byte[] {0x1F, (byte) 0x8B},
                        randomBytes(random, random.nextInt(3000)));
                case TRUNCATE -> bytes.length == 0 ? bytes : Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case TRUNCATE_GZIP -> {
                    byte[] g = IdxTestFiles.gzip(content);
                    yield Arrays.copyOf(g, random.nextInt(g.length));
                }
                case BIT_FLIPS -> flipBits(bytes, 1 + random.nextInt(8), random);
                case BYTE_OVERWRITES -> overwriteBytes(bytes, 1 + random.nextInt(8), random);
                case HEADER_INT -> reencode(overwriteHeaderInt(content, images ? 4 : 2, random), gz);
                case GZIP_OF_GARBAGE -> IdxTestFiles.gzip(randomBytes(random, random.nextInt(5000)));
                case GZIP_OF_HEADER_AND_GARBAGE -> IdxTestFiles.gzip(concat(Arrays.copyOf(content, images ? 16 : 8),
                        randomBytes(random, random.nextInt(5000))));
                case APPEND_GARBAGE -> concat(bytes, randomBytes(random, 1 + random.nextInt(100)));
                case CONTENT_FLIPS_REGZIPPED -> IdxTestFiles.gzip(flipBits(content, 1 + random.nextInt(4), random));
                case MULTI_MEMBER_GZIP -> {
                    int cut = random.nextInt(content.length + 1);
                    yield concat(IdxTestFiles.gzip(Arrays.copyOf(content, cut)),
                            IdxTestFiles.gzip(Arrays.copyOfRange(content, cut, content.length)));
                }
                case WRONG_IMAGE_SIZE -> images ? reencode(wrongSizeImages(content, random), gz)
                        : flipBits(bytes, 1, random);
                case COUNT_MISMATCH -> reencode(resized(images, random), gz);
                case LABEL_OUT_OF_RANGE -> images ? overwriteBytes(bytes, 1, random)
                        : reencode(badLabel(content, random), gz);
                case OTHER_FILES_CONTENT -> disk.get(FILES[random.nextInt(FILES.length)]).clone();
                case TWO_FILES -> throw new IllegalArgumentException("composite mutation");
            };
            disk.put(base, result);
            plain.put(base, result); // only used for sizes and further mutations from here on
        }
    }

    private static Mutation randomSimpleMutation(SplittableRandom random) {
        Mutation m;
        do {
            m = Mutation.values()[random.nextInt(Mutation.values().length)];
        } while (m == Mutation.TWO_FILES);
        return m;
    }

    private static int hugeClaim(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0x7FFF_FFFF;
            case 1 -> 0xFFFF_FFFF;
            case 2 -> (int) random.nextLong(1_000_000_000L, 0x1_0000_0000L); // billions, as unsigned
            default -> random.nextInt(2_000_000, 100_000_000); // millions: the product still passes 2 GB limits
        };
    }

    private static byte[] overwriteHeaderInt(byte[] content, int ints, SplittableRandom random) {
        byte[] out = content.clone();
        if (out.length < 4 * ints) {
            return out;
        }
        int which = random.nextInt(ints);
        int value = random.nextInt(3) == 0 ? random.nextInt()
                : INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
        ByteBuffer.wrap(out).putInt(4 * which, value);
        return out;
    }

    /** Consistent images of another size: the file is valid IDX, the data set is not 28x28. */
    private static byte[] wrongSizeImages(byte[] content, SplittableRandom random) {
        // keep the count the header had when it is sane, so only the size is wrong
        int count = content.length >= 8 ? ByteBuffer.wrap(content).getInt(4) : 0;
        count = count >= 1 && count <= 8 ? count : 3;
        int[][] sizes = {{27, 28}, {28, 27}, {29, 29}, {1, 784}, {784, 1}, {14, 56}, {1, 1}};
        int[] rc = random.nextInt(3) == 0 ? new int[] {1 + random.nextInt(40), 1 + random.nextInt(40)}
                : sizes[random.nextInt(sizes.length)];
        return IdxTestFiles.images(count, rc[0], rc[1], randomBytes(random, count * rc[0] * rc[1]));
    }

    /** A valid file with another count than its partner holds (or, by chance, the same). */
    private static byte[] resized(boolean images, SplittableRandom random) {
        int count = 1 + random.nextInt(8);
        if (images) {
            return IdxTestFiles.images(count, 28, 28, randomBytes(random, count * 784));
        }
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        return IdxTestFiles.labels(labels);
    }

    private static byte[] badLabel(byte[] content, SplittableRandom random) {
        byte[] out = content.clone();
        if (out.length > 8) {
            out[8 + random.nextInt(out.length - 8)] = (byte) (10 + random.nextInt(246));
        }
        return out;
    }

    private static byte[] reencode(byte[] content, boolean gz) {
        return gz ? IdxTestFiles.gzip(content) : content;
    }

    static byte[] flipBits(byte[] bytes, int flips, SplittableRandom random) {
        byte[] out = bytes.clone();
        for (int i = 0; i < flips && out.length > 0; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    static byte[] overwriteBytes(byte[] bytes, int count, SplittableRandom random) {
        byte[] out = bytes.clone();
        for (int i = 0; i < count && out.length > 0; i++) {
            out[random.nextInt(out.length)] = random.nextBoolean() ? (byte) random.nextInt(256)
                    : INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
        }
        return out;
    }

    static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }


    private static String describe(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d : dims) {
            s.append(s.length() == 0 ? "" : "x").append(Integer.toUnsignedString(d));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------------------------- reference parser

    /**
     * What a correct loader does with a folder, derived from the format alone: the names the error must mention
     * (null when the folder is valid) and, when valid, the exact labels and pixels.
     */
    private record Expected(List<String> mustName, List<byte[]> contents) {

        void check(Dataset data, String context) {
            checkSplit(data.train(), contents.get(0), contents.get(1), context + " train");
            checkSplit(data.test(), contents.get(2), contents.get(3), context + " test");
        }

        private static void checkSplit(LabeledImages split, byte[] images, byte[] labels, String context) {
            int count = labels.length;
            assertEquals(count, split.count(), context);
            for (int i = 0; i < count; i++) {
                assertEquals(labels[i] & 0xff, split.label(i), context + " label " + i);
            }
            float[] pixels = split.pixels();
            assertEquals(images.length, pixels.length, context);
            for (int i = 0; i < images.length; i++) {
                if (pixels[i] != (images[i] & 0xff) / 255f) {
                    fail(context + ": pixel " + i + " is " + pixels[i] + ", file says " + (images[i] & 0xff));
                }
            }
        }
    }

    private static final class Reference {

        static Expected expect(Path dir) throws IOException {
            List<byte[]> contents = new ArrayList<>();
            for (int split = 0; split < 2; split++) {
                Path imagesFile = locate(dir, FILES[2 * split]);
                Path labelsFile = locate(dir, FILES[2 * split + 1]);
                byte[][] images = parse(imagesFile, IdxReader.IMAGES_MAGIC, 3);
                if (images == null || ByteBuffer.wrap(images[0]).getInt(8) != 28
                        || ByteBuffer.wrap(images[0]).getInt(12) != 28) {
                    return failure(imagesFile);
                }
                byte[][] labels = parse(labelsFile, IdxReader.LABELS_MAGIC, 1);
                if (labels == null) {
                    return failure(labelsFile);
                }
                if (labels[1].length != ByteBuffer.wrap(images[0]).getInt(4)) {
                    return new Expected(List.of(name(imagesFile), name(labelsFile)), null);
                }
                for (byte label : labels[1]) {
                    if ((label & 0xff) >= 10) {
                        return failure(labelsFile);
                    }
                }
                contents.add(images[1]);
                contents.add(labels[1]);
            }
            return new Expected(null, contents);
        }

        private static Expected failure(Path file) {
            return new Expected(List.of(name(file)), null);
        }

        private static String name(Path file) {
            return file.getFileName().toString();
        }

        private static Path locate(Path dir, String base) {
            Path gz = dir.resolve(base + ".gz");
            return Files.isRegularFile(gz) ? gz : dir.resolve(base);
        }

        /** {header, data} of a valid IDX file of this kind, or null when it is not one. */
        private static byte[][] parse(Path file, int magic, int dimensions) throws IOException {
            byte[] raw = Files.readAllBytes(file);
            byte[] content = raw;
            if (raw.length >= 2 && (raw[0] & 0xff) == 0x1F && (raw[1] & 0xff) == 0x8B) {
                // the same JDK gzip reader over the same kind of stream, so multi-member and trailing-garbage
                // rules are the JDK's on both sides; everything after decompression is this parser's own
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                    content = in.readAllBytes();
                } catch (IOException e) {
                    return null;
                }
            }
            int headerBytes = 4 + 4 * dimensions;
            if (content.length < headerBytes || ByteBuffer.wrap(content).getInt(0) != magic) {
                return null;
            }
            long size = 1;
            for (int d = 0; d < dimensions; d++) {
                long dim = Integer.toUnsignedLong(ByteBuffer.wrap(content).getInt(4 + 4 * d));
                if (dim == 0 || dim > Integer.MAX_VALUE) {
                    return null;
                }
                size *= dim;
                if (size > content.length) {
                    return null;
                }
            }
            if (content.length - headerBytes != size) {
                return null;
            }
            return new byte[][] {Arrays.copyOf(content, headerBytes), Arrays.copyOfRange(content, headerBytes,
                    content.length)};
        }
    }

    // ------------------------------------------------------------------------------------ running a case

    /** What one load did: its result or what it threw, and the bytes its thread allocated (-1: unknown). */
    private record Attempt<T>(T value, Throwable thrown, long allocated) {
    }

    private static <T> Attempt<T> attempt(Supplier<T> load, String context) {
        return assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            long before = allocatedBytes();
            try {
                T value = load.get();
                return new Attempt<>(value, null, allocatedBytes() - before);
            } catch (Throwable t) { // OutOfMemoryError and friends included: the assertion below names them
                return new Attempt<T>(null, t, allocatedBytes() - before);
            }
        }, () -> context + ": no answer within " + CASE_TIMEOUT.toSeconds() + " s (hang?)");
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static void checkAllocation(Attempt<?> attempt, long limit, String context) {
        maxAllocated = Math.max(maxAllocated, attempt.allocated());
        if (attempt.allocated() > limit) {
            fail(context + ": allocated " + attempt.allocated() + " bytes, limit " + limit);
        }
    }

    private static <T> T loaded(Attempt<T> attempt, String context) {
        if (attempt.thrown() != null) {
            throw new AssertionError(context + ": valid data was refused: " + attempt.thrown(), attempt.thrown());
        }
        return attempt.value();
    }

    private static DataException refused(Attempt<?> attempt, String context, List<String> mustName) {
        Throwable t = attempt.thrown();
        if (t == null) {
            fail(context + ": loaded, but should have been refused naming " + mustName);
        }
        if (!(t instanceof DataException e)) {
            throw new AssertionError(context + ": threw " + t + " instead of a DataException", t);
        }
        String message = e.getMessage();
        assertTrue(!message.isBlank() && !message.contains("\n") && !message.contains("\r"),
                () -> context + ": message is not one line: " + message);
        for (String name : mustName) {
            assertTrue(message.contains(name), () -> context + ": message does not name " + name + ": " + message);
        }
        return e;
    }

    private void report(String what, int ran, long startNanos) {
        System.out.printf("IdxFuzzTest: %d %s in %.1f s (seed %d), at most %.1f MB allocated by one load%s%n", ran,
                what, (System.nanoTime() - startNanos) / 1e9, SEED, maxAllocated / 1e6,
                tally.isEmpty() ? "" : ", per mutation {cases, loaded}: " + tallyText());
    }

    private String tallyText() {
        StringBuilder s = new StringBuilder();
        tally.forEach((m, t) -> s.append(m).append('=').append(t[0]).append('/').append(t[1]).append(' '));
        return s.toString().strip();
    }

    private static SplittableRandom caseRandom(long caseNo) {
        return new SplittableRandom(SEED * 0x9E37_79B9_7F4A_7C15L + caseNo);
    }
}
