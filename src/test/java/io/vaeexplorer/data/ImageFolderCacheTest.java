package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderCacheTest {

    @TempDir
    Path root;

    private static LabeledImages randomImages(Random random, int count, int channels, int side) {
        byte[] levels = new byte[count * channels * side * side];
        random.nextBytes(levels);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(3);
        }
        return new LabeledImages(count, channels, side, side, levels, labels);
    }

    private static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool");
    }

    @Test
    void aSetOfManyMegabytesGoesThroughTheFileWholeWithoutANativeCopyOfItsSize() throws Exception {
        Random random = new Random(5);
        // 3 x 64 x 64 levels x 1100 images: 13.5 MB, several chunks and a part chunk
        Dataset data = new Dataset("shapes", randomImages(random, 1100, 3, 64), randomImages(random, 70, 3, 64),
                List.of("a", "b", "c"));
        Path file = root.resolve("set" + ImageFolderCache.SUFFIX);
        ImageFolderCache.Counts counts = new ImageFolderCache.Counts(1180, 10, 2, root.resolve("set.log"));
        AtomicReference<ImageFolderCache.Entry> read = new AtomicReference<>();
        AtomicLong grown = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        // a thread of its own: the native buffers a thread's file streams keep are counted from zero
        Thread thread = new Thread(() -> {
            try {
                long before = directBytes();
                ImageFolderCache.write(file, "key", data, counts);
                read.set(ImageFolderCache.read(file, "key"));
                grown.set(directBytes() - before);
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        thread.start();
        thread.join();
        assertNull(failed.get());
        ImageFolderCache.Entry entry = read.get();
        assertNotNull(entry);
        assertEquals(counts, entry.counts());
        assertEquals(data.classNames(), entry.dataset().classNames());
        assertEquals(3, entry.dataset().channels());
        assertArrayEquals(data.train().levels(), entry.dataset().train().levels());
        assertArrayEquals(data.train().labels(), entry.dataset().train().labels());
        assertArrayEquals(data.test().levels(), entry.dataset().test().levels());
        assertTrue(grown.get() <= 2L * ImageFolderCache.IO_CHUNK,
                "native buffers grew by " + grown.get() + " bytes for a " + data.train().levels().length
                        + "-byte set");
    }

    @Test
    void anotherKeyOrACutFileIsAMiss() throws Exception {
        Random random = new Random(6);
        Dataset data = new Dataset("grey", randomImages(random, 20, 1, 8), randomImages(random, 4, 1, 8), List.of());
        Path file = root.resolve("grey" + ImageFolderCache.SUFFIX);
        ImageFolderCache.write(file, "key", data, new ImageFolderCache.Counts(24, 0, 0, null));
        assertNotNull(ImageFolderCache.read(file, "key"));
        assertNull(ImageFolderCache.read(file, "other key"));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));
        assertNull(ImageFolderCache.read(file, "key"));
    }
}
