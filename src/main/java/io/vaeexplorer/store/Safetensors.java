package io.vaeexplorer.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.vaeexplorer.core.NamedWeight;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes float32 tensors in the safetensors format (github.com/huggingface/safetensors), which PyTorch,
 * JAX and the Hugging Face tools load without running any code from the file.
 *
 * <pre>
 * offset  size  content
 * 0       8     uint64 little-endian header length N
 * 8       N     UTF-8 JSON object: for each tensor, name -&gt; {"dtype":"F32","shape":[...],"data_offsets":[b,e]},
 *               and optionally "__metadata__" -&gt; {string: string}; padded with spaces
 * 8+N     ...   the tensors' bytes, little-endian, row-major; each tensor at [b, e) of this part
 * </pre>
 *
 * <p>Written by hand with Gson: DJL's own safetensors encoding writes no metadata (where the model's settings go)
 * and only the engine package may use DJL, and Maven Central has no maintained Java safetensors library. The
 * format is small enough to check completely on reading: the header's length against the file, every tensor's byte
 * range against its shape, and the ranges covering the data exactly, without gaps or overlaps, as the reference
 * implementation requires.
 */
public final class Safetensors {

    /** The name of the header entry that holds the string-to-string metadata. */
    public static final String METADATA = "__metadata__";
    /** The reference implementation refuses larger headers; so does this one, before allocating anything. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    /** Whole files are read into one array. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    private static final int LENGTH_BYTES = 8;
    /** The data starts at a multiple of 8 bytes, as the reference writer aligns it. */
    private static final int ALIGNMENT = 8;
    private static final int WRITE_CHUNK_FLOATS = 1 << 18;

    /** The tensors of a file in the order of their data, and its metadata (empty when it has none). */
    public record Contents(List<NamedWeight> tensors, Map<String, String> metadata) {

        public Contents {
            tensors = List.copyOf(tensors);
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    private Safetensors() {
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Writes the tensors, in the given order, and the metadata atomically to {@code file}.
     *
     * @throws IOException if the file cannot be written; a previous file of that name is then untouched
     * @throws IllegalArgumentException for two tensors of one name or a name that is the metadata's key
     */
    public static void write(Path file, List<NamedWeight> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.allocate(Math.max(LENGTH_BYTES + header.length, 4 * WRITE_CHUNK_FLOATS))
                    .order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(header.length).put(header).flip();
            writeFully(channel, buffer);
            for (NamedWeight tensor : tensors) {
                float[] values = tensor.values();
                for (int offset = 0; offset < values.length; offset += WRITE_CHUNK_FLOATS) {
                    int n = Math.min(WRITE_CHUNK_FLOATS, values.length - offset);
                    buffer.clear();
                    buffer.asFloatBuffer().put(values, offset, n); // the view keeps the little-endian order
                    buffer.limit(4 * n);
                    writeFully(channel, buffer);
                }
            }
        });
    }

    /** The JSON header, metadata first, then the tensors with consecutive byte ranges, padded with spaces. */
    static byte[] header(List<NamedWeight> tensors, Map<String, String> metadata) {
        JsonObject json = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            json.add(METADATA, meta);
        }
        long offset = 0;
        for (NamedWeight tensor : tensors) {
            if (tensor.name().equals(METADATA) || json.has(tensor.name())) {
                throw new IllegalArgumentException("two tensors, or a tensor and the metadata, named " + tensor.name());
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long d : tensor.shape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            long end = offset + 4L * tensor.values().length;
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            entry.add("data_offsets", offsets);
            json.add(tensor.name(), entry);
            offset = end;
        }
        byte[] text = CheckpointIO.JSON.toJson(json).getBytes(UTF_8);
        int padded = (LENGTH_BYTES + text.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT - LENGTH_BYTES;
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * Reads every tensor and the metadata of a safetensors file.
     *
     * @throws CheckpointException naming the file and the problem when it cannot be read, is truncated, is not a
     *         safetensors file, holds a tensor of another type than F32, or its byte ranges do not fit
     */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CheckpointException(file + " is too large to read (" + size + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + CheckpointIO.describe(e), e);
        }
        return decode(file, bytes);
    }

    /** Whether the bytes begin as a safetensors file does: a header length that fits, then a JSON object. */
    static boolean looksLike(byte[] bytes) {
        if (bytes.length <= LENGTH_BYTES) {
            return false;
        }
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return headerLength > 0 && headerLength <= bytes.length - LENGTH_BYTES && bytes[LENGTH_BYTES] == '{';
    }

    /** Checks the file part by part, each against what came before, then copies the values out. */
    static Contents decode(Path file, byte[] bytes) {
        if (bytes.length < LENGTH_BYTES) {
            throw new CheckpointException(file + " is not a safetensors file (" + bytes.length
                    + " bytes, shorter than the 8-byte header length)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong(0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new CheckpointException(file + " is not a safetensors file (header length "
                    + Long.toUnsignedString(headerLength) + ")");
        }
        if (LENGTH_BYTES + headerLength > bytes.length) {
            throw new CheckpointException(file + " is truncated (" + bytes.length + " bytes, but its header alone"
                    + " needs " + (LENGTH_BYTES + headerLength) + ")");
        }
        int dataStart = LENGTH_BYTES + (int) headerLength;
        JsonObject header = parseHeader(file, new String(bytes, LENGTH_BYTES, (int) headerLength, UTF_8));
        Map<String, String> metadata = metadata(file, header.get(METADATA));

        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> member : header.entrySet()) {
            if (!member.getKey().equals(METADATA)) {
                entries.add(entry(file, member.getKey(), member.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long dataLength = bytes.length - (long) dataStart;
        checkCoverage(file, entries, dataLength);

        List<NamedWeight> tensors = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            float[] values = new float[Math.toIntExact((entry.end() - entry.begin()) / 4)];
            buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(dataStart + (int) entry.begin())
                    .limit(dataStart + (int) entry.end()).asFloatBuffer().get(values);
            tensors.add(new NamedWeight(entry.name(), entry.shape(), values));
        }
        return new Contents(tensors, metadata);
    }

    private static JsonObject parseHeader(Path file, String text) {
        if (!text.startsWith("{")) {
            throw new CheckpointException(file + " is not a safetensors file (its header is no JSON object)");
        }
        try {
            JsonElement json = JsonParser.parseString(text);
            if (!json.isJsonObject()) {
                throw new CheckpointException(file + " is not a safetensors file (its header is no JSON object)");
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CheckpointException(file + " has an unreadable safetensors header: " + CheckpointIO.oneLine(e),
                    e);
        }
    }

    private static Map<String, String> metadata(Path file, JsonElement json) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (json == null || json.isJsonNull()) {
            return metadata;
        }
        if (!json.isJsonObject()) {
            throw new CheckpointException(file + " has malformed safetensors metadata (not an object of strings)");
        }
        for (Map.Entry<String, JsonElement> member : json.getAsJsonObject().entrySet()) {
            if (!(member.getValue() instanceof JsonPrimitive p) || !p.isString()) {
                throw new CheckpointException(file + " has malformed safetensors metadata (" + member.getKey()
                        + " is not a string)");
            }
            metadata.put(member.getKey(), p.getAsString());
        }
        return metadata;
    }

    /** A tensor's header entry, checked on its own: F32, a shape, and a byte range of exactly its size. */
    private record Entry(String name, long[] shape, long begin, long end) {
    }

    private static Entry entry(Path file, String name, JsonElement json) {
        String where = file + ": tensor " + name;
        if (!json.isJsonObject()) {
            throw new CheckpointException(where + " has no dtype, shape and data_offsets");
        }
        JsonObject object = json.getAsJsonObject();
        JsonElement dtype = object.get("dtype");
        if (!(dtype instanceof JsonPrimitive p) || !p.isString()) {
            throw new CheckpointException(where + " has no dtype");
        }
        if (!p.getAsString().equals("F32")) {
            throw new CheckpointException(where + " is " + p.getAsString() + ", but only F32 (float32) tensors are"
                    + " read; convert it with tensor.float() before saving");
        }
        long[] shape = naturals(where, "shape", object.get("shape"), -1);
        long[] offsets = naturals(where, "data_offsets", object.get("data_offsets"), 2);
        long count = 1;
        try {
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            if (Math.multiplyExact(count, 4) != offsets[1] - offsets[0]) {
                throw new CheckpointException(where + " has shape " + Arrays.toString(shape) + " (" + 4 * count
                        + " bytes) but data_offsets " + Arrays.toString(offsets) + " (" + (offsets[1] - offsets[0])
                        + " bytes)");
            }
        } catch (ArithmeticException e) {
            throw new CheckpointException(where + " has a shape too large to read: " + Arrays.toString(shape), e);
        }
        return new Entry(name, shape, offsets[0], offsets[1]);
    }

    /** An array of whole numbers >= 0, of {@code length} elements unless it is negative. */
    private static long[] naturals(String where, String key, JsonElement json, int length) {
        if (json == null || !json.isJsonArray() || (length >= 0 && json.getAsJsonArray().size() != length)) {
            throw new CheckpointException(where + " has no " + key + (length >= 0 ? " of " + length + " numbers" : ""));
        }
        JsonArray array = json.getAsJsonArray();
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonElement element = array.get(i);
            String text = element instanceof JsonPrimitive p && p.isNumber() ? p.getAsString() : "";
            try {
                if (!text.matches("[0-9]{1,19}")) {
                    throw new NumberFormatException(text);
                }
                values[i] = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new CheckpointException(where + " has " + key + " " + array + ", not whole numbers >= 0", e);
            }
        }
        return values;
    }

    /** The byte ranges, sorted, must tile the data part exactly: from 0, each where the last ended, to its end. */
    private static void checkCoverage(Path file, List<Entry> entries, long dataLength) {
        long expected = 0;
        for (Entry entry : entries) {
            if (entry.begin() != expected || entry.end() < entry.begin()) {
                throw new CheckpointException(file + " is corrupt: tensor " + entry.name() + " starts at byte "
                        + entry.begin() + " of the data, where " + (entry.begin() < expected ? "another tensor lies"
                        : "byte " + expected + " was expected"));
            }
            expected = entry.end();
        }
        if (expected > dataLength) {
            throw new CheckpointException(file + " is truncated (its tensors need " + expected
                    + " bytes of data, the file holds " + dataLength + ")");
        }
        if (expected < dataLength) {
            throw new CheckpointException(file + " is corrupt: " + (dataLength - expected)
                    + " bytes after the last tensor belong to none");
        }
    }
}
