package io.vaeexplorer.data;

import java.util.List;
import java.util.Objects;

/**
 * An image data set split into training and test images of one size and channel count.
 *
 * <p>A set without classes (a folder of pictures with no class sub-folders) has no class names and every label
 * 0; {@link #labelled()} tells the two apart, so views that colour or pick by class can leave those out. The
 * MNIST-style sets are always labelled.
 *
 * @param name       short name shown to the user and stored in checkpoints, e.g. "mnist"
 * @param train      training images
 * @param test       test images, same size and channel count as the training images
 * @param classNames display name of each label, index = label; empty for an unlabelled set
 */
public record Dataset(String name, LabeledImages train, LabeledImages test, List<String> classNames) {

    /** What the window calls an image, or a class, of digits, and of no data set yet (the shipped digits come). */
    public static final String DIGIT_WORD = "digit";

    private static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        classNames = List.copyOf(classNames);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("train images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols());
        }
        if (train.channels() != test.channels()) {
            throw new IllegalArgumentException("train images have " + train.channels() + " channels but test images"
                    + " have " + test.channels());
        }
    }

    /** Whether the images carry classes; false for a set with no class names (all labels 0). */
    public boolean labelled() {
        return !classNames.isEmpty();
    }

    /**
     * The classes a conditional model of this set is told: one per class name.
     *
     * @throws IllegalArgumentException with a one-line reason when the set has fewer than two classes
     */
    public int conditionClasses() {
        if (!labelled()) {
            throw new IllegalArgumentException("a conditional model needs labelled pictures, but " + name
                    + " has no classes (put the pictures in one sub-folder per class)");
        }
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("a conditional model needs at least two classes, but " + name
                    + " has one (" + classNames.get(0) + ")");
        }
        return classNames.size();
    }

    /**
     * Whether the set is handwritten digits as MNIST has them: grey 28x28 images in the classes 0 to 9. Such a set
     * is drawn on the sketch pad and named with the word "digit".
     */
    public boolean digits() {
        return channels() == 1 && rows() == DatasetLoader.IMAGE_ROWS && cols() == DatasetLoader.IMAGE_COLS
                && classNames.equals(DIGIT_CLASSES);
    }

    /** What the window calls one image of the set: "digit" for {@link #digits}, else "image". */
    public String imageWord() {
        return digits() ? DIGIT_WORD : "image";
    }

    /** What the window calls one class of the set: "digit" for {@link #digits}, else "class". */
    public String classWord() {
        return digits() ? DIGIT_WORD : "class";
    }

    /** Levels per pixel: 1 for grey, 3 for colour. */
    public int channels() {
        return train.channels();
    }

    /** Levels per image ({@code channels * rows * cols}). */
    public int imageSize() {
        return train.imageSize();
    }

    /** The same data set with only the first {@code n} training images; 0 (or less) keeps them all. */
    public Dataset withTrainLimit(int n) {
        LabeledImages limited = train.first(n);
        return limited == train ? this : new Dataset(name, limited, test, classNames);
    }

    public int rows() {
        return train.rows();
    }

    public int cols() {
        return train.cols();
    }
}
