package io.vaeexplorer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads an MNIST-style data set from a folder holding the four standard IDX files (each plain or gzipped),
 * after checking them against an optional {@code SHA256SUMS} and checking that they fit together, or a folder of
 * pictures ({@link ImageFolderLoader}) when it holds none of the IDX files.
 */
public final class DatasetLoader {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final String CHECKSUMS_FILE = "SHA256SUMS";
    public static final String CLASSES_FILE = "classes.txt";
    public static final int IMAGE_ROWS = 28;
    public static final int IMAGE_COLS = 28;
    public static final int CLASS_COUNT = 10;

    // "<64 hex digits><space><space or * for binary mode><file name>", as written by sha256sum.
    private static final Pattern CHECKSUM_LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

    /**
     * System property naming the cache folder that {@link #load(Path)} uses for picture folders; unset, pictures
     * are decoded on every load.
     */
    public static final String IMAGE_CACHE_PROPERTY = "vaeexplorer.imageCache";

    private DatasetLoader() {
    }

    /**
     * Loads the IDX data set in {@code dir}, or, when the folder holds none of the IDX files, its pictures with
     * {@link ImageFolderOptions#defaults()} and the cache folder named by {@value #IMAGE_CACHE_PROPERTY} (none
     * when unset).
     */
    public static Dataset load(Path dir) {
        requireFolder(dir);
        if (!holdsIdxFiles(dir)) {
            String cache = System.getProperty(IMAGE_CACHE_PROPERTY);
            ImageFolderOptions options = ImageFolderOptions.defaults()
                    .withCacheDir(cache == null || cache.isBlank() ? null : Path.of(cache));
            return loadPictures(dir, options, LoadProgress.NONE).dataset();
        }
        return loadIdx(dir);
    }

    /**
     * Loads the IDX data set in {@code dir} (the options and progress then play no part), or, when the folder
     * holds none of the IDX files, its pictures with {@code options}, telling {@code progress} of each one.
     */
    public static LoadedDataset load(Path dir, ImageFolderOptions options, LoadProgress progress) {
        requireFolder(dir);
        if (!holdsIdxFiles(dir)) {
            return loadPictures(dir, options, progress);
        }
        return new LoadedDataset(loadIdx(dir), LoadReport.idx(dir));
    }

    /** Whether any of the four IDX files (plain or gzipped) lies in {@code dir}. */
    public static boolean holdsIdxFiles(Path dir) {
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (Files.isRegularFile(dir.resolve(name)) || Files.isRegularFile(dir.resolve(name + ".gz"))) {
                return true;
            }
        }
        return false;
    }

    private static LoadedDataset loadPictures(Path dir, ImageFolderOptions options, LoadProgress progress) {
        if (!ImageFolderLoader.holdsPictures(dir)) {
            throw new DataException(dir + ": holds neither the MNIST files (" + TRAIN_IMAGES + " and the other "
                    + "three IDX files) nor any PNG, JPEG, BMP or GIF pictures");
        }
        return ImageFolderLoader.load(dir, options, progress);
    }

    private static Dataset loadIdx(Path dir) {
        Path trainImagesFile = locate(dir, TRAIN_IMAGES);
        Path trainLabelsFile = locate(dir, TRAIN_LABELS);
        Path testImagesFile = locate(dir, TEST_IMAGES);
        Path testLabelsFile = locate(dir, TEST_LABELS);
        verifyChecksums(dir);

        LabeledImages train = readSplit(trainImagesFile, trainLabelsFile);
        LabeledImages test = readSplit(testImagesFile, testLabelsFile);
        return new Dataset(folderName(dir), train, test, readClassNames(dir));
    }

    /** A one-line refusal unless {@code dir} is an existing folder; both kinds of data set start here. */
    static void requireFolder(Path dir) {
        if (dir == null) {
            throw new DataException("no data folder given");
        }
        if (!Files.exists(dir)) {
            throw new DataException(dir + ": data folder not found");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a folder (expected a folder holding the MNIST files or pictures)");
        }
    }

    /** The gzipped file if present (that is what SHA256SUMS usually lists), else the plain one. */
    private static Path locate(Path dir, String baseName) {
        Path gz = dir.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DataException(baseName + ": missing from " + dir + " (looked for " + baseName + " and "
                + baseName + ".gz)");
    }

    /** Checks every file listed in SHA256SUMS that is present; absent entries are not an error. */
    private static void verifyChecksums(Path dir) {
        Path sums = dir.resolve(CHECKSUMS_FILE);
        if (!Files.isRegularFile(sums)) {
            return;
        }
        List<String> lines = readLines(sums);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = CHECKSUM_LINE.matcher(line);
            if (!m.matches()) {
                throw new DataException(CHECKSUMS_FILE + ": line " + (i + 1)
                        + " is not in sha256sum format (64 hex digits, two spaces, file name)");
            }
            String expected = m.group(1).toLowerCase();
            String listedName = m.group(2);
            Path listed = dir.resolve(listedName).normalize();
            if (!listed.startsWith(dir.normalize())) {
                throw new DataException(CHECKSUMS_FILE + ": line " + (i + 1) + " names a file outside the folder ("
                        + listedName + ")");
            }
            if (Files.isRegularFile(listed) && !expected.equals(sha256(listed))) {
                throw new DataException(IdxReader.displayName(listed)
                        + ": SHA-256 does not match " + CHECKSUMS_FILE + " (file corrupt or replaced)");
            }
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                digest.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DataException(IdxReader.displayName(file) + ": could not be read (" + e + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e); // every Java SE has it
        }
    }

    /** Reads one split's images and labels and checks that they belong together. */
    private static LabeledImages readSplit(Path imagesFile, Path labelsFile) {
        String imagesName = IdxReader.displayName(imagesFile);
        String labelsName = IdxReader.displayName(labelsFile);
        IdxReader.RawImages images = IdxReader.readImages(imagesFile);
        if (images.rows() != IMAGE_ROWS || images.cols() != IMAGE_COLS) {
            throw new DataException(imagesName + ": images are " + images.rows() + "x" + images.cols()
                    + ", expected " + IMAGE_ROWS + "x" + IMAGE_COLS);
        }
        byte[] labels = IdxReader.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new DataException(imagesName + " holds " + images.count() + " images but " + labelsName
                    + " holds " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= CLASS_COUNT) {
                throw new DataException(labelsName + ": label " + label + " at index " + i + " is outside 0.."
                        + (CLASS_COUNT - 1));
            }
        }
        return new LabeledImages(images.count(), images.rows(), images.cols(), images.pixels(), labels);
    }


    /** Names from classes.txt when it holds exactly one per class, else the digits "0".."9". */
    static List<String> readClassNames(Path dir) {
        Path file = dir.resolve(CLASSES_FILE);
        if (Files.isRegularFile(file)) {
            List<String> names = new ArrayList<>();
            for (String line : readLines(file)) {
                String name = line.replace("\uFEFF", "").strip(); // tolerate a byte-order mark
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            if (names.size() == CLASS_COUNT) {
                return List.copyOf(names);
            }
        }
        List<String> digits = new ArrayList<>();
        for (int i = 0; i < CLASS_COUNT; i++) {
            digits.add(Integer.toString(i));
        }
        return List.copyOf(digits);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(IdxReader.displayName(file) + ": could not be read as UTF-8 text (" + e + ")", e);
        }
    }

    /** A data set's name: its folder's. */
    static String folderName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }
}
