package io.vaeexplorer.cli;

import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.PictureFiles;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * What the command-line tests on folders of pictures share: class folders of squares on black, the picture cache
 * kept in the test's own folder, and a small MLP trained on such a folder.
 */
final class PictureFolderFixture {

    private PictureFolderFixture() {
    }

    /**
     * One class folder: its picture {@code i} is a square of {@code colour(i)} with its upper left corner at
     * ({@code x(i)}, {@code y(i)}).
     */
    record SquareClass(String name, IntFunction<Color> colour, IntUnaryOperator x, IntUnaryOperator y) {
    }

    /** Writes {@code perClass} PNG pictures of {@code side x side} pixels for each class under {@code root}. */
    static Path squares(Path root, int side, int perClass, int square, SquareClass... classes) {
        for (SquareClass c : classes) {
            for (int i = 0; i < perClass; i++) {
                PictureFiles.write(root.resolve(c.name()).resolve(i + ".png"), PictureFiles.square(side, side,
                        Color.BLACK, c.colour().apply(i), c.x().applyAsInt(i), c.y().applyAsInt(i), square));
            }
        }
        return root;
    }

    /** The picture cache in {@code folder} until closed, then where it was before. */
    static CacheIn cacheIn(Path folder) {
        CacheIn previous = new CacheIn(System.getProperty(DatasetLoader.IMAGE_CACHE_PROPERTY));
        System.setProperty(DatasetLoader.IMAGE_CACHE_PROPERTY, folder.toString());
        return previous;
    }

    /** Puts the cache property back to {@code before} (cleared when it was not set). */
    record CacheIn(String before) implements AutoCloseable {
        @Override
        public void close() {
            if (before == null) {
                System.clearProperty(DatasetLoader.IMAGE_CACHE_PROPERTY);
            } else {
                System.setProperty(DatasetLoader.IMAGE_CACHE_PROPERTY, before);
            }
        }
    }

    /** {@code train} of an MLP with a hidden layer of 64 and a 2-d latent space on {@code data}, saved in {@code out}. */
    static CliTest.Run trainSmallMlp(Path data, Path out, int epochs, int batch, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs",
                Integer.toString(epochs), "--batch", Integer.toString(batch), "--hidden", "64", "--latent", "2",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }
}
