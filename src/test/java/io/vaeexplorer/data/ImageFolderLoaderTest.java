package io.vaeexplorer.data;

import static io.vaeexplorer.data.DataAssertions.assertDataError;
import static io.vaeexplorer.data.PictureFiles.centredSquare;
import static io.vaeexplorer.data.PictureFiles.filled;
import static io.vaeexplorer.data.PictureFiles.grey;
import static io.vaeexplorer.data.PictureFiles.pngClaiming;
import static io.vaeexplorer.data.PictureFiles.write;
import static io.vaeexplorer.data.PictureFiles.writeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {

    @TempDir
    Path root;

    private static LoadedDataset load(Path dir, ImageFolderOptions options) {
        return ImageFolderLoader.load(dir, options, LoadProgress.NONE);
    }

    private static int level(LabeledImages set, int image, int channel, int row, int col) {
        int n = set.rows() * set.cols();
        return set.levels()[image * set.imageSize() + channel * n + row * set.cols() + col] & 0xff;
    }

    /** Every image's levels at one pixel, one list of its channels per image (the training order is shuffled). */
    private static Set<List<Integer>> pixelsAt(LabeledImages set, int row, int col) {
        Set<List<Integer>> pixels = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            List<Integer> channels = new ArrayList<>();
            for (int c = 0; c < set.channels(); c++) {
                channels.add(level(set, i, c, row, col));
            }
            pixels.add(channels);
        }
        return pixels;
    }

    /** Five red and five blue 16x16 pictures in class folders "red" and "blue". */
    private Path redAndBlue() {
        Path dir = root.resolve("colours");
        for (int i = 0; i < 5; i++) {
            write(dir.resolve("red/r" + i + ".png"), centredSquare(16, 16, Color.BLACK, Color.RED, 8));
            write(dir.resolve("blue/b" + i + ".png"), centredSquare(16, 16, Color.BLACK, Color.BLUE, 8));
        }
        return dir;
    }

    @Test
    void classFoldersGiveSortedClassesAndColourPicturesThreeChannels() {
        LoadedDataset loaded = load(redAndBlue(), ImageFolderOptions.defaults());
        Dataset data = loaded.dataset();
        assertEquals("colours", data.name());
        assertTrue(data.labelled());
        assertEquals(List.of("blue", "red"), data.classNames());
        assertEquals(3, data.channels());
        assertEquals(16, data.rows(), "pictures sharing one square size up to 64 keep it");
        assertEquals(16, data.cols());
        assertEquals(3 * 16 * 16, data.imageSize());
        assertEquals(9, data.train().count());
        assertEquals(1, data.test().count(), "10% of 10 pictures is held out");
        for (LabeledImages set : List.of(data.train(), data.test())) {
            for (int i = 0; i < set.count(); i++) {
                boolean red = set.label(i) == 1;
                assertEquals(red ? 255 : 0, level(set, i, 0, 8, 8), "red plane at the centre");
                assertEquals(0, level(set, i, 1, 8, 8), "green plane at the centre");
                assertEquals(red ? 0 : 255, level(set, i, 2, 8, 8), "blue plane at the centre");
                assertEquals(0, level(set, i, 0, 0, 0), "black corner");
            }
        }
        assertEquals(10, loaded.report().imageFiles());
        assertEquals(0, loaded.report().skipped());
        assertNull(loaded.report().log());
        assertEquals("", loaded.report().skippedLine());
    }

    @Test
    void mixedSizesAreScaledOnTheShorterSideAndCroppedAroundTheCentre() {
        Path dir = root.resolve("mixed");
        write(dir.resolve("a/wide.png"), centredSquare(80, 40, Color.BLACK, Color.WHITE, 20));
        write(dir.resolve("a/tall.png"), centredSquare(40, 80, Color.BLACK, Color.WHITE, 20));
        write(dir.resolve("b/square.png"), centredSquare(100, 100, Color.BLACK, Color.WHITE, 50));
        write(dir.resolve("b/small.png"), centredSquare(16, 16, Color.BLACK, Color.WHITE, 8));
        ImageFolderOptions noHoldOut = ImageFolderOptions.defaults().withTestFraction(0);
        Dataset data = load(dir, noHoldOut).dataset();
        assertEquals(32, data.rows(), "pictures of several sizes default to 32");
        assertEquals(1, data.channels(), "black and white pictures are grey");
        LabeledImages all = data.train();
        assertEquals(4, all.count());
        for (int i = 0; i < all.count(); i++) {
            double mass = 0;
            double rowSum = 0;
            double colSum = 0;
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) {
                    int v = level(all, i, 0, r, c);
                    mass += v;
                    rowSum += v * r;
                    colSum += v * c;
                }
            }
            assertEquals(15.5, rowSum / mass, 0.01, "centred shape stays centred (rows), picture " + i);
            assertEquals(15.5, colSum / mass, 0.01, "centred shape stays centred (columns), picture " + i);
            // The shape covers half the shorter side: 16 of 32 pixels, so its area is a quarter of the square.
            assertEquals(255.0 * 16 * 16, mass, 255.0 * 16 * 0.5, "shape keeps its share, picture " + i);
            assertEquals(0, level(all, i, 0, 0, 0));
            assertEquals(255, level(all, i, 0, 16, 16));
        }
        assertEquals(8, load(dir, noHoldOut.withImageSize(8)).dataset().rows());
    }

    @Test
    void greyAndColourTogetherGiveThreeChannelsAndGreyAloneOne() {
        Path dir = root.resolve("grey");
        write(dir.resolve("g1.png"), grey(8, 8, 128));
        write(dir.resolve("g2.png"), grey(8, 8, 40));
        Dataset greyOnly = load(dir, ImageFolderOptions.defaults().withTestFraction(0)).dataset();
        assertEquals(1, greyOnly.channels());
        assertEquals(8, greyOnly.rows());
        assertEquals(Set.of(List.of(128), List.of(40)), pixelsAt(greyOnly.train(), 3, 3),
                "grey levels are kept as the file holds them");

        write(dir.resolve("green.png"), filled(8, 8, new Color(20, 200, 20)));
        Dataset mixed = load(dir, ImageFolderOptions.defaults().withTestFraction(0)).dataset();
        assertEquals(3, mixed.channels());
        assertEquals(Set.of(List.of(128, 128, 128), List.of(40, 40, 40), List.of(20, 200, 20)),
                pixelsAt(mixed.train(), 3, 3), "a grey picture fills all three channels");

        Dataset forcedGrey = load(dir, ImageFolderOptions.defaults().withTestFraction(0).withChannels(1)).dataset();
        assertEquals(1, forcedGrey.channels());
        assertEquals(Set.of(List.of(128), List.of(40), List.of(Math.round(0.299f * 20 + 0.587f * 200 + 0.114f * 20))),
                pixelsAt(forcedGrey.train(), 3, 3));
    }

    @Test
    void transparentPixelsBecomeBlack() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, x < 2 ? 0x00ffffff : 0xffff0000);
            }
        }
        Path dir = root.resolve("alpha");
        write(dir.resolve("half.png"), image);
        write(dir.resolve("other.png"), image);
        Dataset data = load(dir, ImageFolderOptions.defaults().withTestFraction(0)).dataset();
        assertEquals(3, data.channels());
        for (int c = 0; c < 3; c++) {
            assertEquals(0, level(data.train(), 0, c, 1, 0), "transparent white is black");
        }
        assertEquals(255, level(data.train(), 0, 0, 1, 3), "opaque red stays red");
    }

    @Test
    void badFilesAreSkippedCountedAndLoggedWithTheirReason() throws Exception {
        Path dir = redAndBlue();
        writeBytes(dir.resolve("red/corrupt.png"), "this is not a picture at all".getBytes());
        writeBytes(dir.resolve("red/empty.jpg"), new byte[0]);
        byte[] whole = Files.readAllBytes(dir.resolve("blue/b0.png"));
        writeBytes(dir.resolve("blue/truncated.png"), Arrays.copyOf(whole, whole.length / 2));
        pngClaiming(dir.resolve("blue/huge.png"), 100_000, 100_000);
        writeBytes(dir.resolve("red/notes.txt"), "a note".getBytes());
        Path cache = root.resolve("cache");

        LoadedDataset loaded = load(dir, ImageFolderOptions.defaults().withCacheDir(cache));
        LoadReport report = loaded.report();
        assertEquals(14, report.imageFiles());
        assertEquals(4, report.skipped());
        assertEquals(1, report.ignored());
        assertEquals(10, loaded.dataset().train().count() + loaded.dataset().test().count());
        assertNotNull(report.log());
        assertTrue(report.log().startsWith(cache), "the log lies beside the cache");
        assertEquals("skipped 4 of 14 files (see " + report.log() + ")", report.skippedLine());
        assertTrue(report.summary().contains("ignored 1 other file"), report.summary());

        String log = Files.readString(report.log());
        assertTrue(log.contains("skipped\tred/corrupt.png\tnot a PNG, JPEG, BMP or GIF picture"), log);
        assertTrue(log.contains("skipped\tred/empty.jpg\tempty file"), log);
        assertTrue(log.contains("skipped\tblue/truncated.png\tcorrupt or truncated"), log);
        assertTrue(log.contains("skipped\tblue/huge.png\ttoo large: header claims 100000x100000 pixels"), log);
        assertTrue(log.contains("ignored\tred/notes.txt\tnot a PNG, JPEG, BMP or GIF file name"), log);
    }

    @Test
    void aSizeOverTheLimitOnOneSideIsRefusedFromTheHeader() {
        Path dir = root.resolve("long");
        write(dir.resolve("fine.png"), filled(4, 4, Color.GRAY));
        pngClaiming(dir.resolve("strip.png"), 9000, 2);
        LoadedDataset loaded = load(dir, ImageFolderOptions.defaults().withTestFraction(0));
        assertEquals(1, loaded.report().skipped());
        assertEquals(1, loaded.dataset().train().count());
    }

    @Test
    void picturesDirectlyInTheFolderAreOneUnlabelledSet() {
        Path dir = root.resolve("plain");
        for (int i = 0; i < 4; i++) {
            write(dir.resolve("p" + i + ".bmp"), filled(6, 6, new Color(60 * i, 0, 0)));
        }
        Dataset data = load(dir, ImageFolderOptions.defaults()).dataset();
        assertFalse(data.labelled());
        assertEquals(List.of(), data.classNames());
        assertEquals(3, data.train().count());
        assertEquals(1, data.test().count());
        for (byte label : data.train().labels()) {
            assertEquals(0, label);
        }
    }

    @Test
    void trainAndTestFoldersGiveTheSplitAndStrayFilesAreIgnored() {
        Path dir = root.resolve("split");
        for (int i = 0; i < 3; i++) {
            write(dir.resolve("train/cat/c" + i + ".png"), filled(5, 5, Color.ORANGE));
            write(dir.resolve("train/dog/d" + i + ".jpg"), filled(5, 5, Color.GRAY));
        }
        write(dir.resolve("test/cat/c.gif"), filled(5, 5, Color.ORANGE));
        write(dir.resolve("test/dog/d.png"), filled(5, 5, Color.GRAY));
        write(dir.resolve("test/stray.png"), filled(5, 5, Color.GRAY));
        write(dir.resolve("cover.png"), filled(5, 5, Color.GRAY));
        LoadedDataset loaded = load(dir, ImageFolderOptions.defaults());
        Dataset data = loaded.dataset();
        assertEquals(List.of("cat", "dog"), data.classNames());
        assertEquals(6, data.train().count());
        assertEquals(2, data.test().count());
        assertArrayEquals(new byte[] {0, 1}, data.test().labels());
        byte[] trainLabels = data.train().labels().clone();
        Arrays.sort(trainLabels);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 1, 1}, trainLabels, "the training pictures, in a shuffled order");
        assertEquals(5, data.rows());
        assertEquals(2, loaded.report().ignored());
    }

    /** Twenty grey pictures, each of its own level, so that an image's level names it. */
    private Path twentyLevels() {
        Path dir = root.resolve("levels");
        for (int i = 0; i < 20; i++) {
            write(dir.resolve(String.format("p%02d.png", i)), grey(4, 4, 10 * i));
        }
        return dir;
    }

    private static List<Integer> firstLevels(LabeledImages set) {
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < set.count(); i++) {
            levels.add(set.levels()[i * set.imageSize()] & 0xff);
        }
        return levels;
    }

    @Test
    void theHoldOutDependsOnlyOnTheSeed() {
        Path dir = twentyLevels();
        ImageFolderOptions quarter = ImageFolderOptions.defaults().withTestFraction(0.25).withSeed(7);
        Dataset first = load(dir, quarter).dataset();
        Dataset again = load(dir, quarter).dataset();
        assertEquals(5, first.test().count());
        assertEquals(15, first.train().count());
        assertEquals(firstLevels(first.test()), firstLevels(again.test()));
        assertArrayEquals(first.train().levels(), again.train().levels());
        Dataset other = load(dir, quarter.withSeed(8)).dataset();
        assertFalse(firstLevels(first.test()).equals(firstLevels(other.test())));
        List<Integer> test = firstLevels(first.test());
        List<Integer> sorted = new ArrayList<>(test);
        sorted.sort(null);
        assertEquals(sorted, test, "each split keeps path order");
    }

    /** The classes among a set's first {@code n} training images, as a limit trains on them. */
    private static Set<Integer> classesOfTheFirst(Dataset data, int n) {
        Set<Integer> classes = new TreeSet<>();
        for (byte label : data.withTrainLimit(n).train().labels()) {
            classes.add((int) label);
        }
        return classes;
    }

    @Test
    void aLimitTakesTrainingPicturesOfEveryClassInAnOrderTheSeedFixes() {
        Path heldOut = root.resolve("four-classes");
        Path folders = root.resolve("four-classes-split");
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 15; i++) {
                String file = String.format("class%d/p%02d.png", k, i);
                write(heldOut.resolve(file), grey(4, 4, 60 * k + i));
                write(folders.resolve("train").resolve(file), grey(4, 4, 60 * k + i));
            }
            write(folders.resolve("test/class" + k + "/p.png"), grey(4, 4, 60 * k));
        }
        for (Path dir : List.of(heldOut, folders)) {
            Dataset data = load(dir, ImageFolderOptions.defaults().withSeed(5)).dataset();
            // in path order the first 20 would be 15 of class 0 and 5 of class 1
            assertEquals(Set.of(0, 1, 2, 3), classesOfTheFirst(data, 20), dir.getFileName().toString());
            assertArrayEquals(data.train().levels(), load(dir, ImageFolderOptions.defaults().withSeed(5)).dataset()
                    .train().levels(), "the same seed, the same order");
            List<Integer> test = firstLevels(data.test());
            List<Integer> sorted = new ArrayList<>(test);
            sorted.sort(null);
            assertEquals(sorted, test, "the test pictures keep path order");
        }
        Dataset other = load(folders, ImageFolderOptions.defaults().withSeed(6)).dataset();
        Dataset first = load(folders, ImageFolderOptions.defaults().withSeed(5)).dataset();
        assertFalse(Arrays.equals(first.train().levels(), other.train().levels()), "another seed, another order");
        List<Integer> sameImages = firstLevels(other.train());
        sameImages.sort(null);
        List<Integer> firstImages = firstLevels(first.train());
        firstImages.sort(null);
        assertEquals(firstImages, sameImages, "train/ gives the same pictures whatever the seed");
    }

    @Test
    void theCacheIsReadWhenNothingChangedAndMissedWhenAFileIsTouchedOrAdded() throws Exception {
        Path dir = redAndBlue();
        ImageFolderOptions options = ImageFolderOptions.defaults().withCacheDir(root.resolve("cache"));
        LoadedDataset decoded = load(dir, options);
        assertFalse(decoded.report().fromCache());
        LoadedDataset cached = load(dir, options);
        assertTrue(cached.report().fromCache());
        assertEquals(decoded.dataset().classNames(), cached.dataset().classNames());
        assertEquals(decoded.dataset().channels(), cached.dataset().channels());
        assertArrayEquals(decoded.dataset().train().levels(), cached.dataset().train().levels());
        assertArrayEquals(decoded.dataset().test().labels(), cached.dataset().test().labels());
        assertFalse(load(dir, options.withImageSize(8)).report().fromCache(), "other options, other cache");

        Path touched = dir.resolve("red/r0.png");
        Files.setLastModifiedTime(touched,
                FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() + 3_600_000));
        assertFalse(load(dir, options).report().fromCache(), "a touched file misses");
        assertTrue(load(dir, options).report().fromCache());

        write(dir.resolve("red/r5.png"), centredSquare(16, 16, Color.BLACK, Color.RED, 8));
        LoadedDataset grown = load(dir, options);
        assertFalse(grown.report().fromCache(), "an added file misses");
        assertEquals(11, grown.dataset().train().count() + grown.dataset().test().count());

        Files.delete(dir.resolve("red/r5.png"));
        assertTrue(load(dir, options).report().fromCache(), "back to the first list of files");
    }

    @Test
    void progressRisesOneByOneToTheTotal() {
        Path dir = twentyLevels();
        List<int[]> calls = new ArrayList<>();
        ImageFolderLoader.load(dir, ImageFolderOptions.defaults(), (done, total) -> calls.add(new int[] {done, total}));
        assertEquals(20, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(i + 1, calls.get(i)[0]);
            assertEquals(20, calls.get(i)[1]);
        }
    }

    @Test
    void aProgressCallbackThatThrowsStopsTheLoadAndNothingIsCached() {
        Path dir = twentyLevels();
        ImageFolderOptions options = ImageFolderOptions.defaults().withCacheDir(root.resolve("cache"));
        IllegalStateException stop = new IllegalStateException("stopped");
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> ImageFolderLoader.load(dir, options, (done, total) -> {
                    calls.incrementAndGet();
                    throw stop;
                }));
        assertSame(stop, thrown);
        assertTrue(calls.get() <= Runtime.getRuntime().availableProcessors(),
                "each decoding thread stops after its first picture: " + calls.get() + " calls");
        assertFalse(load(dir, options).report().fromCache(), "a stopped load leaves no cache behind");
    }

    @Test
    void onePicturePreparedAloneIsItsImageInTheLoadedSet() {
        BufferedImage wide = centredSquare(40, 30, Color.BLACK, new Color(220, 120, 30), 14);
        for (int y = 0; y < 30; y++) {
            wide.setRGB(3, y, 0xff2050f0); // a blue line inside what the centre crop keeps
        }
        BufferedImage argb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                argb.setRGB(x, y, x < 20 ? wide.getRGB(x, y) : wide.getRGB(x, y) & 0x40ffffff);
            }
        }
        Path dir = root.resolve("one");
        write(dir.resolve("a-other.png"), filled(12, 12, Color.GRAY));
        Path file = write(dir.resolve("wide.png"), argb);
        for (int channels : new int[] {1, 3}) {
            ImageFolderOptions options = ImageFolderOptions.defaults().withTestFraction(0).withImageSize(12)
                    .withChannels(channels);
            LabeledImages loaded = load(dir, options).dataset().train();
            Path other = dir.resolve("a-other.png");
            assertEquals(Set.of(Arrays.toString(loaded.image(0)), Arrays.toString(loaded.image(1))),
                    Set.of(Arrays.toString(ImageFolderLoader.prepare(other, 12, channels)),
                            Arrays.toString(ImageFolderLoader.prepare(file, 12, channels))),
                    "each picture as the load has it, " + channels + " channel(s)");
        }
        Path bad = writeBytes(dir.resolve("bad.png"), "not a picture".getBytes());
        assertDataError(() -> ImageFolderLoader.prepare(bad, 12, 3), "bad.png", "not a PNG, JPEG, BMP or GIF");
        assertDataError(() -> ImageFolderLoader.prepare(dir.resolve("gone.png"), 12, 3), "gone.png", "unreadable");
    }

    @Test
    void squarePicturesOfTwoSizesAreDecodedAgainAtTheFallbackSize() {
        Path dir = root.resolve("two-sizes");
        write(dir.resolve("a/first.png"), centredSquare(16, 16, Color.BLACK, Color.RED, 8));
        write(dir.resolve("a/second.png"), centredSquare(20, 20, Color.BLACK, Color.GREEN, 10));
        write(dir.resolve("b/third.png"), centredSquare(16, 16, Color.BLACK, Color.BLUE, 8));
        List<int[]> calls = new ArrayList<>();
        ImageFolderOptions options = ImageFolderOptions.defaults().withTestFraction(0);
        Dataset auto = ImageFolderLoader.load(dir, options, (done, total) -> calls.add(new int[] {done, total}))
                .dataset();
        assertEquals(ImageFolderOptions.FALLBACK_SIZE, auto.rows(), "16 and 20 have no common size");
        Dataset asked = load(dir, options.withImageSize(ImageFolderOptions.FALLBACK_SIZE)).dataset();
        assertArrayEquals(asked.train().levels(), auto.train().levels());
        assertEquals(6, calls.size(), "decoded at 16 first, as the first picture suggests, then at 32");
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(i % 3 + 1, calls.get(i)[0]);
            assertEquals(3, calls.get(i)[1]);
        }
    }

    @Test
    void aFileThatCannotBeReadChangesNothingElse() throws Exception {
        Path dir = twentyLevels();
        write(dir.resolve("p05x.png"), filled(4, 4, new Color(200, 30, 30)));
        ImageFolderOptions quarter = ImageFolderOptions.defaults().withTestFraction(0.25).withSeed(3);
        for (ImageFolderOptions options : List.of(quarter, quarter.withChannels(1))) {
            Dataset whole = load(dir, options).dataset();
            writeBytes(dir.resolve("p10x.png"), "not a picture".getBytes());
            LoadedDataset withBad = load(dir, options);
            Files.delete(dir.resolve("p10x.png"));
            assertEquals(1, withBad.report().skipped());
            Dataset data = withBad.dataset();
            assertEquals(whole.channels(), data.channels());
            assertArrayEquals(whole.train().levels(), data.train().levels());
            assertArrayEquals(whole.test().levels(), data.test().levels());
            assertArrayEquals(whole.train().labels(), data.train().labels());
        }
    }

    @Test
    void greyPicturesDecodedAsColourAreStoredAsOneChannel() {
        Path dir = twentyLevels();
        Dataset data = load(dir, ImageFolderOptions.defaults().withTestFraction(0.25)).dataset();
        assertEquals(1, data.channels());
        assertEquals(15 * 16, data.train().levels().length);
        assertEquals(5 * 16, data.test().levels().length);
        for (LabeledImages set : List.of(data.train(), data.test())) {
            for (int i = 0; i < set.count(); i++) {
                int first = set.levels()[i * 16] & 0xff;
                for (int p = 1; p < 16; p++) {
                    assertEquals(first, set.levels()[i * 16 + p] & 0xff, "one level over the whole picture");
                }
            }
        }
    }

    @Test
    void aFolderWithoutPicturesIsOneLineError() throws Exception {
        Path dir = root.resolve("nothing");
        writeBytes(dir.resolve("readme.txt"), "no pictures here".getBytes());
        assertDataError(() -> ImageFolderLoader.load(dir, ImageFolderOptions.defaults(), LoadProgress.NONE),
                "nothing", "no pictures found");
        assertDataError(() -> DatasetLoader.load(dir), "nothing", "neither the MNIST files", "nor any PNG");
        Path broken = root.resolve("broken");
        writeBytes(broken.resolve("a.png"), new byte[0]);
        assertDataError(() -> ImageFolderLoader.load(broken, ImageFolderOptions.defaults(), LoadProgress.NONE),
                "none of the 1 picture files could be read");
    }

    @Test
    void datasetLoaderOpensPictureFoldersAndStillReadsIdx() {
        Path dir = redAndBlue();
        Dataset data = DatasetLoader.load(dir);
        assertEquals(List.of("blue", "red"), data.classNames());
        LoadedDataset loaded = DatasetLoader.load(dir, ImageFolderOptions.defaults().withImageSize(8),
                LoadProgress.NONE);
        assertEquals(8, loaded.dataset().rows());
        assertEquals(3, loaded.dataset().channels());
        LoadedDataset mnist = DatasetLoader.load(Path.of("assets", "mnist"), ImageFolderOptions.defaults(),
                LoadProgress.NONE);
        assertEquals(1, mnist.dataset().channels());
        assertTrue(mnist.dataset().labelled());
        assertEquals(0, mnist.report().skipped());
    }

    @Test
    void aTruncatedJpegIsSkippedAndGreyWithAlphaIsCompositedOntoBlack() throws Exception {
        Path dir = root.resolve("more");
        Path photo = write(dir.resolve("photo.jpg"), centredSquare(64, 64, Color.BLUE, Color.YELLOW, 20));
        byte[] whole = Files.readAllBytes(photo);
        writeBytes(dir.resolve("cut.jpg"), Arrays.copyOf(whole, whole.length * 2 / 3));
        BufferedImage greyAlpha = new BufferedImage(
                new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE),
                Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 64, 2, null), false, null);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                greyAlpha.getRaster().setPixel(x, y, new int[] {200, x < 32 ? 0 : 255});
            }
        }
        write(dir.resolve("shade.png"), greyAlpha);
        LoadedDataset loaded = load(dir, ImageFolderOptions.defaults().withTestFraction(0));
        assertEquals(1, loaded.report().skipped(), Files.readString(loaded.report().log()));
        assertTrue(Files.readString(loaded.report().log()).contains("skipped\tcut.jpg\t"));
        LabeledImages set = loaded.dataset().train();
        assertEquals(2, set.count());
        assertEquals(64, set.rows());
        assertEquals(3, set.channels(), "the JPEG is blue and yellow");
        assertTrue(level(set, 0, 2, 2, 2) > 240, "blue corner of the photo");
        assertEquals(0, level(set, 1, 0, 10, 10), "transparent grey is black");
        assertEquals(200, level(set, 1, 1, 10, 50), "opaque grey keeps its level");
    }
}
