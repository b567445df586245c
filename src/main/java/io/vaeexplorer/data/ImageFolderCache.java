package io.vaeexplorer.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The decoded form of a picture folder, kept in one file so that opening the folder again skips decoding.
 *
 * <p>The file is named by a hash of every file's relative path, size and modification time together with the
 * options, so adding, removing or touching any file (or asking for another size) looks up another name and
 * misses. The format is a small header followed by the raw levels and labels, read back in chunks of a megabyte.
 * Files are written to a temporary name and moved into place, so a reader never sees half a file.
 */
final class ImageFolderCache {

    /** Names the format and the loader's split and order: a set stored by an older rule is not read back. */
    private static final String MAGIC = "VAE-IMAGE-FOLDER-CACHE 2";
    static final String SUFFIX = ".images";
    static final String LOG_SUFFIX = ".log";
    /**
     * Bytes per read or write of the levels. A file stream copies each call's bytes through a native buffer of the
     * call's size, which the thread then keeps: one call for a whole training set would hold its size again in
     * native memory for as long as the thread lives.
     */
    static final int IO_CHUNK = 1 << 20;

    private ImageFolderCache() {
    }

    /** The hex SHA-256 of the folder's file list and the options that shape the decoded set. */
    static String key(ImageFolderScan scan, ImageFolderOptions options) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder s = new StringBuilder(MAGIC).append('\n')
                    .append(options.imageSize()).append(' ').append(options.channels()).append(' ')
                    .append(Double.toString(options.testFraction())).append(' ').append(options.seed())
                    .append(' ').append(ImageDecoder.MAX_SIDE).append(' ').append(ImageDecoder.MAX_PIXELS)
                    .append('\n');
            digest.update(s.toString().getBytes(StandardCharsets.UTF_8));
            for (ImageFolderScan.Found f : scan.found) {
                digest.update((f.relativePath() + '\0' + f.size() + '\0' + f.modifiedMillis() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e); // every Java SE has it
        }
    }

    static Path file(Path cacheDir, String key) {
        return cacheDir.resolve(key + SUFFIX);
    }

    /** What a cache file holds besides the data set. */
    record Counts(int imageFiles, int skipped, int ignored, Path log) {
    }

    record Entry(Dataset dataset, Counts counts) {
    }

    /** The cached set, or null when there is none or it cannot be read whole (then it is rebuilt). */
    static Entry read(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || !key.equals(in.readUTF())) {
                return null;
            }
            String name = in.readUTF();
            int classCount = in.readInt();
            List<String> classNames = new ArrayList<>();
            for (int i = 0; i < classCount; i++) {
                classNames.add(in.readUTF());
            }
            int channels = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            Counts counts = new Counts(in.readInt(), in.readInt(), in.readInt(), optionalPath(in.readUTF()));
            LabeledImages train = readImages(in, channels, rows, cols);
            LabeledImages test = readImages(in, channels, rows, cols);
            if (in.read() != -1) {
                return null;
            }
            return new Entry(new Dataset(name, train, test, classNames), counts);
        } catch (IOException | RuntimeException e) {
            return null; // damaged or from another version: decode again
        }
    }

    private static Path optionalPath(String text) {
        return text.isEmpty() ? null : Path.of(text);
    }

    private static LabeledImages readImages(DataInputStream in, int channels, int rows, int cols) throws IOException {
        int count = in.readInt();
        long size = (long) count * channels * rows * cols;
        if (count < 0 || size > Integer.MAX_VALUE - 16) {
            throw new IOException("bad image count " + count);
        }
        byte[] levels = new byte[(int) size];
        for (int at = 0; at < levels.length; at += IO_CHUNK) {
            in.readFully(levels, at, Math.min(IO_CHUNK, levels.length - at));
        }
        byte[] labels = new byte[count];
        in.readFully(labels);
        return new LabeledImages(count, channels, rows, cols, levels, labels);
    }

    static void write(Path file, String key, Dataset data, Counts counts) throws IOException {
        writeAtomically(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeUTF(MAGIC);
            out.writeUTF(key);
            out.writeUTF(data.name());
            out.writeInt(data.classNames().size());
            for (String name : data.classNames()) {
                out.writeUTF(name);
            }
            out.writeInt(data.channels());
            out.writeInt(data.rows());
            out.writeInt(data.cols());
            out.writeInt(counts.imageFiles());
            out.writeInt(counts.skipped());
            out.writeInt(counts.ignored());
            out.writeUTF(counts.log() == null ? "" : counts.log().toString());
            for (LabeledImages set : List.of(data.train(), data.test())) {
                out.writeInt(set.count());
                byte[] levels = set.levels();
                for (int at = 0; at < levels.length; at += IO_CHUNK) {
                    out.write(levels, at, Math.min(IO_CHUNK, levels.length - at));
                }
                out.write(set.labels());
            }
            out.flush();
        });
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a temporary file beside the target and moves it into place in one step where the disk allows. */
    static void writeAtomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
