package io.vaeexplorer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes small synthetic IDX files (and broken variants) for the tests. */
final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** IDX bytes: magic, then the given sizes, then the data, exactly as given (so headers may lie). */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pixels);
    }

    static byte[] labels(byte[] labels) {
        return idx(IdxReader.LABELS_MAGIC, new int[] {labels.length}, labels);
    }

    /** Pixels from a fixed seed; random data keeps gzip output large enough to truncate meaningfully. */
    static byte[] randomPixels(int count, int rows, int cols, long seed) {
        byte[] pixels = new byte[count * rows * cols];
        new Random(seed).nextBytes(pixels);
        return pixels;
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the four MNIST files for {@code trainCount}/{@code testCount} 28x28 images; labels = index % 10. */
    static void writeDataset(Path dir, int trainCount, int testCount, boolean gzipped) {
        writeSplit(dir, DatasetLoader.TRAIN_IMAGES, DatasetLoader.TRAIN_LABELS, trainCount, 1, gzipped);
        writeSplit(dir, DatasetLoader.TEST_IMAGES, DatasetLoader.TEST_LABELS, testCount, 2, gzipped);
    }

    static void writeSplit(Path dir, String imagesName, String labelsName, int count, long seed, boolean gzipped) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        writeMaybeGzipped(dir, imagesName, images(count, 28, 28, randomPixels(count, 28, 28, seed)), gzipped);
        writeMaybeGzipped(dir, labelsName, labels(labels), gzipped);
    }

    static Path writeMaybeGzipped(Path dir, String baseName, byte[] plain, boolean gzipped) {
        return gzipped ? write(dir.resolve(baseName + ".gz"), gzip(plain)) : write(dir.resolve(baseName), plain);
    }
}
