package io.vaeexplorer.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format: a magic number, big-endian 32-bit sizes, then unsigned bytes), plain or
 * gzipped. Every problem becomes a {@link DataException} naming the file. Sizes in the header are never
 * trusted for allocation: a plain file's claim is checked against its length first, and gzipped data is read
 * into a buffer that grows with what actually arrives, capped at the claimed size.
 */
public final class IdxReader {

    /** Unsigned bytes, three dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, one dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    // The largest byte[] the JVM reliably allows.
    static final int MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    // How many surplus bytes after the data are counted before the message just says "more than".
    private static final int TRAILING_COUNT_LIMIT = 1 << 20;
    private static final int BUFFER_SIZE = 1 << 16;

    /**
     * Images as stored: {@code count * rows * cols} unsigned bytes, row-major, image after image.
     */
    public record RawImages(int count, int rows, int cols, byte[] pixels) {
        public RawImages {
            Objects.requireNonNull(pixels, "pixels");
            if (count <= 0 || rows <= 0 || cols <= 0 || pixels.length != (long) count * rows * cols) {
                throw new IllegalArgumentException("bad shape: " + count + " images of " + rows + "x" + cols
                        + " in " + pixels.length + " bytes");
            }
        }
    }

    /** The two IDX layouts this project reads. */
    private enum Kind {
        IMAGES(IMAGES_MAGIC, "images", "images", "rows", "columns"),
        LABELS(LABELS_MAGIC, "labels", "labels");

        final int magic;
        final String what;
        final String[] dimensionNames;

        Kind(int magic, String what, String... dimensionNames) {
            this.magic = magic;
            this.what = what;
            this.dimensionNames = dimensionNames;
        }

        int headerBytes() {
            return 4 + 4 * dimensionNames.length;
        }
    }

    /** Header sizes and the data after it. */
    private record Contents(int[] dims, byte[] data) {
    }

    private IdxReader() {
    }

    public static RawImages readImages(Path file) {
        Contents c = read(file, Kind.IMAGES);
        return new RawImages(c.dims[0], c.dims[1], c.dims[2], c.data);
    }

    public static byte[] readLabels(Path file) {
        return read(file, Kind.LABELS).data;
    }

    private static Contents read(Path file, Kind kind) {
        String name = displayName(file);
        long fileSize = checkReadableFile(file, name);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE)) {
            boolean gzip = startsWithGzipMagic(raw);
            try {
                InputStream in = gzip ? new GZIPInputStream(raw, BUFFER_SIZE) : raw;
                return readContents(in, kind, name, gzip ? -1 : fileSize);
            } catch (ZipException | EOFException e) {
                if (!gzip) {
                    throw e;
                }
                throw new DataException(name + ": truncated or corrupt gzip data (" + e.getMessage() + ")", e);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new DataException(name + ": could not be read (" + e + ")", e);
        }
    }

    /** Returns the file's size after checking that it exists, is a file and is not empty. */
    private static long checkReadableFile(Path file, String name) {
        if (!Files.exists(file)) {
            throw new DataException(name + ": file not found (" + file.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataException(name + ": not a regular file (" + file.toAbsolutePath() + ")");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new DataException(name + ": file is empty");
            }
            return size;
        } catch (IOException e) {
            throw new DataException(name + ": could not be read (" + e + ")", e);
        }
    }

    // Gzip is recognised by content, not extension, so a renamed file still loads.
    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /**
     * Reads header and data from {@code in}. {@code plainSize} is the file length for an uncompressed file
     * (lets the header be checked before anything big is allocated), or -1 for decompressed data.
     */
    private static Contents readContents(InputStream in, Kind kind, String name, long plainSize)
            throws IOException {
        byte[] header = in.readNBytes(kind.headerBytes());
        if (header.length >= 4) {
            int magic = bigEndianInt(header, 0);
            if (magic != kind.magic) {
                throw new DataException(String.format("%s: wrong magic number 0x%08x (expected 0x%08x for IDX %s)%s",
                        name, magic, kind.magic, kind.what, otherKindHint(magic, kind)));
            }
        }
        if (header.length < kind.headerBytes()) {
            throw new DataException(name + ": too short for an IDX " + kind.what + " header ("
                    + header.length + " of " + kind.headerBytes() + " bytes)");
        }
        int[] dims = new int[kind.dimensionNames.length];
        long dataBytes = 1;
        for (int d = 0; d < dims.length; d++) {
            long size = Integer.toUnsignedLong(bigEndianInt(header, 4 + 4 * d));
            String dimName = kind.dimensionNames[d];
            if (size == 0) {
                throw new DataException(name + ": header claims 0 " + dimName + " (must be at least 1)");
            }
            if (size > Integer.MAX_VALUE) {
                throw new DataException(name + ": header claims " + size + " " + dimName
                        + ", more than the 2147483647 this reader accepts (file corrupt?)");
            }
            dims[d] = (int) size;
            dataBytes *= size; // at most (2^31)^2 here, so no overflow before the check below
            if (dataBytes > MAX_DATA_BYTES) {
                throw new DataException(name + ": header claims " + describe(header, kind)
                        + ", over the " + MAX_DATA_BYTES + "-byte limit; refusing to load (file corrupt?)");
            }
        }
        int count = dims[0];
        int itemBytes = (int) (dataBytes / count);
        int claimed = (int) dataBytes;

        byte[] data;
        if (plainSize >= 0) {
            long available = plainSize - kind.headerBytes();
            if (available < claimed) {
                throw shortData(name, kind, available / itemBytes, count);
            }
            if (available > claimed) {
                throw trailingData(name, kind, count, Long.toString(available - claimed));
            }
            data = in.readNBytes(claimed);
            if (data.length < claimed) { // the file shrank while being read
                throw shortData(name, kind, data.length / itemBytes, count);
            }
        } else {
            data = readGrowing(in, claimed);
            if (data.length < claimed) {
                throw shortData(name, kind, data.length / itemBytes, count);
            }
            long extra = countRemaining(in, TRAILING_COUNT_LIMIT);
            if (extra > 0) {
                throw trailingData(name, kind, count,
                        extra > TRAILING_COUNT_LIMIT ? "more than " + TRAILING_COUNT_LIMIT : Long.toString(extra));
            }
        }
        return new Contents(dims, data);
    }

    /**
     * Reads up to {@code limit} bytes into a buffer that grows with the data actually read, so a header that
     * lies about the size cannot make us allocate memory the file does not back.
     */
    static byte[] readGrowing(InputStream in, int limit) throws IOException {
        byte[] buf = new byte[Math.min(limit, 1 << 20)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n == limit) {
                    return buf;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(limit, 2L * n));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n == buf.length ? buf : Arrays.copyOf(buf, n);
            }
            n += r;
        }
    }

    /** Counts what is left in {@code in}, stopping once more than {@code limit} bytes are seen. */
    private static long countRemaining(InputStream in, int limit) throws IOException {
        byte[] scratch = new byte[8192];
        long total = 0;
        int r;
        while (total <= limit && (r = in.read(scratch)) >= 0) {
            total += r;
        }
        return total;
    }

    private static DataException shortData(String name, Kind kind, long found, int claimed) {
        return new DataException(name + ": holds " + found + " " + kind.what + " but the header claims " + claimed
                + " (file truncated?)");
    }

    private static DataException trailingData(String name, Kind kind, int count, String extra) {
        return new DataException(name + ": has " + extra + " extra bytes after the " + count + " " + kind.what
                + " the header claims");
    }

    private static String describe(byte[] header, Kind kind) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < kind.dimensionNames.length; d++) {
            s.append(d == 0 ? "" : d == 1 ? " of " : "x")
                    .append(Integer.toUnsignedLong(bigEndianInt(header, 4 + 4 * d)));
            if (d == 0) {
                s.append(' ').append(kind.dimensionNames[0]);
            }
        }
        return s.toString();
    }

    private static String otherKindHint(int magic, Kind expected) {
        for (Kind other : Kind.values()) {
            if (other != expected && other.magic == magic) {
                return "; this looks like an IDX " + other.what + " file";
            }
        }
        return "";
    }

    private static int bigEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static String displayName(Path file) {
        Path fileName = file.getFileName();
        return fileName == null ? file.toString() : fileName.toString();
    }
}
