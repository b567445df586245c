package io.vaeexplorer.data;

import static io.vaeexplorer.data.PictureFiles.png;
import static io.vaeexplorer.data.PictureFiles.writeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG reader gives exactly the squares that ImageIO's reader gives, and leaves what it does not read to it. */
class PngReaderTest {

    @TempDir
    Path root;

    private final Random random = new Random(42);
    private int files;

    private byte[][] randomRows(int height, int stride) {
        byte[][] rows = new byte[height][stride];
        for (byte[] row : rows) {
            random.nextBytes(row);
        }
        return rows;
    }

    /** Rows 0, 1, 2, ... use filters 0, 1, 2, 3, 4, 0, ...: every filter, each above rows of every filter. */
    private static int[] everyFilter(int height) {
        int[] filters = new int[height];
        for (int y = 0; y < height; y++) {
            filters[y] = y % 5;
        }
        return filters;
    }

    private static int samples(int colourType) {
        return switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
    }

    private byte[] randomPng(int width, int height, int colourType, int bitDepth, byte[] palette, byte[] alpha) {
        int stride = (width * samples(colourType) * bitDepth + 7) / 8;
        return png(width, height, colourType, bitDepth, randomRows(height, stride), everyFilter(height), palette,
                alpha, 3);
    }

    /** Both decoders' squares of {@code file} at side n: the same levels, the same size and colour found. */
    private void assertSameAsImageIo(byte[] file, int n) throws Exception {
        Path path = writeBytes(root.resolve("p" + files++ + ".png"), file);
        byte[] ours = new byte[3 * n * n];
        byte[] theirs = new byte[3 * n * n];
        ImageDecoder.Decoded a = new ImageDecoder().decodeInto(path, n, ours, 0, 3);
        ImageDecoder.Decoded b = new ImageDecoder(false).decodeInto(path, n, theirs, 0, 3);
        assertArrayEquals(theirs, ours, path.getFileName() + " at " + n);
        assertEquals(b, a);
        byte[] grey = new byte[n * n];
        byte[] greyTheirs = new byte[n * n];
        new ImageDecoder().decodeInto(path, n, grey, 0, 1);
        new ImageDecoder(false).decodeInto(path, n, greyTheirs, 0, 1);
        assertArrayEquals(greyTheirs, grey);
    }

    private static boolean readsItself(byte[] file) {
        return new PngReader().read(file, file.length);
    }

    @Test
    void everyColourTypeAndDepthGivesImageIoLevelsAtEverySize() throws Exception {
        int[][] kinds = {{0, 1}, {0, 2}, {0, 4}, {0, 8}, {2, 8}, {4, 8}, {6, 8}};
        for (int[] kind : kinds) {
            for (int[] shape : new int[][] {{8, 8}, {7, 10}, {13, 5}}) {
                byte[] file = randomPng(shape[0], shape[1], kind[0], kind[1], null, null);
                assertTrue(readsItself(file), "colour type " + kind[0] + ", " + kind[1] + " bits");
                for (int n : new int[] {4, 8, 12}) {
                    assertSameAsImageIo(file, n);
                }
            }
        }
    }

    @Test
    void palettesOfEveryLengthWithAndWithoutTransparency() throws Exception {
        for (int depth : new int[] {1, 2, 4, 8}) {
            for (int entries : new int[] {1, 2, 3, 5, 16, 17, 256}) {
                if (entries > 1 << depth) {
                    continue;
                }
                byte[] palette = new byte[3 * entries];
                random.nextBytes(palette);
                for (byte[] alpha : Arrays.asList(null, new byte[Math.max(1, entries / 2)], new byte[entries])) {
                    if (alpha != null) {
                        random.nextBytes(alpha);
                    }
                    // random indices also point past a short palette, where ImageIO pads it
                    byte[] file = randomPng(9, 9, 3, depth, palette, alpha);
                    assertTrue(readsItself(file), depth + " bits, " + entries + " entries");
                    assertSameAsImageIo(file, 9);
                    assertSameAsImageIo(file, 5);
                }
            }
        }
    }

    @Test
    void theStreamsChecksumMayComeInAChunkOfItsOwn() throws Exception {
        for (int apart : new int[] {1, 4, 6}) {
            byte[] file = png(10, 10, 2, 8, randomRows(10, 30), everyFilter(10), null, null, 2, apart);
            assertTrue(readsItself(file), apart + " bytes apart");
            assertSameAsImageIo(file, 10);
        }
    }

    @Test
    void whatItDoesNotReadGoesToImageIo() throws Exception {
        byte[] wide = randomPng(6, 6, 2, 16, null, null);
        byte[] greyKey = randomPng(6, 6, 0, 8, null, new byte[] {0, 7});
        byte[] rgbKey = randomPng(6, 6, 2, 8, null, new byte[] {0, 7, 0, 8, 0, 9});
        for (byte[] file : Arrays.asList(wide, greyKey, rgbKey)) {
            assertFalse(readsItself(file));
            assertSameAsImageIo(file, 6);
            assertSameAsImageIo(file, 3);
        }
    }

    @Test
    void damagedFilesAreSkippedWithImageIosReason() throws Exception {
        byte[] whole = randomPng(16, 16, 2, 8, null, null);
        int[] badFilter = everyFilter(16);
        badFilter[5] = 7;
        byte[][] damaged = {
            Arrays.copyOf(whole, whole.length / 2),
            png(16, 16, 2, 8, randomRows(16, 48), badFilter, null, null, 1),
        };
        for (byte[] file : damaged) {
            assertFalse(readsItself(file));
            Path path = writeBytes(root.resolve("bad" + files++ + ".png"), file);
            ImageDecoder.Unusable ours = assertThrows(ImageDecoder.Unusable.class,
                    () -> new ImageDecoder().decodeInto(path, 8, new byte[3 * 64], 0, 3));
            ImageDecoder.Unusable theirs = assertThrows(ImageDecoder.Unusable.class,
                    () -> new ImageDecoder(false).decodeInto(path, 8, new byte[3 * 64], 0, 3));
            assertEquals(theirs.getMessage(), ours.getMessage());
        }
    }

    @Test
    void aFileCutJustBeforeItsEndIsLeftToImageIo() throws Exception {
        byte[] whole = randomPng(16, 16, 2, 8, null, null);
        byte[] noEnd = Arrays.copyOf(whole, whole.length - 12);
        assertFalse(readsItself(noEnd));
        assertSameAsImageIo(noEnd, 16); // ImageIO stops reading at the pixels and takes it
    }

    @Test
    void theSizeComesFromThePngHeaderOrFromImageIo() throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        Path png = writeBytes(root.resolve("wide.png"), randomPng(13, 5, 2, 8, null, null));
        assertEquals(new ImageDecoder.Size(13, 5), decoder.readSize(png));
        Path bmp = PictureFiles.write(root.resolve("tall.bmp"), PictureFiles.filled(3, 7, Color.RED));
        assertEquals(new ImageDecoder.Size(3, 7), decoder.readSize(bmp));
        Path huge = PictureFiles.pngClaiming(root.resolve("huge.png"), 100_000, 100_000);
        ImageDecoder.Unusable refused = assertThrows(ImageDecoder.Unusable.class, () -> decoder.readSize(huge));
        assertTrue(refused.getMessage().startsWith("too large"), refused.getMessage());
    }

    @Test
    void aDecoderKeepsNoPixelsFromThePictureBefore() throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        byte[] big = randomPng(40, 40, 6, 8, null, null);
        byte[] small = randomPng(3, 3, 0, 8, null, null);
        Path bigFile = writeBytes(root.resolve("big.png"), big);
        Path smallFile = writeBytes(root.resolve("small.png"), small);
        byte[] first = new byte[3 * 9];
        decoder.decodeInto(smallFile, 3, first, 0, 3);
        decoder.decodeInto(bigFile, 3, new byte[3 * 9], 0, 3);
        byte[] again = new byte[3 * 9];
        decoder.decodeInto(smallFile, 3, again, 0, 3);
        assertArrayEquals(first, again);
    }
}
