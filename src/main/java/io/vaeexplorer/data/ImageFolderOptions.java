package io.vaeexplorer.data;

import java.nio.file.Path;

/**
 * How a folder of pictures becomes a data set.
 *
 * @param imageSize    side N of the square images, or {@link #AUTO}: the images' own size when they all share one
 *                     square size up to {@value #AUTO_SIZE_LIMIT}, otherwise {@value #FALLBACK_SIZE}
 * @param channels     1 (grey), 3 (red, green, blue) or {@link #AUTO}: 3 when any image has colour, else 1
 * @param testFraction share of the images held out as the test set when the folder has no {@code train/} and
 *                     {@code test/} sub-folders, in [0, 1); 0 gives an empty test set
 * @param seed         seed of the hold-out's shuffle, which also orders the training images: the same seed picks
 *                     the same test images and the same training order
 * @param cacheDir     folder for the decoded-set cache and the load logs, or null for no cache (logs then go to
 *                     the system's temporary folder)
 */
public record ImageFolderOptions(int imageSize, int channels, double testFraction, long seed, Path cacheDir) {

    /** Let the images decide (size or channel count). */
    public static final int AUTO = 0;
    public static final int AUTO_SIZE_LIMIT = 64;
    public static final int FALLBACK_SIZE = 32;
    /** Largest side accepted: a model's input grows with the square of it. */
    public static final int MAX_IMAGE_SIZE = 512;
    public static final double DEFAULT_TEST_FRACTION = 0.10;
    public static final long DEFAULT_SEED = 0L;

    public ImageFolderOptions {
        if (imageSize < 0 || imageSize > MAX_IMAGE_SIZE) {
            throw new IllegalArgumentException("image size " + imageSize + " is outside 1.." + MAX_IMAGE_SIZE
                    + " (or 0 for the images' own size)");
        }
        if (channels != AUTO && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3 (or 0 to follow the images), not " + channels);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction " + testFraction + " is outside [0, 1)");
        }
    }

    /** Size and channels from the images, a 10% hold-out with seed 0, no cache. */
    public static ImageFolderOptions defaults() {
        return new ImageFolderOptions(AUTO, AUTO, DEFAULT_TEST_FRACTION, DEFAULT_SEED, null);
    }

    public ImageFolderOptions withImageSize(int size) {
        return new ImageFolderOptions(size, channels, testFraction, seed, cacheDir);
    }

    public ImageFolderOptions withChannels(int count) {
        return new ImageFolderOptions(imageSize, count, testFraction, seed, cacheDir);
    }

    public ImageFolderOptions withTestFraction(double fraction) {
        return new ImageFolderOptions(imageSize, channels, fraction, seed, cacheDir);
    }

    public ImageFolderOptions withSeed(long value) {
        return new ImageFolderOptions(imageSize, channels, testFraction, value, cacheDir);
    }

    public ImageFolderOptions withCacheDir(Path dir) {
        return new ImageFolderOptions(imageSize, channels, testFraction, seed, dir);
    }
}
