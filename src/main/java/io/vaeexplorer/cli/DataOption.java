package io.vaeexplorer.cli;

import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.ImageFolderOptions;
import io.vaeexplorer.data.LoadedDataset;
import io.vaeexplorer.store.AppFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Option;

/**
 * The shared {@code --data DIR} option: a folder of the four IDX files, or a folder of pictures (PNG, JPEG, BMP,
 * GIF; class folders as torchvision's ImageFolder reads them, optionally under {@code train/} and {@code test/});
 * the shipped MNIST by default. Pictures are decoded on every core with a progress bar in a terminal, and kept
 * decoded in {@code ~/.vae-explorer/cache} so the next open of an unchanged folder is quick.
 */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "folder with the four IDX files (gzipped or not), or a folder of pictures (class folders,"
                    + " optionally under train/ and test/); default: the shipped MNIST")
    Path dir;

    @Option(names = "--image-size", paramLabel = "N",
            description = "pictures: scale the shorter side to N and crop the centre to N x N (default: the"
                    + " pictures' own size when they share one up to 64, else 32)")
    Integer imageSize;

    @Option(names = "--channels", paramLabel = "1|3",
            description = "pictures: 1 for grey, 3 for colour (default: 3 when any picture has colour)")
    Integer channels;

    @Option(names = "--holdout", paramLabel = "F",
            description = "pictures without train/ and test/ folders: the share held out as the test set, the same"
                    + " pictures for the same --holdout-seed (default: 0.1)")
    Double holdout;

    @Option(names = "--holdout-seed", paramLabel = "S", description = "pictures: the seed of the hold-out (default: 0)")
    Long holdoutSeed;

    Path folder() {
        return dir != null ? dir : AssetLocator.mnistDir();
    }

    /** The options for a folder of pictures, with the cache in the app's folder unless a system property moves it. */
    ImageFolderOptions pictureOptions() {
        String cache = System.getProperty(DatasetLoader.IMAGE_CACHE_PROPERTY);
        ImageFolderOptions options = ImageFolderOptions.defaults().withCacheDir(cache != null ? Path.of(cache)
                : AppFolder.path().resolve("cache"));
        try {
            if (imageSize != null) {
                options = options.withImageSize(imageSize);
            }
            if (channels != null) {
                options = options.withChannels(channels);
            }
            if (holdout != null) {
                options = options.withTestFraction(holdout);
            }
            if (holdoutSeed != null) {
                options = options.withSeed(holdoutSeed);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return options;
    }

    Dataset load() {
        return load(System.err);
    }

    /**
     * Loads the data set; for pictures, shows decoding progress and the load's summary (files skipped, with the
     * log that names them) on {@code messages}.
     */
    Dataset load(PrintStream messages) {
        if (DatasetLoader.holdsIdxFiles(folder())) {
            return DatasetLoader.load(folder());
        }
        boolean terminal = System.console() != null;
        ProgressBar[] bar = new ProgressBar[1];
        LoadedDataset loaded;
        try {
            loaded = DatasetLoader.load(folder(), pictureOptions(), (done, total) -> {
                if (!terminal) {
                    return;
                }
                if (bar[0] == null) {
                    bar[0] = new ProgressBarBuilder().setTaskName("decoding").setInitialMax(total)
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                            .setUnit(" pictures", 1).build();
                }
                bar[0].stepTo(done);
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        messages.println(loaded.report().summary());
        Dataset dataset = loaded.dataset();
        messages.println(String.format(Locale.ROOT, "%s: %dx%d, %s, %d classes, %d training and %d test pictures",
                dataset.name(), dataset.rows(), dataset.cols(), dataset.channels() == 1 ? "grey" : "colour",
                dataset.classNames().size(), dataset.train().count(), dataset.test().count()));
        return dataset;
    }
}
