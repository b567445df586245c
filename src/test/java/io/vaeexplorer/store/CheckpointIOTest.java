package io.vaeexplorer.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CheckpointIOTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------------- round trips

    @Test
    void roundTripKeepsEveryFieldExactly() {
        Checkpoint original = sample(1);

        Path file = CheckpointIO.save(original, dir);
        Checkpoint loaded = CheckpointIO.load(dir);

        assertEquals(dir.resolve(CheckpointIO.FILE_NAME), file);
        assertEquals(original.config(), loaded.config());
        assertEquals(Float.floatToRawIntBits(original.config().beta()), Float.floatToRawIntBits(loaded.config().beta()));
        assertEquals(original.training(), loaded.training());
        assertEquals(Float.floatToRawIntBits(original.training().learningRate()),
                Float.floatToRawIntBits(loaded.training().learningRate()));
        assertEquals(original.history(), loaded.history()); // record equality compares doubles bit for bit
        assertEquals(original.device(), loaded.device());
        assertEquals(original.dataName(), loaded.dataName());
        assertEquals(original.weights().version(), loaded.weights().version());
        assertEquals(original.weights().step(), loaded.weights().step());
        List<NamedWeight> expected = original.weights().weights();
        List<NamedWeight> actual = loaded.weights().weights();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).name(), actual.get(i).name());
            assertArrayEquals(expected.get(i).shape(), actual.get(i).shape());
            assertArrayEquals(rawBits(expected.get(i).values()), rawBits(actual.get(i).values()), expected.get(i).name());
        }
        assertEquals(original, loaded);
    }

    @Test
    void savesToANamedVaeFileAndCreatesMissingFolders() {
        Path file = dir.resolve("runs/beta4/best.vae");
        Checkpoint checkpoint = sample(2);

        assertEquals(file, CheckpointIO.save(checkpoint, file));
        assertEquals(checkpoint, CheckpointIO.load(file));

        Path folder = dir.resolve("a/b/c");
        CheckpointIO.save(checkpoint, folder);
        assertEquals(checkpoint, CheckpointIO.load(folder.resolve(CheckpointIO.FILE_NAME)));
    }

    @Test
    void savingAgainReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        CheckpointIO.save(sample(1), dir);
        Checkpoint newer = sample(2);

        CheckpointIO.save(newer, dir);

        assertEquals(newer, CheckpointIO.load(dir));
        assertEquals(List.of(MetricsCsv.FILE_NAME, CheckpointIO.FILE_NAME), fileNames(dir), "the model and its log, no temporary file");
    }

    /** How long this takes is measured by {@link CheckpointIOBenchmark}. */
    @Test
    void largeModelRoundTrips() {
        Checkpoint big = large();
        assertTrue(big.weights().parameterCount() > 640_000);
        CheckpointIO.save(big, dir);
        assertEquals(big, CheckpointIO.load(dir));
    }

    /** About the size of the tutorials' MLP 784-400-20: 650k parameters, 2.6 MB. */
    static Checkpoint large() {
        Random random = new Random(7);
        List<NamedWeight> weights = List.of(
                weight("encoder.weight", random, 400, 784),
                weight("encoder.bias", random, 400),
                weight("decoder.weight", random, 784, 400),
                weight("decoder.bias", random, 784),
                weight("latent.weight", random, 40, 400));
        return new Checkpoint(new WeightSnapshot(ModelConfig.mlp(20, List.of(400)), 3, 4690, weights),
                TrainingConfig.defaults(), List.of(), "cpu()", "mnist");
    }

    // ------------------------------------------------------------------------------------------ bad files

    @Test
    void aMissingFileIsNamed() {
        assertRefused(() -> CheckpointIO.load(dir), "no model.vae in " + dir);
        assertRefused(() -> CheckpointIO.load(dir.resolve("other.vae")), "no other.vae in " + dir);
    }

    @Test
    void aFlippedByteAnywhereAfterThePreambleIsRefusedAsCorrupt() throws IOException {
        Path file = CheckpointIO.save(sample(1), dir);
        byte[] good = Files.readAllBytes(file);

        for (int offset = 16; offset < good.length; offset += offset < good.length - 12 ? 29 : 1) {
            byte[] bad = good.clone();
            bad[offset] ^= (byte) 0xFF;
            Files.write(file, bad);
            assertRefused(() -> CheckpointIO.load(dir), file + " is corrupt (checksum mismatch)");
        }
    }

    @Test
    void aFileCutShortIsRefusedAsTruncated() throws IOException {
        Path file = CheckpointIO.save(sample(1), dir);
        byte[] good = Files.readAllBytes(file);
        int headerEnd = 16 + ByteBuffer.wrap(good, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();

        for (int length : new int[] {1, 7, 8, 12, 15, 16, 40, headerEnd / 2, headerEnd, headerEnd + 3, headerEnd + 8,
                (headerEnd + good.length) / 2, good.length - 8, good.length - 1}) {
            Files.write(file, Arrays.copyOf(good, length));
            assertRefused(() -> CheckpointIO.load(dir), file + " is truncated");
        }
    }

    @Test
    void randomBytesAndAnEmptyFileAreNotCheckpoints() throws IOException {
        Path file = dir.resolve(CheckpointIO.FILE_NAME);
        byte[] random = new byte[5000];
        new Random(3).nextBytes(random);
        Files.write(file, random);
        assertRefused(() -> CheckpointIO.load(dir), file + " is not a VAE explorer checkpoint");

        Files.write(file, new byte[0]);
        assertRefused(() -> CheckpointIO.load(dir), file + " is not a VAE explorer checkpoint");

        Files.writeString(file, "{\"config\": {}}");
        assertRefused(() -> CheckpointIO.load(dir), file + " is not a VAE explorer checkpoint");
    }

    @Test
    void anotherFormatVersionIsRefused() throws IOException {
        Path file = CheckpointIO.save(sample(1), dir);
        Files.write(file, build(2, header(file), values(file)));

        assertRefused(() -> CheckpointIO.load(dir), file + " has checkpoint format version 2");
    }

    @Test
    void anImpossibleHeaderLengthIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path file = CheckpointIO.save(sample(1), dir);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, Integer.MAX_VALUE);
        Files.write(file, bytes);

        assertRefused(() -> CheckpointIO.load(dir), file + " is truncated or corrupt");
    }

    @Test
    void valuesThatDoNotMatchTheShapesAreRefused() throws IOException {
        Path file = CheckpointIO.save(sample(1), dir);
        String header = header(file);
        byte[] values = values(file);

        // the checksum is right, but the header promises 16 more values than the file holds
        Files.write(file, build(1, header.replace("[16,8]", "[16,9]"), values));
        assertRefused(() -> CheckpointIO.load(dir), file + " is inconsistent");

        Files.write(file, build(1, header, Arrays.copyOf(values, values.length + 4)));
        assertRefused(() -> CheckpointIO.load(dir), file + " is inconsistent");

        Files.write(file, build(1, header.replace("[16,8]", "[16,-8]"), values));
        assertRefused(() -> CheckpointIO.load(dir), file + " has an inconsistent header");
    }

    @Test
    void anUnreadableOrIncompleteHeaderIsRefused() throws IOException {
        Path file = CheckpointIO.save(sample(1), dir);
        String header = header(file);
        byte[] values = values(file);

        Files.write(file, build(1, "{not json at all", values));
        assertRefused(() -> CheckpointIO.load(dir), file + " has an unreadable header");

        Files.write(file, build(1, header.replace("\"config\"", "\"konfig\""), values));
        assertRefused(() -> CheckpointIO.load(dir), file + " has an incomplete header (no config)");

        Files.write(file, build(1, header.replace("\"MLP\"", "\"TRANSFORMER\""), values));
        assertRefused(() -> CheckpointIO.load(dir), file + " has an unreadable header: missing or unknown kind");

        Files.write(file, build(1, header.replace("\"latent\":2", "\"latent\":-2"), values));
        assertRefused(() -> CheckpointIO.load(dir), file + " has an unreadable header");
    }

    @Test
    void anotherArchitectureIsRefusedNamingBoth() {
        ModelConfig small = ModelConfig.mlp(2, List.of(32));
        Checkpoint checkpoint = new Checkpoint(new WeightSnapshot(small, 1, 1, sample(1).weights().weights()),
                TrainingConfig.defaults(), List.of(), "cpu()", "mnist");
        Path file = CheckpointIO.save(checkpoint, dir);

        assertRefused(() -> CheckpointIO.load(dir, ModelConfig.mlp(2, List.of(400))),
                file + " is MLP 784-32-2 but MLP 784-400-2 was expected");
        // loss settings are not architecture: fine-tuning with another beta reuses the weights
        assertEquals(checkpoint, CheckpointIO.load(dir, small.withBeta(4f).withObjective(Objective.RECON_ONLY)));
    }

    // ---------------------------------------------------------------------------------------- failed saves

    @Test
    void aSaveIntoAReadOnlyFolderFailsAndKeepsThePreviousFile() throws IOException {
        Checkpoint good = sample(1);
        CheckpointIO.save(good, dir);
        File folder = dir.toFile();
        assertTrue(folder.setWritable(false));
        try {
            Assumptions.assumeFalse(Files.isWritable(dir), "running as root: a read-only folder is still writable");
            assertRefused(() -> CheckpointIO.save(sample(2), dir), "cannot save " + dir.resolve("model.vae"));
        } finally {
            folder.setWritable(true);
        }
        assertEquals(good, CheckpointIO.load(dir));
        assertEquals(List.of(CheckpointIO.FILE_NAME), fileNames(dir));
    }

    @Test
    void aSaveToARegularFileUsedAsAFolderFailsAndTouchesNothing() throws IOException {
        Checkpoint good = sample(1);
        CheckpointIO.save(good, dir);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a folder");

        assertRefused(() -> CheckpointIO.save(sample(2), notes), "cannot save " + notes.resolve("model.vae"));

        assertEquals("not a folder", Files.readString(notes));
        assertEquals(good, CheckpointIO.load(dir));
        assertEquals(List.of(MetricsCsv.FILE_NAME, CheckpointIO.FILE_NAME, "notes.txt"), fileNames(dir));
    }

    @Test
    void aSaveThatFailsAfterWritingRemovesItsTemporaryFile() throws IOException {
        // the rename fails because a non-empty folder sits where the file should go
        Path blocked = dir.resolve("run");
        Files.createDirectories(blocked.resolve(CheckpointIO.FILE_NAME));
        Files.writeString(blocked.resolve(CheckpointIO.FILE_NAME).resolve("keep.txt"), "x");

        assertRefused(() -> CheckpointIO.save(sample(1), blocked), "cannot save " + blocked.resolve("model.vae"));

        assertEquals(List.of(CheckpointIO.FILE_NAME), fileNames(blocked));
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** A checkpoint with awkward values: specials among the weights, 0-d and empty shapes, non-finite losses. */
    private static Checkpoint sample(int version) {
        Random random = new Random(version);
        float[] special = {Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-3f};
        float[] bias = random(random, 16);
        System.arraycopy(special, 0, bias, 0, special.length);
        List<NamedWeight> weights = List.of(
                weight("encoder.weight", random, 16, 8),
                new NamedWeight("encoder.bias", new long[] {16}, bias),
                weight("decoder.weight", random, 8, 16),
                weight("decoder.bias", random, 8),
                weight("log_scale", random),
                new NamedWeight("unused", new long[] {0, 3}, new float[0]));
        ModelConfig config = ModelConfig.mlp(2, List.of(16)).withBeta(Math.nextUp(0.1f));
        TrainingConfig training = new TrainingConfig(7, 64, 3e-4f, 0x7FFF_FFFF_FFFF_FFF1L, 1000);
        List<EpochRecord> history = List.of(
                new EpochRecord(1, 469, new LossParts(0.1 + 0.2, Math.PI), new LossParts(1e-300, Double.MIN_VALUE),
                        12.345678901234567, 4857.123 * version),
                new EpochRecord(2, 938, new LossParts(Double.NaN, Double.POSITIVE_INFINITY),
                        new LossParts(-0.0, Math.nextDown(1.0)), 1 / 3.0, Double.MAX_VALUE));
        return new Checkpoint(new WeightSnapshot(config, version, 938L * version, weights), training, history,
                "gpu(0)", "mnist \"digits\" ü");
    }

    private static NamedWeight weight(String name, Random random, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new NamedWeight(name, shape, random(random, (int) n));
    }

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return new String(bytes, 16, length, UTF_8);
    }

    private static byte[] values(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(bytes, 16 + length, bytes.length - 8);
    }

    /** A file in the documented format with a correct checksum, whatever its header says. */
    private static byte[] build(int version, String header, byte[] values) {
        byte[] json = header.getBytes(UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(16 + json.length + values.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("VAECKPT\n".getBytes(UTF_8)).putInt(version).putInt(json.length).put(json).put(values);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, buffer.position());
        return buffer.putLong(crc.getValue()).array();
    }

    private static List<String> fileNames(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    private static void assertRefused(Executable action, String messageStart) {
        CheckpointException e = assertThrows(CheckpointException.class, action);
        assertTrue(e.getMessage().startsWith(messageStart), () -> "expected \"" + messageStart + "...\", got \""
                + e.getMessage() + "\"");
        assertTrue(!e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
    }
}
