package io.vaeexplorer.cli;

import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --data DIR} option: any folder of the four IDX files; the shipped MNIST by default. */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "folder with the four IDX files (gzipped or not); default: the shipped MNIST")
    Path dir;

    Path folder() {
        return dir != null ? dir : AssetLocator.mnistDir();
    }

    Dataset load() {
        return DatasetLoader.load(folder());
    }
}
