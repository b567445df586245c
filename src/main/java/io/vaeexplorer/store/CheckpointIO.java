package io.vaeexplorer.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.vaeexplorer.core.ArchitectureCheck;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads {@link Checkpoint}s as one self-checking file, {@value #FILE_NAME}.
 *
 * <h2>File format, version 1</h2>
 * Every number is little-endian.
 * <pre>
 * offset   size  content
 * 0        8     magic "VAECKPT\n"
 * 8        4     int32 format version, 1
 * 12       4     int32 header length H, in bytes
 * 16       H     header: UTF-8 JSON object with the fields
 *                  config (ModelConfig), training (TrainingConfig), history (list of EpochRecord),
 *                  device, dataName, snapshotVersion, step, weights (list of {name, shape})
 * 16+H     4*N   float32 values of every weight in header order, each weight row-major;
 *                  N is the sum over weights of the product of its shape
 * 16+H+4N  8     int64 CRC32 of every preceding byte
 * </pre>
 * Floats in the header are written with {@link Float#toString} and parsed with {@link Float#parseFloat}, doubles
 * likewise, so every value round-trips bit for bit (NaN and infinite losses in the history included).
 *
 * <p>Saving is atomic: the file is written to a temporary file in the same folder, forced to disk and then renamed
 * over the target, so a crash at any moment leaves either the previous file or the complete new one. Loading checks
 * the magic, the version and the checksum before it trusts anything else, and never allocates based on a length
 * it has not checked against the size of the file.
 */
public final class CheckpointIO {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointIO.class);

    public static final String FILE_NAME = "model.vae";

    static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "VAECKPT\n".getBytes(UTF_8);
    /** magic + version + header length. */
    private static final int PREAMBLE_BYTES = MAGIC.length + 4 + 4;
    private static final int CHECKSUM_BYTES = 8;
    /** Whole files are read into one array, so nothing larger can be a checkpoint. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    /** The settings' JSON, shared by every file of the store that holds them. */
    static final Gson JSON = new GsonBuilder()
            .registerTypeAdapter(float.class, new ExactFloatAdapter())
            .registerTypeAdapter(Float.class, new ExactFloatAdapter())
            .serializeSpecialFloatingPointValues() // a diverged epoch may have NaN losses, which are history too
            .disableHtmlEscaping()
            .create();

    private CheckpointIO() {
    }

    // ------------------------------------------------------------------------------------------------- saving

    /**
     * Writes the checkpoint atomically to {@code target}: a folder (created if missing) that will hold
     * {@value #FILE_NAME}, or a file whose name ends in ".vae".
     *
     * @return the file written
     * @throws CheckpointException if it cannot be written; any previous file at that place is then untouched
     */
    public static Path save(Checkpoint checkpoint, Path target) {
        Path file = checkpointFile(target);
        try {
            Path saved = AtomicFiles.write(file, channel -> writeCheckpoint(checkpoint, channel));
            writeMetrics(checkpoint, saved);
            return saved;
        } catch (IOException e) {
            throw new CheckpointException("cannot save " + file + ": " + describe(e), e);
        } catch (RuntimeException e) {
            throw new CheckpointException("cannot save " + file + ": " + oneLine(e), e);
        }
    }

    /**
     * The epochs' figures beside the model, for spreadsheets and plotting scripts. The model is what matters: a
     * log that cannot be written is a warning, not a failed save.
     */
    private static void writeMetrics(Checkpoint checkpoint, Path saved) {
        Path metrics = metricsFile(saved);
        try {
            MetricsCsv.write(checkpoint, metrics);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write {}: {}", metrics, e.toString());
        }
    }

    /** Where the metrics of a checkpoint file go: {@value MetricsCsv#FILE_NAME} beside it, or "NAME.metrics.csv" for
     * a checkpoint file of another name than {@value #FILE_NAME}. */
    public static Path metricsFile(Path checkpointFile) {
        String name = checkpointFile.getFileName().toString();
        return checkpointFile.resolveSibling(name.equals(FILE_NAME) ? MetricsCsv.FILE_NAME
                : name.replaceFirst("\\.vae$", "") + "." + MetricsCsv.FILE_NAME);
    }

    private static void writeCheckpoint(Checkpoint checkpoint, FileChannel channel) throws IOException {
        byte[] header = JSON.toJson(Header.of(checkpoint)).getBytes(UTF_8);
        ChecksummedWriter out = new ChecksummedWriter(channel);
        out.putBytes(MAGIC);
        out.putInt(FORMAT_VERSION);
        out.putInt(header.length);
        out.putBytes(header);
        for (NamedWeight weight : checkpoint.weights().weights()) {
            out.putFloats(weight.values());
        }
        out.finishWithChecksum();
    }

    // ------------------------------------------------------------------------------------------------ loading

    /**
     * Reads a checkpoint from a folder holding {@value #FILE_NAME}, from a ".vae" file, or from a ".safetensors" file
     * as {@link SafetensorsCheckpoint} exports them (weights and settings, no training history).
     *
     * @throws CheckpointException naming the file and the problem when it is missing, not a checkpoint, of another
     *         format version, truncated, corrupt or inconsistent
     */
    public static Checkpoint load(Path source) {
        if (SafetensorsCheckpoint.isSafetensors(source)) {
            return SafetensorsCheckpoint.load(source);
        }
        Path file = checkpointFile(source);
        if (!Files.exists(file)) {
            Path folder = file.toAbsolutePath().getParent();
            throw new CheckpointException("no " + file.getFileName() + " in " + folder
                    + (Files.isDirectory(folder) ? "" : " (no such folder)"));
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CheckpointException(file + " is too large to be a checkpoint (" + size + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + describe(e), e);
        }
        // An export renamed to .vae is still the model. This format never looks like one: its magic, read as the
        // safetensors header length, is far larger than any file.
        if (Safetensors.looksLike(bytes)) {
            return SafetensorsCheckpoint.decode(file, bytes);
        }
        return decode(file, bytes);
    }

    /**
     * As {@link #load(Path)}, and refuses a checkpoint of another architecture than {@code expected} (loss settings
     * such as beta may differ).
     */
    public static Checkpoint load(Path source, ModelConfig expected) {
        Checkpoint checkpoint = load(source);
        if (!ArchitectureCheck.sameArchitecture(checkpoint.config(), expected)) {
            throw new CheckpointException(loadedFile(source) + " is "
                    + ArchitectureCheck.architecture(checkpoint.config()) + " but "
                    + ArchitectureCheck.architecture(expected) + " was expected");
        }
        return checkpoint;
    }

    /** Checks, in the order that gives the most useful message, then rebuilds the checkpoint. */
    private static Checkpoint decode(Path file, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        checkMagic(file, bytes);
        if (bytes.length < PREAMBLE_BYTES) {
            throw truncated(file, bytes.length, "the preamble alone needs " + PREAMBLE_BYTES);
        }
        int version = buffer.getInt(MAGIC.length);
        if (version != FORMAT_VERSION) {
            throw new CheckpointException(file + " has checkpoint format version " + Integer.toUnsignedString(version)
                    + ", but this program reads only version " + FORMAT_VERSION);
        }
        int headerLength = buffer.getInt(MAGIC.length + 4);
        long afterHeader = (long) PREAMBLE_BYTES + Integer.toUnsignedLong(headerLength) + CHECKSUM_BYTES;
        if (headerLength < 0 || afterHeader > bytes.length) {
            throw new CheckpointException(file + " is truncated or corrupt (header length "
                    + Integer.toUnsignedString(headerLength) + " but the file has only " + bytes.length + " bytes)");
        }
        byte[] headerBytes = Arrays.copyOfRange(bytes, PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength);
        checkChecksum(file, bytes, buffer, headerBytes);

        Header header = parseHeader(file, headerBytes);
        List<float[]> values = readValues(file, buffer, header, PREAMBLE_BYTES + headerLength,
                bytes.length - CHECKSUM_BYTES);
        try {
            return header.toCheckpoint(values);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + " has an inconsistent header: " + oneLine(e), e);
        }
    }

    private static void checkMagic(Path file, byte[] bytes) {
        int n = Math.min(bytes.length, MAGIC.length);
        boolean magicSoFar = Arrays.equals(bytes, 0, n, MAGIC, 0, n);
        if (bytes.length == 0 || !magicSoFar) {
            throw new CheckpointException(file + " is not a VAE explorer checkpoint"
                    + (bytes.length == 0 ? " (empty file)" : ""));
        }
        if (bytes.length < MAGIC.length) {
            throw truncated(file, bytes.length, "the preamble alone needs " + PREAMBLE_BYTES);
        }
    }

    private static void checkChecksum(Path file, byte[] bytes, ByteBuffer buffer, byte[] headerBytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
        if (crc.getValue() == buffer.getLong(bytes.length - CHECKSUM_BYTES)) {
            return;
        }
        // A file cut short also fails the checksum; the (untrusted) header only serves to say so more precisely.
        Optional<Long> promised = promisedFileLength(headerBytes);
        if (promised.isPresent() && promised.get() > bytes.length) {
            throw truncated(file, bytes.length, "its header promises " + promised.get());
        }
        throw new CheckpointException(file + " is corrupt (checksum mismatch)");
    }

    private static Optional<Long> promisedFileLength(byte[] headerBytes) {
        try {
            Header header = JSON.fromJson(new String(headerBytes, UTF_8), Header.class);
            long valueBytes = Math.multiplyExact(4, header.valueCount());
            return Optional.of(PREAMBLE_BYTES + headerBytes.length + valueBytes + CHECKSUM_BYTES);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CheckpointException truncated(Path file, long length, String expectation) {
        return new CheckpointException(file + " is truncated (" + length + " bytes, but " + expectation + ")");
    }

    private static Header parseHeader(Path file, byte[] headerBytes) {
        Header header;
        try {
            header = JSON.fromJson(new String(headerBytes, UTF_8), Header.class);
        } catch (RuntimeException e) {
            throw new CheckpointException(file + " has an unreadable header: " + oneLine(e), e);
        }
        if (header == null) {
            throw new CheckpointException(file + " has an empty header");
        }
        header.validate(file);
        return header;
    }

    /** Reads the weight values; their count must match the shapes exactly before anything is allocated. */
    private static List<float[]> readValues(Path file, ByteBuffer buffer, Header header, int start, int end) {
        long valueBytes = end - start;
        long expected = header.valueCount();
        if (valueBytes % 4 != 0 || valueBytes / 4 != expected) { // no 4 * expected: it could overflow
            throw new CheckpointException(file + " is inconsistent: its weight shapes need " + expected
                    + " values but the file holds " + valueBytes + " bytes of values");
        }
        List<float[]> values = new ArrayList<>(header.weights().size());
        FloatBuffer floats = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(start).limit(end)
                .asFloatBuffer();
        for (WeightEntry entry : header.weights()) {
            float[] array = new float[Math.toIntExact(entry.valueCount())];
            floats.get(array);
            values.add(array);
        }
        return values;
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /** The file {@link #load(Path)} reads for {@code source}. */
    private static Path loadedFile(Path source) {
        return SafetensorsCheckpoint.isSafetensors(source) ? source : checkpointFile(source);
    }

    /** A folder means the {@value #FILE_NAME} inside it; a path ending in ".vae" that is no folder is the file. */
    private static Path checkpointFile(Path target) {
        Path name = target.getFileName();
        if (name != null && name.toString().endsWith(".vae") && !Files.isDirectory(target)) {
            return target;
        }
        return target.resolve(FILE_NAME);
    }

    /** The IOExceptions of java.nio.file carry a path and a terse reason; turn them into a phrase. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied (" + denied.getFile() + ")";
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or folder (" + missing.getFile() + ")";
        }
        if (e instanceof DirectoryNotEmptyException notEmpty) {
            return notEmpty.getFile() + " is a folder that is not empty";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " already exists and is not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return oneLine(e);
    }

    /** The innermost cause says what is wrong; Gson's wrappers only add class names and links. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof NullPointerException) {
            // the records' requireNonNull names the field; an unknown enum constant also arrives as null
            message = message == null ? "a required value is missing" : "missing or unknown " + message;
        } else if (message == null) {
            message = root.getClass().getSimpleName();
        }
        int link = message.indexOf("See https://");
        if (link >= 0) {
            message = message.substring(0, link);
        }
        return message.replaceAll("\\s+", " ").trim();
    }

    // ------------------------------------------------------------------------------------------ file contents

    /** The JSON header: everything but the weight values. */
    private record Header(ModelConfig config, TrainingConfig training, List<EpochRecord> history, String device,
                          String dataName, long snapshotVersion, long step, List<WeightEntry> weights) {

        static Header of(Checkpoint checkpoint) {
            WeightSnapshot snapshot = checkpoint.weights();
            List<WeightEntry> entries = snapshot.weights().stream()
                    .map(w -> new WeightEntry(w.name(), w.shape()))
                    .toList();
            return new Header(snapshot.config(), checkpoint.training(), checkpoint.history(), checkpoint.device(),
                    checkpoint.dataName(), snapshot.version(), snapshot.step(), entries);
        }

        /** Fields JSON may leave out or null; the records' own constructors check the rest. */
        void validate(Path file) {
            String missing = config == null ? "config" : training == null ? "training" : history == null ? "history"
                    : weights == null ? "weights" : null;
            if (missing != null) {
                throw new CheckpointException(file + " has an incomplete header (no " + missing + ")");
            }
            Set<String> names = new HashSet<>();
            for (WeightEntry entry : weights) {
                if (entry == null || entry.name() == null || entry.shape() == null) {
                    throw new CheckpointException(file + " has an incomplete header (a weight without name or shape)");
                }
                if (!names.add(entry.name())) {
                    throw new CheckpointException(file + " has an inconsistent header (weight " + entry.name()
                            + " appears twice)");
                }
                try {
                    entry.valueCount();
                } catch (ArithmeticException | IllegalArgumentException e) {
                    throw new CheckpointException(file + " has an inconsistent header (weight " + entry.name()
                            + " has shape " + Arrays.toString(entry.shape()) + ")");
                }
            }
            try {
                valueCount();
            } catch (ArithmeticException e) {
                throw new CheckpointException(file + " has an inconsistent header (too many weight values)");
            }
        }

        /** Total number of weight values; throws on negative dimensions or overflow. */
        long valueCount() {
            long n = 0;
            for (WeightEntry entry : weights) {
                n = Math.addExact(n, entry.valueCount());
            }
            return n;
        }

        Checkpoint toCheckpoint(List<float[]> values) {
            List<NamedWeight> named = new ArrayList<>(weights.size());
            for (int i = 0; i < weights.size(); i++) {
                named.add(new NamedWeight(weights.get(i).name(), weights.get(i).shape(), values.get(i)));
            }
            WeightSnapshot snapshot = new WeightSnapshot(config, snapshotVersion, step, named);
            return new Checkpoint(snapshot, training, history, device, dataName);
        }
    }

    /** A weight's place in the header; its values follow the header in the same order. */
    private record WeightEntry(String name, long[] shape) {

        /** Product of the shape, at most what fits one Java array. */
        long valueCount() {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension");
                }
                n = Math.multiplyExact(n, d);
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw new ArithmeticException("too many values for one weight");
            }
            return n;
        }
    }

    /** Writes through a large buffer and keeps a CRC32 of everything written. */
    private static final class ChecksummedWriter {

        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32 crc = new CRC32();

        ChecksummedWriter(FileChannel channel) {
            this.channel = channel;
        }

        void putInt(int value) throws IOException {
            makeRoom(4);
            buffer.putInt(value);
        }

        void putBytes(byte[] bytes) throws IOException {
            for (int offset = 0; offset < bytes.length; ) {
                makeRoom(1);
                int n = Math.min(buffer.remaining(), bytes.length - offset);
                buffer.put(bytes, offset, n);
                offset += n;
            }
        }

        void putFloats(float[] values) throws IOException {
            for (int offset = 0; offset < values.length; ) {
                makeRoom(4);
                int n = Math.min(buffer.remaining() / 4, values.length - offset);
                buffer.asFloatBuffer().put(values, offset, n); // the view keeps the buffer's little-endian order
                buffer.position(buffer.position() + 4 * n);
                offset += n;
            }
        }

        /** Flushes everything and appends the CRC32 of all bytes written so far. */
        void finishWithChecksum() throws IOException {
            flush();
            buffer.putLong(crc.getValue());
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void makeRoom(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                flush();
            }
        }

        private void flush() throws IOException {
            buffer.flip();
            crc.update(buffer.duplicate());
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    /**
     * Gson parses floats through a double, and rounding twice can miss the original float; parsing the literal
     * text with {@link Float#parseFloat} gives back exactly the float that {@link Float#toString} wrote.
     */
    private static final class ExactFloatAdapter extends TypeAdapter<Float> {

        @Override
        public void write(JsonWriter out, Float value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value);
            }
        }

        @Override
        public Float read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            String literal = in.nextString();
            try {
                return Float.parseFloat(literal);
            } catch (NumberFormatException e) {
                throw new IOException("not a number: " + literal + " at " + in.getPath(), e);
            }
        }
    }
}
