package io.vaeexplorer.data;

import java.nio.file.Path;

/** Slices of the shipped MNIST for fast tests, loaded once per test JVM. */
public final class SmallMnist {

    private static Dataset full;

    private SmallMnist() {
    }

    public static synchronized Dataset slice(int trainImages, int testImages) {
        if (full == null) {
            full = DatasetLoader.load(Path.of("assets", "mnist"));
        }
        return new Dataset(full.name(), full.train().first(trainImages), full.test().first(testImages),
                full.classNames());
    }
}
