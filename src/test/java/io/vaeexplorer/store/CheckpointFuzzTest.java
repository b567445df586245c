package io.vaeexplorer.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws corrupted checkpoints at {@link CheckpointIO#load}. Each case must end in a load or a one-line
 * {@link CheckpointException} naming the file; no other exception, no hang, no allocation that follows a lying
 * length or shape. Two families:
 * <ul>
 *   <li>raw corruption (random bytes, truncation, bit flips, overwrites, appended bytes): the CRC32 covers every
 *       byte, so every file that differs from the valid one must be refused;</li>
 *   <li>corruption with the checksum recomputed afterwards, which is what reaches the header parser and the
 *       consistency checks: the file may load, and then its weights must be exactly the file's value bytes and
 *       the checkpoint must survive a save and load unchanged.</li>
 * </ul>
 * Bases are a small checkpoint with awkward values and the shipped model. Every case draws from its own generator;
 * {@code -Dfuzz.seed=S -Dfuzz.case=N} reruns one case.
 */
class CheckpointFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_C4E7L);
    private static final int ONLY_CASE = Integer.getInteger("fuzz.case", -1);
    private static final int RAW_CASES = 400;
    private static final int RESEALED_CASES = 450;
    private static final int HUGE_CASES = 80;
    // one case in this many uses the 2.5 MB shipped model instead of the small checkpoint
    private static final int SHIPPED_EVERY = 8;
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(20); // generous: the machine is shared
    private static final long ALLOCATION_SLACK = 32L << 20;
    private static final Path SHIPPED = Path.of("assets", "models", "mnist-mlp-d2", "model.vae");
    private static final byte[] MAGIC = "VAECKPT\n".getBytes(UTF_8);

    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "2", "28", "0.5", "1e9", "2147483647",
            "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "1e308", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "3.4028235e38",
            "3.5e38", "1.4e-45", "007", "1.0e", "--1", "0x10", "99999999999999999999999999999", "1.5", "-0.0"};
    private static final String[] STRINGS = {"\"\"", "\"MLP\"", "\"CONV\"", "\"TRANSFORMER\"", "\"BCE\"", "\"MSE\"",
            "\"ELBO\"", "\"KL_ONLY\"", "\"RECON_ONLY\"", "null", "\"a\\nb\"", "\"tab\\tand\\r\\nnewline\"",
            "\"\\u0000\"", "\"encoder.weight\"", "\"NaN\"", "\"1e3\"", "\"\u00fc\u20ac\uD83D\uDE00\"",
            "\"" + "x".repeat(5000) + "\"",
            "true", "{}", "[]", "[1,2]", "{\"a\":1}"};
    private static final String[] PUNCTUATION = {"{", "}", "[", "]", ":", ",", "null", "true", "false", "{}", "[]",
            "\"", "\\", "/*", "'", ";", "=", "#"};
    private static final String[] HUGE_SHAPES = {"[2147483647,2147483647]", "[4294967296]", "[1000000000,1000]",
            "[9223372036854775807,2]", "[-1]", "[-1,-1]", "[100000000]", "[536870911]", "[2147483639]",
            "[2147483640]", "[3037000500,3037000500]", "[65536,65536]", "[1,2147483647]"};

    private enum Raw {
        ZERO_LENGTH, RANDOM_BYTES, MAGIC_THEN_RANDOM, TRUNCATE, BIT_FLIPS, BYTE_OVERWRITES, PREAMBLE_INT,
        APPEND_BYTES, CUT_INSIDE, GZIPPED
    }

    private enum Resealed {
        VALUE_FLIPS, HEADER_TOKENS, HEADER_BIT_FLIPS, HEADER_LENGTH_FIELD, VALUES_LENGTH, DUPLICATE_WEIGHT,
        RENAME_WEIGHT, RANDOM_JSON_HEADER
    }

    @TempDir
    static Path shared;
    @TempDir
    Path root;

    private static byte[] small;
    // largest allocation of one case, reported so that a broken measurement (-1) would show
    private static long maxAllocated = -1;
    private static byte[] shipped;

    @BeforeAll
    static void bases() throws IOException {
        small = Files.readAllBytes(CheckpointIO.save(smallCheckpoint(), shared.resolve("small.vae")));
        shipped = Files.readAllBytes(SHIPPED);
        CheckpointIO.load(SHIPPED); // both bases must be valid, or every refusal below proves nothing
        CheckpointIO.load(shared.resolve("small.vae"));
    }

    // ------------------------------------------------------------------------------------------ raw damage

    @Test
    void everyRawCorruptionIsRefusedByName() throws IOException {
        long start = System.nanoTime();
        Map<Raw, Integer> tally = new EnumMap<>(Raw.class);
        int ran = 0;
        for (int caseNo = 0; caseNo < RAW_CASES; caseNo++) {
            if (ONLY_CASE >= 0 && caseNo != ONLY_CASE) {
                continue;
            }
            SplittableRandom random = caseRandom(caseNo);
            boolean useShipped = random.nextInt(SHIPPED_EVERY) == 0;
            byte[] base = useShipped ? shipped : small;
            Raw mutation = Raw.values()[random.nextInt(Raw.values().length)];
            byte[] bad = rawMutation(base, mutation, random);
            String context = context(caseNo, mutation + (useShipped ? " of the shipped model" : " of the small one"));
            if (Arrays.equals(bad, base)) {
                continue; // e.g. an overwrite with the same byte: nothing to refuse
            }
            Path file = writeCase(caseNo, bad);
            Attempt attempt = attempt(file, random.nextBoolean(), context);
            checkAllocation(attempt, bad.length, context);
            refused(attempt, file, context);
            tally.merge(mutation, 1, Integer::sum);
            ran++;
        }
        report("raw cases, all refused", ran, start, tally.toString());
        assertTrue(ONLY_CASE >= 0 || ran >= RAW_CASES - 20, "only " + ran + " raw cases changed the file");
    }

    private static byte[] rawMutation(byte[] base, Raw mutation, SplittableRandom random) {
        return switch (mutation) {
            case ZERO_LENGTH -> new byte[0];
            case RANDOM_BYTES -> randomBytes(random, random.nextInt(5000));
            case MAGIC_THEN_RANDOM -> concat(random.nextBoolean() ? MAGIC : Arrays.copyOf(MAGIC, random.nextInt(8)),
                    randomBytes(random, random.nextInt(5000)));
            case TRUNCATE -> Arrays.copyOf(base, random.nextInt(base.length));
            case BIT_FLIPS -> flipBits(base, 0, base.length, 1 + random.nextInt(8), random);
            case BYTE_OVERWRITES -> overwriteBytes(base, 0, base.length, 1 + random.nextInt(8), random);
            case PREAMBLE_INT -> withInt(base, random.nextBoolean() ? 8 : 12, interestingInt(random, base.length));
            case APPEND_BYTES -> concat(base, randomBytes(random, 1 + random.nextInt(64)));
            case CUT_INSIDE -> { // a piece missing from the middle: length and CRC position both shift
                int from = random.nextInt(base.length);
                int to = Math.min(base.length, from + 1 + random.nextInt(64));
                yield concat(Arrays.copyOf(base, from), Arrays.copyOfRange(base, to, base.length));
            }
            case GZIPPED -> gzip(base);
        };
    }

    // ---------------------------------------------------------------------------------- damage, resealed

    @Test
    void resealedCorruptionLoadsExactlyOrIsRefusedByName() throws IOException {
        long start = System.nanoTime();
        Map<Resealed, int[]> tally = new EnumMap<>(Resealed.class); // {cases, loaded}
        int ran = 0;
        for (int caseNo = 0; caseNo < RESEALED_CASES; caseNo++) {
            if (ONLY_CASE >= 0 && caseNo != ONLY_CASE) {
                continue;
            }
            SplittableRandom random = caseRandom(caseNo + 1_000_000);
            boolean useShipped = random.nextInt(SHIPPED_EVERY) == 0;
            Parts parts = Parts.of(useShipped ? shipped : small);
            Resealed mutation = Resealed.values()[random.nextInt(Resealed.values().length)];
            String context = context(caseNo, mutation + (useShipped ? " of the shipped model" : " of the small one"));
            byte[] bad = resealedMutation(parts, mutation, random);
            Path file = writeCase(caseNo, bad);
            Attempt attempt = attempt(file, random.nextBoolean(), context);
            checkAllocation(attempt, bad.length, context);
            if (mutation == Resealed.VALUE_FLIPS) {
                // the checksum is right and the header untouched: any float bits are valid weights
                loadedExactly(attempt, bad, file, context);
            } else if (attempt.thrown() == null) {
                loadedExactly(attempt, bad, file, context);
            } else {
                refused(attempt, file, context);
            }
            int[] counts = tally.computeIfAbsent(mutation, m -> new int[2]);
            counts[0]++;
            counts[1] += attempt.thrown() == null ? 1 : 0;
            ran++;
        }
        StringBuilder text = new StringBuilder("{cases/loaded} ");
        tally.forEach((m, c) -> text.append(m).append('=').append(c[0]).append('/').append(c[1]).append(' '));
        report("resealed cases", ran, start, text.toString().strip());
        if (ONLY_CASE < 0) {
            // header mutations must reach both outcomes, or the parser was never really exercised
            int headerLoads = tally.getOrDefault(Resealed.HEADER_TOKENS, new int[2])[1];
            int headerCases = tally.getOrDefault(Resealed.HEADER_TOKENS, new int[2])[0];
            assertTrue(headerLoads > 0 && headerLoads < headerCases, "header token mutations loaded " + headerLoads
                    + " of " + headerCases);
        }
    }

    private static byte[] resealedMutation(Parts p, Resealed mutation, SplittableRandom random) {
        switch (mutation) {
            case VALUE_FLIPS -> {
                byte[] values = p.values.length == 0 ? p.values
                        : flipBits(p.values, 0, p.values.length, 1 + random.nextInt(16), random);
                return seal(p.header, values);
            }
            case HEADER_TOKENS -> {
                String header = new String(p.header, UTF_8);
                int edits = 1 + random.nextInt(3);
                for (int i = 0; i < edits; i++) {
                    header = editTokens(header, random);
                }
                return seal(header.getBytes(UTF_8), fitValues(header, p.values, random));
            }
            case HEADER_BIT_FLIPS -> {
                return seal(flipBits(p.header, 0, p.header.length, 1 + random.nextInt(4), random), p.values);
            }
            case HEADER_LENGTH_FIELD -> {
                byte[] sealed = seal(p.header, p.values);
                return reseal(withInt(sealed, 12, interestingInt(random, sealed.length)));
            }
            case VALUES_LENGTH -> {
                int change = random.nextInt(-17, 18);
                byte[] values = change < 0 ? Arrays.copyOf(p.values, Math.max(0, p.values.length + change))
                        : concat(p.values, randomBytes(random, change));
                return seal(p.header, values);
            }
            case DUPLICATE_WEIGHT, RENAME_WEIGHT -> {
                String header = new String(p.header, UTF_8);
                Matcher m = WEIGHT_ENTRY.matcher(header);
                List<int[]> entries = new ArrayList<>();
                while (m.find()) {
                    entries.add(new int[] {m.start(), m.end(), m.start(1), m.end(1)});
                }
                int[] e = entries.get(random.nextInt(entries.size()));
                if (mutation == Resealed.DUPLICATE_WEIGHT) {
                    String entry = header.substring(e[0], e[1]);
                    header = header.substring(0, e[1]) + "," + entry + header.substring(e[1]);
                    // the duplicate also gets values, so only the repeated name is wrong
                    return seal(header.getBytes(UTF_8), fitValues(header, p.values, random));
                }
                // another value, another weight's name (a duplicate), or a name spanning two lines
                int[] other = entries.get(random.nextInt(entries.size()));
                String name = switch (random.nextInt(3)) {
                    case 0 -> STRINGS[random.nextInt(STRINGS.length)];
                    case 1 -> header.substring(other[2] - 1, other[3] + 1);
                    default -> "\"line one\\nline two\"";
                };
                String entry = header.substring(e[0], e[2] - 1) + name + header.substring(e[3] + 1, e[1]);
                boolean twice = random.nextBoolean(); // the renamed weight twice: a repeated, odd name
                header = header.substring(0, e[0]) + entry + (twice ? "," + entry : "") + header.substring(e[1]);
                return seal(header.getBytes(UTF_8), twice ? fitValues(header, p.values, random) : p.values);
            }
            case RANDOM_JSON_HEADER -> {
                String header = randomJson(random, 0);
                return seal(header.getBytes(UTF_8), fitValues(header, p.values, random));
            }
            default -> throw new IllegalArgumentException(mutation.toString());
        }
    }

    // ------------------------------------------------------------------------------- lying sizes, resealed

    @Test
    void shapesClaimingHugeSizesAreRefusedWithoutAllocatingForThem() throws IOException {
        long start = System.nanoTime();
        int ran = 0;
        for (int caseNo = 0; caseNo < HUGE_CASES; caseNo++) {
            if (ONLY_CASE >= 0 && caseNo != ONLY_CASE) {
                continue;
            }
            SplittableRandom random = caseRandom(caseNo + 2_000_000);
            Parts p = Parts.of(small);
            String header = new String(p.header, UTF_8);
            Matcher m = SHAPE.matcher(header);
            List<int[]> shapes = new ArrayList<>();
            while (m.find()) {
                shapes.add(new int[] {m.start(1), m.end(1)});
            }
            String claim;
            if (random.nextInt(4) == 0) { // or many weights whose total is huge
                StringBuilder many = new StringBuilder();
                int n = 1 + random.nextInt(5000);
                for (int i = 0; i < n; i++) {
                    many.append(",{\"name\":\"w").append(i).append("\",\"shape\":[").append(1 + random.nextInt(1 << 20))
                            .append(",").append(1 + random.nextInt(1 << 10)).append("]}");
                }
                assertTrue(header.endsWith("]}"), "weights are the header's last field: " + header);
                int end = header.length() - 2;
                header = header.substring(0, end) + many + header.substring(end);
                claim = n + " extra weights";
            } else {
                int[] s = shapes.get(random.nextInt(shapes.size()));
                claim = HUGE_SHAPES[random.nextInt(HUGE_SHAPES.length)];
                header = header.substring(0, s[0]) + claim + header.substring(s[1]);
            }
            byte[] bad = seal(header.getBytes(UTF_8), p.values);
            String context = context(caseNo, "shape " + claim);
            Path file = writeCase(caseNo, bad);
            Attempt attempt = attempt(file, random.nextBoolean(), context);
            checkAllocation(attempt, bad.length, context);
            refused(attempt, file, context);
            ran++;
        }
        assertTrue(ran == 0 || maxAllocated >= 0, "this JVM cannot measure allocation; the limit went unchecked");
        report("huge-shape cases, all refused", ran, start, "");
    }

    // --------------------------------------------------------------------------------- found by the fuzzing

    @Test
    void aWeightNameSpanningLinesStillGivesAOneLineMessage() throws IOException {
        // found by RENAME_WEIGHT: names come from the file, and "\n" in JSON put a line break into the message
        String header = new String(Parts.of(small).header, UTF_8);
        Matcher m = WEIGHT_ENTRY.matcher(header);
        assertTrue(m.find());
        String renamed = header.substring(m.start(), m.start(1)) + "line one\\nline two" + header.substring(m.end(1),
                m.end());
        String twice = header.substring(0, m.start()) + renamed + "," + renamed + header.substring(m.end());
        String badShape = header.substring(0, m.start()) + renamed.replaceFirst("\\[[^\\]]*\\]", "[-3]")
                + header.substring(m.end());
        for (String bad : List.of(twice, badShape)) {
            Path file = Files.write(root.resolve("lines.vae"), seal(bad.getBytes(UTF_8), Parts.of(small).values));
            Attempt attempt = attempt(file, false, "weight named \"line one\\nline two\"");
            refused(attempt, file, "weight named \"line one\\nline two\"");
            assertTrue(attempt.thrown().getMessage().contains("line one line two"), attempt.thrown().getMessage());
        }
    }

    // ------------------------------------------------------------------------------- the file's structure

    private static final Pattern WEIGHT_ENTRY =
            Pattern.compile("\\{\"name\":\"((?:[^\"\\\\]|\\\\.)*)\",\"shape\":\\[[^\\]]*\\]\\}");
    private static final Pattern SHAPE = Pattern.compile("\"shape\":(\\[[^\\]]*\\])");

    /** A checkpoint split at its documented offsets. */
    private record Parts(byte[] header, byte[] values) {
        static Parts of(byte[] file) {
            int headerLength = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
            return new Parts(Arrays.copyOfRange(file, 16, 16 + headerLength),
                    Arrays.copyOfRange(file, 16 + headerLength, file.length - 8));
        }
    }

    /** A file in the documented layout with a correct checksum, whatever the header and values say. */
    private static byte[] seal(byte[] header, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(16 + header.length + values.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(CheckpointIO.FORMAT_VERSION).putInt(header.length).put(header).put(values);
        return reseal(b.array());
    }

    /** Recomputes the trailing CRC32 over everything before it. */
    private static byte[] reseal(byte[] file) {
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 8);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(file.length - 8, crc.getValue());
        return file;
    }

    /**
     * Values resized to what the (mutated) header's shapes ask for, when they can be read and ask for little, so
     * that mutations get past the count check to the checks behind it; otherwise (and sometimes anyway) unchanged.
     */
    private static byte[] fitValues(String header, byte[] values, SplittableRandom random) {
        if (random.nextInt(5) == 0) {
            return values;
        }
        long count = 0;
        try {
            JsonArray weights = JsonParser.parseString(header).getAsJsonObject().getAsJsonArray("weights");
            for (JsonElement w : weights) {
                long n = 1;
                for (JsonElement d : w.getAsJsonObject().getAsJsonArray("shape")) {
                    n = Math.multiplyExact(n, d.getAsLong());
                }
                count = Math.addExact(count, n);
            }
        } catch (RuntimeException e) {
            return values;
        }
        if (count < 0 || count > (1 << 20)) {
            return values;
        }
        byte[] fitted = Arrays.copyOf(values, (int) (4 * count));
        for (int i = values.length; i < fitted.length; i++) {
            fitted[i] = (byte) random.nextInt(256);
        }
        return fitted;
    }

    /** One token-level edit of JSON text: replace, delete, duplicate or swap tokens, or damage raw characters. */
    private static String editTokens(String json, SplittableRandom random) {
        List<int[]> tokens = tokens(json);
        if (tokens.isEmpty()) {
            return json + PUNCTUATION[random.nextInt(PUNCTUATION.length)];
        }
        int[] t = tokens.get(random.nextInt(tokens.size()));
        String token = json.substring(t[0], t[1]);
        switch (random.nextInt(9)) {
            case 0, 1 -> { // a number gets an awkward number, anything else an awkward value of any kind
                List<int[]> numbers = tokens.stream().filter(n -> isNumberStart(json.charAt(n[0]))).toList();
                if (!numbers.isEmpty()) {
                    t = numbers.get(random.nextInt(numbers.size()));
                }
                return json.substring(0, t[0]) + NUMBERS[random.nextInt(NUMBERS.length)] + json.substring(t[1]);
            }
            case 2 -> {
                List<int[]> strings = tokens.stream().filter(s -> json.charAt(s[0]) == '"').toList();
                int[] s = strings.isEmpty() ? t : strings.get(random.nextInt(strings.size()));
                return json.substring(0, s[0]) + STRINGS[random.nextInt(STRINGS.length)] + json.substring(s[1]);
            }
            case 3 -> {
                String[] pool = random.nextBoolean() ? PUNCTUATION : random.nextBoolean() ? NUMBERS : STRINGS;
                return json.substring(0, t[0]) + pool[random.nextInt(pool.length)] + json.substring(t[1]);
            }
            case 4 -> {
                return json.substring(0, t[0]) + json.substring(t[1]);
            }
            case 5 -> {
                return json.substring(0, t[1]) + token + json.substring(t[1]);
            }
            case 6 -> {
                int[] u = tokens.get(random.nextInt(tokens.size()));
                if (u[0] == t[0]) {
                    return json;
                }
                int[] first = u[0] < t[0] ? u : t;
                int[] second = u[0] < t[0] ? t : u;
                return json.substring(0, first[0]) + json.substring(second[0], second[1])
                        + json.substring(first[1], second[0]) + json.substring(first[0], first[1])
                        + json.substring(second[1]);
            }
            case 7 -> {
                int from = random.nextInt(json.length());
                int to = Math.min(json.length(), from + 1 + random.nextInt(40));
                return json.substring(0, from) + json.substring(to);
            }
            default -> {
                StringBuilder insert = new StringBuilder();
                int n = 1 + random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    insert.appendCodePoint(switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x20);
                        case 1 -> random.nextInt(0x20, 0x7F);
                        case 2 -> random.nextInt(0x80, 0xD800);
                        default -> random.nextInt(0x10000, 0x110000);
                    });
                }
                int at = random.nextInt(json.length() + 1);
                return json.substring(0, at) + insert + json.substring(at);
            }
        }
    }

    private static boolean isNumberStart(char c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    /** Spans [start, end) of JSON tokens: strings, punctuation, and runs of anything else (numbers, literals). */
    private static List<int[]> tokens(String json) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end;
            if (c == '"') {
                end = i + 1;
                while (end < n && json.charAt(end) != '"') {
                    end += json.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
            } else if ("{}[]:,".indexOf(c) >= 0) {
                end = i + 1;
            } else {
                end = i;
                while (end < n && !Character.isWhitespace(json.charAt(end))
                        && "{}[]:,\"".indexOf(json.charAt(end)) < 0) {
                    end++;
                }
            }
            spans.add(new int[] {i, end});
            i = end;
        }
        return spans;
    }

    /** Random JSON shaped loosely like a header: the real field names with values of random kinds. */
    private static String randomJson(SplittableRandom random, int depth) {
        String[] fields = {"config", "training", "history", "weights", "device", "dataName", "snapshotVersion",
                "step", "kind", "imageRows", "imageCols", "latent", "hidden", "reconstruction", "beta", "objective",
                "epochs", "batchSize", "learningRate", "seed", "limit", "name", "shape", "epoch", "train", "test"};
        int kind = depth > 4 ? 2 + random.nextInt(3) : random.nextInt(5);
        switch (kind) {
            case 0 -> {
                StringBuilder s = new StringBuilder("{");
                int n = random.nextInt(8);
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append('"').append(fields[random.nextInt(fields.length)]).append("\":")
                            .append(randomJson(random, depth + 1));
                }
                return s.append('}').toString();
            }
            case 1 -> {
                StringBuilder s = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append(randomJson(random, depth + 1));
                }
                return s.append(']').toString();
            }
            case 2 -> {
                return NUMBERS[random.nextInt(NUMBERS.length)];
            }
            case 3 -> {
                return STRINGS[random.nextInt(STRINGS.length)];
            }
            default -> {
                return random.nextBoolean() ? "null" : "[" + random.nextInt(5) + "," + random.nextInt(5) + "]";
            }
        }
    }

    // ------------------------------------------------------------------------------------ running a case

    /** What one load did: the checkpoint or what was thrown, and the bytes its thread allocated (-1: unknown). */
    private record Attempt(Checkpoint value, Throwable thrown, long allocated) {
    }

    /** Loads through the folder (the file is model.vae) or through the file's own ".vae" name. */
    private static Attempt attempt(Path file, boolean viaFolder, String context) {
        Path source = viaFolder ? file.getParent() : file;
        return assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            long before = allocatedBytes();
            try {
                Checkpoint value = CheckpointIO.load(source);
                return new Attempt(value, null, allocatedBytes() - before);
            } catch (Throwable t) { // OutOfMemoryError and friends included: the checks below name them
                return new Attempt(null, t, allocatedBytes() - before);
            }
        }, () -> context + ": no answer within " + CASE_TIMEOUT.toSeconds() + " s (hang?)");
    }

    /** The case's file; its folder holds nothing else, so it can also be loaded as a folder's model.vae. */
    private Path writeCase(int caseNo, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(root.resolve("case-" + caseNo));
        return Files.write(dir.resolve(CheckpointIO.FILE_NAME), bytes);
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    /** The file is read whole, then split into header and values: a few copies of it, never what a header claims. */
    private static void checkAllocation(Attempt attempt, long fileLength, String context) {
        long limit = ALLOCATION_SLACK + 8 * fileLength;
        maxAllocated = Math.max(maxAllocated, attempt.allocated());
        if (attempt.allocated() > limit) {
            fail(context + ": allocated " + attempt.allocated() + " bytes for a " + fileLength + "-byte file");
        }
    }

    private static void refused(Attempt attempt, Path file, String context) {
        Throwable t = attempt.thrown();
        if (t == null) {
            fail(context + ": loaded, but should have been refused");
        }
        if (!(t instanceof CheckpointException)) {
            throw new AssertionError(context + ": threw " + t + " instead of a CheckpointException", t);
        }
        String message = t.getMessage();
        assertTrue(message != null && !message.contains("\n") && !message.contains("\r"),
                () -> context + ": message is not one line: " + message);
        assertTrue(message.contains(file.toString()),
                () -> context + ": message does not name " + file + ": " + message);
    }

    /**
     * A load that succeeded must hold exactly the file's value bytes, in header order, and must survive being
     * saved and loaded again unchanged (what load accepts, save can write).
     */
    private void loadedExactly(Attempt attempt, byte[] fileBytes, Path file, String context) {
        if (attempt.thrown() != null) {
            throw new AssertionError(context + ": a valid file was refused: " + attempt.thrown(), attempt.thrown());
        }
        Checkpoint loaded = attempt.value();
        Parts parts = Parts.of(fileBytes);
        ByteBuffer values = ByteBuffer.wrap(parts.values).order(ByteOrder.LITTLE_ENDIAN);
        for (NamedWeight w : loaded.weights().weights()) {
            for (int i = 0; i < w.values().length; i++) {
                int expected = values.getInt();
                if (Float.floatToRawIntBits(w.values()[i]) != expected) {
                    fail(context + ": " + w.name() + "[" + i + "] differs from the file's bits");
                }
            }
        }
        assertEquals(0, values.remaining(), context + ": values left over after the last weight");
        if (fileBytes.length < 200_000) { // the shipped model would cost a forced 2.5 MB write per case
            Path again = CheckpointIO.save(loaded, file.resolveSibling("again.vae"));
            assertEquals(loaded, CheckpointIO.load(again), context + ": changed in a save and load");
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** A checkpoint with awkward contents: special floats, empty and 0-d shapes, non-finite losses, unicode. */
    private static Checkpoint smallCheckpoint() {
        SplittableRandom random = new SplittableRandom(11);
        float[] special = {Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-3f, 0f, 1f};
        List<NamedWeight> weights = List.of(
                weight("encoder.weight", random, 6, 5),
                new NamedWeight("encoder.bias", new long[] {8}, special),
                weight("mu.weight", random, 2, 6),
                weight("mu.bias", random, 2),
                weight("scale", random),
                new NamedWeight("empty", new long[] {0, 4}, new float[0]),
                weight("decoder.weight", random, 4, 2, 3));
        ModelConfig config = ModelConfig.mlp(2, List.of(6)).withBeta(0.25f);
        TrainingConfig training = new TrainingConfig(3, 16, 1e-3f, -5, 100);
        List<EpochRecord> history = List.of(
                new EpochRecord(1, 7, new LossParts(200.5, 3.25), new LossParts(Double.NaN, Double.NEGATIVE_INFINITY),
                        0.125, 1e300),
                new EpochRecord(2, 14, new LossParts(150.0, 4.0), null, -0.0, Double.MIN_VALUE));
        return new Checkpoint(new WeightSnapshot(config, 17, 14, weights), training, history, "cpu()",
                "fuzz \"data\" \u00fc\u20ac");
    }

    private static NamedWeight weight(String name, SplittableRandom random, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-2, 2);
        }
        return new NamedWeight(name, shape, values);
    }

    private static int interestingInt(SplittableRandom random, int fileLength) {
        int[] values = {0, 1, -1, 2, 7, 8, 16, 24, Integer.MAX_VALUE, Integer.MIN_VALUE, fileLength, fileLength - 24,
                fileLength - 23, fileLength - 25, fileLength - 16, 0x7FFF_FFF0};
        return random.nextInt(3) == 0 ? random.nextInt() : values[random.nextInt(values.length)];
    }

    private static byte[] withInt(byte[] file, int offset, int value) {
        byte[] out = file.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return out;
    }

    private static byte[] flipBits(byte[] bytes, int from, int to, int flips, SplittableRandom random) {
        byte[] out = bytes.clone();
        for (int i = 0; i < flips && to > from; i++) {
            out[random.nextInt(from, to)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private static byte[] overwriteBytes(byte[] bytes, int from, int to, int count, SplittableRandom random) {
        byte[] out = bytes.clone();
        for (int i = 0; i < count && to > from; i++) {
            out[random.nextInt(from, to)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String context(int caseNo, String what) {
        return "seed=" + SEED + " case=" + caseNo + " " + what + " (replay: -Dfuzz.seed=" + SEED + " -Dfuzz.case="
                + caseNo + ")";
    }

    private static void report(String what, int ran, long startNanos, String detail) {
        System.out.printf("CheckpointFuzzTest: %d %s in %.1f s (seed %d), at most %.1f MB allocated by one load %s%n",
                ran, what, (System.nanoTime() - startNanos) / 1e9, SEED, maxAllocated / 1e6, detail);
        maxAllocated = -1;
    }

    private static SplittableRandom caseRandom(long caseNo) {
        return new SplittableRandom(SEED * 0x9E37_79B9_7F4A_7C15L + caseNo);
    }
}
