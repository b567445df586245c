package io.vaeexplorer.data;

import static io.vaeexplorer.data.DataAssertions.assertDataError;
import static io.vaeexplorer.data.DatasetLoader.TEST_IMAGES;
import static io.vaeexplorer.data.DatasetLoader.TEST_LABELS;
import static io.vaeexplorer.data.DatasetLoader.TRAIN_IMAGES;
import static io.vaeexplorer.data.DatasetLoader.TRAIN_LABELS;
import static io.vaeexplorer.data.IdxTestFiles.images;
import static io.vaeexplorer.data.IdxTestFiles.labels;
import static io.vaeexplorer.data.IdxTestFiles.write;
import static io.vaeexplorer.data.IdxTestFiles.writeDataset;
import static io.vaeexplorer.data.IdxTestFiles.writeMaybeGzipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path root;

    private Path folder(String name) throws Exception {
        return Files.createDirectory(root.resolve(name));
    }

    @Test
    void loadsPlainFilesAndRoundTripsValues() throws Exception {
        Path dir = folder("digits");
        writeDataset(dir, 5, 3, false);
        byte[] pixels = new byte[2 * 784];
        pixels[0] = (byte) 255;
        pixels[1] = (byte) 128;
        pixels[784] = (byte) 255; // second image starts bright
        write(dir.resolve(TEST_IMAGES), images(2, 28, 28, pixels));
        write(dir.resolve(TEST_LABELS), labels(new byte[] {9, 0}));

        Dataset data = DatasetLoader.load(dir);

        assertEquals("digits", data.name());
        assertEquals(28, data.rows());
        assertEquals(28, data.cols());
        assertEquals(5, data.train().count());
        assertEquals(List.of(0, 1, 2, 3, 4), List.of(data.train().label(0), data.train().label(1),
                data.train().label(2), data.train().label(3), data.train().label(4)));
        LabeledImages test = data.test();
        assertEquals(2, test.count());
        assertEquals(1.0f, test.pixels()[0]);
        assertEquals(128 / 255f, test.pixels()[1]);
        assertEquals(0f, test.pixels()[2]);
        assertEquals(1.0f, test.image(1)[0]);
        assertEquals(9, test.label(0));
        assertEquals(0, test.label(1));
        assertEquals(DIGITS, data.classNames());
    }

    @Test
    void loadsGzippedFiles() throws Exception {
        Path dir = folder("zipped");
        writeDataset(dir, 5, 3, true);
        Dataset data = DatasetLoader.load(dir);
        assertEquals(5, data.train().count());
        assertEquals(3, data.test().count());
        assertEquals(2, data.test().label(2));
        for (float p : data.train().pixels()) {
            assertTrue(p >= 0f && p <= 1f);
        }
    }

    @Test
    void prefersTheGzippedFileWhenBothExist() throws Exception {
        Path dir = folder("both");
        writeDataset(dir, 5, 3, true);
        writeMaybeGzipped(dir, TRAIN_IMAGES, new byte[] {1, 2, 3}, false); // a broken plain twin, never read
        assertEquals(5, DatasetLoader.load(dir).train().count());
    }

    @Test
    void missingFolder() {
        assertDataError(() -> DatasetLoader.load(root.resolve("absent")), "absent", "folder not found");
    }

    @Test
    void fileInsteadOfFolder() {
        Path file = write(root.resolve("mnist.zip"), new byte[] {1});
        assertDataError(() -> DatasetLoader.load(file), "mnist.zip", "not a folder");
    }

    @Test
    void missingFile() throws Exception {
        Path dir = folder("incomplete");
        writeDataset(dir, 5, 3, true);
        Files.delete(dir.resolve(TEST_LABELS + ".gz"));
        assertDataError(() -> DatasetLoader.load(dir), TEST_LABELS, "missing",
                "looked for t10k-labels-idx1-ubyte and t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void imageAndLabelCountsDiffer() throws Exception {
        Path dir = folder("uneven");
        writeDataset(dir, 5, 3, false);
        write(dir.resolve(TRAIN_LABELS), labels(new byte[] {1, 2, 3, 4}));
        assertDataError(() -> DatasetLoader.load(dir),
                "train-images-idx3-ubyte holds 5 images but train-labels-idx1-ubyte holds 4 labels");
    }

    @Test
    void labelOutOfRange() throws Exception {
        Path dir = folder("badlabel");
        writeDataset(dir, 5, 3, false);
        write(dir.resolve(TEST_LABELS), labels(new byte[] {1, 2, 12}));
        assertDataError(() -> DatasetLoader.load(dir), "t10k-labels-idx1-ubyte", "label 12 at index 2",
                "outside 0..9");
    }

    @Test
    void wrongImageSize() throws Exception {
        Path dir = folder("small");
        writeDataset(dir, 5, 3, false);
        write(dir.resolve(TEST_IMAGES), images(3, 14, 14, new byte[3 * 14 * 14]));
        assertDataError(() -> DatasetLoader.load(dir), "t10k-images-idx3-ubyte", "images are 14x14",
                "expected 28x28");
    }

    @Test
    void checksumMismatch() throws Exception {
        Path dir = folder("tampered");
        writeDataset(dir, 5, 3, true);
        String good = DatasetLoader.sha256(dir.resolve(TRAIN_LABELS + ".gz"));
        Files.writeString(dir.resolve("SHA256SUMS"),
                good + "  " + TRAIN_LABELS + ".gz\n" + "0".repeat(64) + "  " + TRAIN_IMAGES + ".gz\n");
        assertDataError(() -> DatasetLoader.load(dir), "train-images-idx3-ubyte.gz",
                "SHA-256 does not match SHA256SUMS (file corrupt or replaced)");
    }

    @Test
    void matchingChecksumsLoadAndAbsentListedFilesAreIgnored() throws Exception {
        Path dir = folder("checked");
        writeDataset(dir, 5, 3, true);
        StringBuilder sums = new StringBuilder();
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            String file = name + ".gz";
            sums.append(DatasetLoader.sha256(dir.resolve(file)).toUpperCase()).append(" *").append(file).append('\n');
        }
        sums.append("f".repeat(64)).append("  not-shipped.bin\n");
        Files.writeString(dir.resolve("SHA256SUMS"), sums);
        assertEquals(5, DatasetLoader.load(dir).train().count());
    }

    @Test
    void malformedChecksumFile() throws Exception {
        Path dir = folder("garbled");
        writeDataset(dir, 5, 3, true);
        Files.writeString(dir.resolve("SHA256SUMS"), "\nnot a checksum line\n");
        assertDataError(() -> DatasetLoader.load(dir), "SHA256SUMS", "line 2", "not in sha256sum format");
    }

    @Test
    void classNamesFromSidecar() throws Exception {
        Path dir = folder("fashion");
        writeDataset(dir, 5, 3, false);
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        Files.writeString(dir.resolve("classes.txt"), "\n" + String.join("\n", names) + "\n\n");
        assertEquals(names, DatasetLoader.load(dir).classNames());

        Files.writeString(dir.resolve("classes.txt"), String.join("\n", names.subList(0, 9)));
        assertEquals(DIGITS, DatasetLoader.load(dir).classNames());
    }

    @Test
    void theShippedFashionMnistSidecarNamesTenClasses() throws Exception {
        Path shipped = AssetLocator.assetsDir().resolve("examples/fashion-mnist/classes.txt");
        Path dir = folder("fashion-mnist");
        Files.copy(shipped, dir.resolve("classes.txt")); // used as its README says: beside the four IDX files
        writeDataset(dir, 5, 3, true);
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot"), DatasetLoader.load(dir).classNames());
    }

    /** How long this takes is measured by {@link DatasetLoaderBenchmark}. */
    @Test
    void loadsTheShippedMnist() {
        Path mnist = AssetLocator.mnistDir();
        assertTrue(Files.isRegularFile(mnist.resolve("SHA256SUMS")), "checksums are shipped and verified");
        Dataset data = DatasetLoader.load(mnist);

        assertEquals("mnist", data.name());
        assertEquals(60_000, data.train().count());
        assertEquals(10_000, data.test().count());
        assertEquals(28, data.rows());
        assertEquals(28, data.cols());
        assertEquals(5, data.train().label(0));
        assertEquals(7, data.test().label(0));
        int[] perClass = new int[10];
        for (byte label : data.train().labels()) {
            perClass[label]++;
        }
        for (int count : perClass) {
            assertTrue(count > 5000, "every digit is well represented");
        }
        float max = 0;
        for (float p : data.train().image(0)) {
            max = Math.max(max, p);
        }
        assertEquals(1.0f, max);
    }
}
