package io.vaeexplorer.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled image data set split into training and test images of one size.
 *
 * @param name       short name shown to the user and stored in checkpoints, e.g. "mnist"
 * @param train      training images
 * @param test       test images, same size as the training images
 * @param classNames display name of each label, index = label
 */
public record Dataset(String name, LabeledImages train, LabeledImages test, List<String> classNames) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        classNames = List.copyOf(classNames);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("train images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols());
        }
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
