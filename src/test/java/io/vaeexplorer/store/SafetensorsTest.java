package io.vaeexplorer.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vaeexplorer.core.NamedWeight;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    private static final List<NamedWeight> TENSORS = List.of(
            weight("layer.weight", new Random(1), 3, 5),
            weight("layer.bias", new Random(2), 3),
            new NamedWeight("scalar", new long[0], new float[] {Float.NaN}),
            new NamedWeight("empty", new long[] {0, 4}, new float[0]),
            new NamedWeight("gr\u00fc\u00dfe \"quoted\"", new long[] {2}, new float[] {-0f, Float.NEGATIVE_INFINITY}));

    @Test
    void writtenTensorsAndMetadataReadBackBitForBitInTheirOrder() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("json", "{\"beta\": 1.0}");
        Path file = dir.resolve("a.safetensors");

        Safetensors.write(file, TENSORS, metadata);
        Safetensors.Contents contents = Safetensors.read(file);

        assertEquals(metadata, contents.metadata());
        assertEquals(TENSORS.size(), contents.tensors().size());
        for (int i = 0; i < TENSORS.size(); i++) {
            NamedWeight expected = TENSORS.get(i);
            NamedWeight actual = contents.tensors().get(i);
            assertEquals(expected.name(), actual.name());
            assertArrayEquals(expected.shape(), actual.shape());
            assertArrayEquals(rawBits(expected.values()), rawBits(actual.values()), expected.name());
        }
    }

    @Test
    void theFileIsLaidOutAsTheSpecificationSays() throws IOException {
        Path file = dir.resolve("b.safetensors");
        Safetensors.write(file, TENSORS.subList(0, 2), Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        long headerLength = buffer.getLong(0);
        assertEquals(0, (8 + headerLength) % 8, "the data starts at a multiple of 8");
        String header = new String(bytes, 8, (int) headerLength, UTF_8);
        assertTrue(header.startsWith("{"), header);
        JsonObject json = JsonParser.parseString(header).getAsJsonObject();
        assertEquals("pt", json.getAsJsonObject("__metadata__").get("format").getAsString());
        JsonObject weight = json.getAsJsonObject("layer.weight");
        assertEquals("F32", weight.get("dtype").getAsString());
        assertEquals("[3,5]", weight.get("shape").toString());
        assertEquals("[0,60]", weight.get("data_offsets").toString());
        assertEquals("[60,72]", json.getAsJsonObject("layer.bias").get("data_offsets").toString());
        assertEquals(8 + headerLength + 72, bytes.length);
        // values little-endian, row-major, where the offsets say
        float[] weightValues = TENSORS.get(0).values();
        assertEquals(weightValues[7], buffer.getFloat((int) (8 + headerLength + 4 * 7)));
        assertEquals(TENSORS.get(1).values()[2], buffer.getFloat((int) (8 + headerLength + 60 + 4 * 2)));
    }

    @Test
    void tensorsAreReadInTheOrderOfTheirDataWhateverTheHeaderOrder() throws IOException {
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path file = file("order.safetensors", header, 1f, 2f);

        Safetensors.Contents contents = Safetensors.read(file);

        assertEquals(List.of("a", "b"), contents.tensors().stream().map(NamedWeight::name).toList());
        assertEquals(1f, contents.tensors().get(0).values()[0]);
        assertEquals(2f, contents.tensors().get(1).values()[0]);
        assertTrue(contents.metadata().isEmpty());
    }

    @Test
    void twoTensorsOfOneNameAreRefusedOnWriting() {
        List<NamedWeight> twice = List.of(TENSORS.get(1), TENSORS.get(1));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x.safetensors"), twice,
                Map.of()));
    }

    @Test
    void damagedFilesGiveOneLineNamingTheFileAndTheProblem() throws IOException {
        String good = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertRefused(Files.write(dir.resolve("empty.safetensors"), new byte[0]), "not a safetensors file");
        assertRefused(Files.write(dir.resolve("short.safetensors"), new byte[5]), "not a safetensors file");
        assertRefused(withLength("huge.safetensors", Long.MAX_VALUE, good), "not a safetensors file");
        assertRefused(withLength("unsigned.safetensors", -1L, good), "not a safetensors file (header length "
                + "18446744073709551615)");
        assertRefused(withLength("long.safetensors", good.length() + 100, good), "is truncated");
        assertRefused(file("array.safetensors", "[1, 2]"), "not a safetensors file");
        assertRefused(file("broken.safetensors", "{\"t\": {"), "unreadable safetensors header");
        assertRefused(file("half.safetensors", "{\"t\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
                0f), "tensor t is F16, but only F32");
        assertRefused(file("size.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                1f, 2f), "has shape [3] (12 bytes) but data_offsets [0, 8] (8 bytes)");
        assertRefused(file("fraction.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}",
                1f, 2f), "not whole numbers");
        assertRefused(file("negative.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
                1f, 2f), "not whole numbers");
        assertRefused(file("noshape.safetensors", "{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 1f, 2f),
                "tensor t has no shape");
        assertRefused(file("gap.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                1f, 2f), "starts at byte 4 of the data, where byte 0 was expected");
        assertRefused(file("overlap.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"u\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 1f, 2f),
                "where another tensor lies");
        assertRefused(file("cut.safetensors", good, 1f), "is truncated (its tensors need 8 bytes of data, the file"
                + " holds 4)");
        assertRefused(file("extra.safetensors", good, 1f, 2f, 3f), "4 bytes after the last tensor belong to none");
        assertRefused(file("meta.safetensors", "{\"__metadata__\":{\"n\":3}}"), "metadata (n is not a string)");
        assertRefused(file("newline.safetensors", "{\"t\\nu\":{\"dtype\":\"F64\",\"shape\":[1],"
                + "\"data_offsets\":[0,8]}}", 1f, 2f), "tensor t u is F64");
        assertRefused(dir.resolve("missing.safetensors"), "cannot read");
    }

    @Test
    void aFileCutAnywhereIsRefusedInOneLine() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        Safetensors.write(whole, TENSORS.subList(0, 2), Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(whole);
        for (int length = 0; length < bytes.length; length++) {
            Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, length));
            assertRefused(cut, "");
        }
    }

    @Test
    void aDamagedHeaderIsReadOrRefusedInOneLineButNeverThrowsAnythingElse() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        Safetensors.write(whole, TENSORS.subList(0, 2), Map.of("format", "pt"));
        byte[] good = Files.readAllBytes(whole);
        int headerEnd = 8 + (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        byte[] replacements = "{}[],:\"0123456789-.eE \\ntruefalsenull".getBytes(UTF_8);
        Random random = new Random(11);
        int read = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bad = good.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(headerEnd);
                bad[at] = random.nextBoolean() ? (byte) random.nextInt(256)
                        : replacements[random.nextInt(replacements.length)];
            }
            try {
                Safetensors.decode(whole, bad);
                read++;
            } catch (CheckpointException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                assertTrue(e.getMessage().contains(whole.toString()), e.getMessage());
            }
        }
        assertTrue(read < 2000, "some damage must be noticed");
    }

    private static void assertRefused(Path file, String expected) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(file),
                file.toString());
        assertTrue(e.getMessage().contains(expected), e.getMessage() + " should say " + expected);
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** A file of the given header (its true length in front) and float values. */
    private Path file(String name, String header, float... values) throws IOException {
        return withLength(name, header.getBytes(UTF_8).length, header, values);
    }

    private Path withLength(String name, long length, String header, float... values) throws IOException {
        byte[] text = header.getBytes(UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + text.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(length).put(text);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return Files.write(dir.resolve(name), buffer.array());
    }

    static NamedWeight weight(String name, Random random, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new NamedWeight(name, shape, values);
    }

    private static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
