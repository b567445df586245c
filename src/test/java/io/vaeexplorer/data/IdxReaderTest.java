package io.vaeexplorer.data;

import static io.vaeexplorer.data.DataAssertions.assertDataError;
import static io.vaeexplorer.data.IdxTestFiles.gzip;
import static io.vaeexplorer.data.IdxTestFiles.idx;
import static io.vaeexplorer.data.IdxTestFiles.images;
import static io.vaeexplorer.data.IdxTestFiles.labels;
import static io.vaeexplorer.data.IdxTestFiles.randomPixels;
import static io.vaeexplorer.data.IdxTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final byte[] PIXELS = randomPixels(5, 28, 28, 42);
    private static final byte[] LABELS = {0, 9, 3, 7, 5};

    @TempDir
    Path dir;

    @Test
    void readsPlainFiles() {
        Path imagesFile = write(dir.resolve("images-idx3-ubyte"), images(5, 28, 28, PIXELS));
        Path labelsFile = write(dir.resolve("labels-idx1-ubyte"), labels(LABELS));

        IdxReader.RawImages raw = IdxReader.readImages(imagesFile);
        assertEquals(5, raw.count());
        assertEquals(28, raw.rows());
        assertEquals(28, raw.cols());
        assertArrayEquals(PIXELS, raw.pixels());
        assertArrayEquals(LABELS, IdxReader.readLabels(labelsFile));
    }

    @Test
    void readsGzippedFilesWhateverTheirName() {
        // gzip is recognised by its magic bytes: gzipped data without .gz and plain data with .gz both load
        Path gzNoExtension = write(dir.resolve("images-idx3-ubyte"), gzip(images(5, 28, 28, PIXELS)));
        Path plainWithGz = write(dir.resolve("labels-idx1-ubyte.gz"), labels(LABELS));
        Path gzLabels = write(dir.resolve("more-labels-idx1-ubyte.gz"), gzip(labels(LABELS)));

        assertArrayEquals(PIXELS, IdxReader.readImages(gzNoExtension).pixels());
        assertArrayEquals(LABELS, IdxReader.readLabels(plainWithGz));
        assertArrayEquals(LABELS, IdxReader.readLabels(gzLabels));
    }

    @Test
    void missingFile() {
        assertDataError(() -> IdxReader.readImages(dir.resolve("nope-idx3-ubyte.gz")),
                "nope-idx3-ubyte.gz", "not found");
    }

    @Test
    void emptyFile() {
        Path file = write(dir.resolve("empty-idx3-ubyte"), new byte[0]);
        assertDataError(() -> IdxReader.readImages(file), "empty-idx3-ubyte", "empty");
    }

    @Test
    void headerTooShort() {
        Path file = write(dir.resolve("short-idx3-ubyte"), Arrays.copyOf(images(5, 28, 28, PIXELS), 10));
        assertDataError(() -> IdxReader.readImages(file), "short-idx3-ubyte", "too short", "10 of 16 bytes");
    }

    @Test
    void wrongImagesMagicNumber() {
        Path file = write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(labels(LABELS)));
        assertDataError(() -> IdxReader.readImages(file), "train-images-idx3-ubyte.gz",
                "wrong magic number 0x00000801 (expected 0x00000803 for IDX images)");
    }

    @Test
    void wrongLabelsMagicNumber() {
        Path file = write(dir.resolve("labels-idx1-ubyte"), images(5, 28, 28, PIXELS));
        assertDataError(() -> IdxReader.readLabels(file), "labels-idx1-ubyte",
                "wrong magic number 0x00000803 (expected 0x00000801 for IDX labels)");
    }

    @Test
    void truncatedGzip() {
        byte[] gz = gzip(images(5, 28, 28, PIXELS));
        Path file = write(dir.resolve("cut-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertDataError(() -> IdxReader.readImages(file), "cut-idx3-ubyte.gz", "truncated or corrupt gzip data");
    }

    @Test
    void corruptGzip() {
        byte[] gz = gzip(images(5, 28, 28, PIXELS));
        for (int i = gz.length / 3; i < gz.length / 3 + 64; i++) {
            gz[i] ^= (byte) 0x5a;
        }
        Path file = write(dir.resolve("bad-idx3-ubyte.gz"), gz);
        assertDataError(() -> IdxReader.readImages(file), "bad-idx3-ubyte.gz", "truncated or corrupt gzip data");
    }

    @Test
    void fewerImagesThanHeaderClaims() {
        byte[] bytes = images(5, 28, 28, Arrays.copyOf(PIXELS, 3 * 784));
        Path plain = write(dir.resolve("few-idx3-ubyte"), bytes);
        Path gz = write(dir.resolve("few-idx3-ubyte.gz"), gzip(bytes));
        assertDataError(() -> IdxReader.readImages(plain), "few-idx3-ubyte", "holds 3 images but the header claims 5");
        assertDataError(() -> IdxReader.readImages(gz), "few-idx3-ubyte.gz", "holds 3 images but the header claims 5");
    }

    @Test
    void fewerLabelsThanHeaderClaims() {
        Path file = write(dir.resolve("few-idx1-ubyte"), idx(IdxReader.LABELS_MAGIC, new int[] {8}, LABELS));
        assertDataError(() -> IdxReader.readLabels(file), "few-idx1-ubyte", "holds 5 labels but the header claims 8");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] bytes = images(4, 28, 28, PIXELS); // 5 images of data, header says 4
        Path plain = write(dir.resolve("long-idx3-ubyte"), bytes);
        Path gz = write(dir.resolve("long-idx3-ubyte.gz"), gzip(bytes));
        assertDataError(() -> IdxReader.readImages(plain), "long-idx3-ubyte", "784 extra bytes", "4 images");
        assertDataError(() -> IdxReader.readImages(gz), "long-idx3-ubyte.gz", "784 extra bytes", "4 images");
        Path labelsFile = write(dir.resolve("long-idx1-ubyte"), idx(IdxReader.LABELS_MAGIC, new int[] {3}, LABELS));
        assertDataError(() -> IdxReader.readLabels(labelsFile), "long-idx1-ubyte", "2 extra bytes", "3 labels");
    }

    @Test
    void zeroDimensionsAreRefused() {
        Path noRows = write(dir.resolve("rows-idx3-ubyte"), images(5, 0, 28, new byte[0]));
        Path noImages = write(dir.resolve("count-idx3-ubyte"), images(0, 28, 28, new byte[0]));
        assertDataError(() -> IdxReader.readImages(noRows), "rows-idx3-ubyte", "header claims 0 rows");
        assertDataError(() -> IdxReader.readImages(noImages), "count-idx3-ubyte", "header claims 0 images");
    }

    @Test
    void negativeDimensionIsRefused() {
        Path file = write(dir.resolve("neg-idx3-ubyte"), images(5, -28, 28, PIXELS));
        assertDataError(() -> IdxReader.readImages(file), "neg-idx3-ubyte", "header claims 4294967268 rows");
    }

    @Test
    void hugeHeadersAreRefusedQuicklyWithoutAllocating() {
        // -Xmx2g: allocating any of these claims would throw OutOfMemoryError instead of a DataException
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Path fourBillion = write(dir.resolve("huge-idx3-ubyte.gz"),
                    gzip(images((int) 4_000_000_000L, 28, 28, PIXELS)));
            assertDataError(() -> IdxReader.readImages(fourBillion), "huge-idx3-ubyte.gz",
                    "header claims 4000000000 images");

            Path overflow = write(dir.resolve("wide-idx3-ubyte"), images(60_000, 28, 1 << 20, PIXELS));
            assertDataError(() -> IdxReader.readImages(overflow), "wide-idx3-ubyte",
                    "60000 images of 28x1048576", "refusing to load");

            Path manyLabels = write(dir.resolve("huge-idx1-ubyte.gz"),
                    gzip(idx(IdxReader.LABELS_MAGIC, new int[] {-1}, LABELS)));
            assertDataError(() -> IdxReader.readLabels(manyLabels), "huge-idx1-ubyte.gz",
                    "header claims 4294967295 labels");
        });
    }

    @Test
    void lyingHeaderJustUnderTheLimitDoesNotAllocateItsClaim() {
        // 2,700,000 x 28 x 28 = 2.1 GB: allowed by the format, but the files hold only 5 images
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            byte[] bytes = images(2_700_000, 28, 28, PIXELS);
            Path plain = write(dir.resolve("liar-idx3-ubyte"), bytes);
            Path gz = write(dir.resolve("liar-idx3-ubyte.gz"), gzip(bytes));
            assertDataError(() -> IdxReader.readImages(plain), "liar-idx3-ubyte",
                    "holds 5 images but the header claims 2700000");
            assertDataError(() -> IdxReader.readImages(gz), "liar-idx3-ubyte.gz",
                    "holds 5 images but the header claims 2700000");
        });
    }

    @Test
    void growingReadStopsAtTheLimit() throws Exception {
        byte[] data = randomPixels(3, 1000, 1000, 7); // 3 MB: several doublings from the 1 MB start
        assertArrayEquals(data, IdxReader.readGrowing(new ByteArrayInputStream(data), data.length + 1));
        assertArrayEquals(Arrays.copyOf(data, 2_500_000),
                IdxReader.readGrowing(new ByteArrayInputStream(data), 2_500_000));
    }

    @Test
    void folderInsteadOfFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("images-idx3-ubyte"));
        assertDataError(() -> IdxReader.readImages(folder), "images-idx3-ubyte", "not a regular file");
    }
}
