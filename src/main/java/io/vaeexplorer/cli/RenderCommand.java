package io.vaeexplorer.cli;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.explore.ClassGridFigure;
import io.vaeexplorer.explore.ClassesTold;
import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.explore.GaussianMixture;
import io.vaeexplorer.explore.ImageGrid;
import io.vaeexplorer.explore.InterpolationEnds;
import io.vaeexplorer.explore.LatentModel;
import io.vaeexplorer.explore.ManifoldFigure;
import io.vaeexplorer.explore.Pca;
import io.vaeexplorer.explore.ReconstructionFigure;
import io.vaeexplorer.explore.SampleFigure;
import io.vaeexplorer.explore.SweepFigure;
import io.vaeexplorer.render.GifWriter;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.CheckpointIO;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code render}: the tutorials' figures as PNG files, and the interpolation as an animated GIF. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render a figure of a saved model as PNG: recon (test images above their reconstructions), "
                + "prior (samples from N(0, I)), manifold (images decoded on a grid of the latent plane; PCA plane for "
                + "d > 2), sweep (z = mu + eps * sigma around one test image), interpolate (between two test images; "
                + "with --gif FILE.gif also as a looping animation, one frame per step, from A to B and back).")
final class RenderCommand implements Callable<Integer> {

    enum Figure { RECON, PRIOR, MANIFOLD, SWEEP, INTERPOLATE, CLASSES }

    @Option(names = "--model-dir", paramLabel = "DIR", required = true, description = "folder (or .vae or .safetensors file) of the checkpoint")
    Path modelDir;

    @Option(names = "--what", paramLabel = "FIGURE", required = true, converter = FigureConverter.class,
            description = "recon, prior, manifold, sweep, interpolate, or classes (a conditional model: a row per class,"
                    + " a column per z)")
    Figure what;

    @Option(names = "--out", paramLabel = "FILE.png", description = "PNG to write (default: <model dir>/<figure>.png)")
    Path out;

    @Mixin
    DataOption data;

    @Option(names = "--count", paramLabel = "N", defaultValue = "16", description = "recon: images; prior: samples; classes: z values per class (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "20", description = "manifold: N x N images (default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--eps-steps", paramLabel = "N", defaultValue = "9", description = "sweep: eps values per axis (default: ${DEFAULT-VALUE})")
    int epsSteps;

    @Option(names = "--range", paramLabel = "R", defaultValue = "3", description = "manifold: z in [-R, R]; sweep: eps in [-R, R], in units of sigma (default: ${DEFAULT-VALUE})")
    double range;

    @Option(names = "--index", paramLabel = "I", defaultValue = "0", description = "recon: first test image; sweep: the test image (default: ${DEFAULT-VALUE})")
    int index;

    @Option(names = "--dims", paramLabel = "X,Y", split = ",", defaultValue = "0,1", description = "sweep: the two latent "
            + "dimensions swept; X,X sweeps one in a row, dimensions the model lacks fall back to 0,1 (default: ${DEFAULT-VALUE})")
    int[] dims;

    @Option(names = "--per-dimension", description = "sweep: one row per latent dimension instead of a 2-D grid")
    boolean perDimension;

    @Option(names = "--a", paramLabel = "I", defaultValue = "0", description = "interpolate: index of test image A (default: ${DEFAULT-VALUE})")
    int indexA;

    @Option(names = "--b", paramLabel = "J", defaultValue = "1", description = "interpolate: index of test image B (default: ${DEFAULT-VALUE})")
    int indexB;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "interpolate: images in the strip (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--slerp", description = "interpolate: spherical instead of linear")
    boolean slerp;

    @Option(names = "--gif", paramLabel = "FILE.gif", description = "interpolate: write an animated GIF, one frame per "
            + "step from A to B and back, looping; the PNG strip is then written only when --out is given too")
    Path gif;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "100", description = "--gif: milliseconds per frame, "
            + "in steps of 10 (default: ${DEFAULT-VALUE})")
    int delayMs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "prior: seed of the samples (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sampler", paramLabel = "prior|gmm:K", defaultValue = "prior", description = "prior: draw z from "
            + "N(0, I), or from a mixture of K Gaussians fitted to the training codes (default: ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "2", description = "every pixel of the figure a K x K "
            + "block: the PNG and the GIF frames K times as wide and high as at 1, from 1 to " + MAX_SCALE
            + " (default: ${DEFAULT-VALUE})")
    int scale;

    /** The largest --scale, which keeps a 20 x 20 manifold under 10,000 pixels a side. */
    static final int MAX_SCALE = 16;

    @Override
    public Integer call() {
        if (gif != null && what != Figure.INTERPOLATE) {
            throw new UserError("--gif works only with --what interpolate");
        }
        if (scale < 1 || scale > MAX_SCALE) {
            throw new UserError("--scale must be from 1 to " + MAX_SCALE + ", got " + scale);
        }
        if (gif != null && delayMs < 10) {
            throw new UserError("--delay must be at least 10 ms, got " + delayMs);
        }
        if (gif != null) {
            return animate();
        }
        Checkpoint checkpoint = CheckpointIO.load(modelDir);
        ModelConfig config = checkpoint.config();
        ComputeDevice device = ComputeDevice.preferred();
        Path file = out != null ? out : defaultFolder().resolve(what.name().toLowerCase(Locale.ROOT) + ".png");
        try (InferenceModel model = new InferenceModel(checkpoint.weights(), device)) {
            Raster figure = switch (what) {
                case PRIOR -> prior(model, checkpoint);
                case MANIFOLD -> manifold(model, checkpoint);
                case RECON -> reconstructions(model, testImages(checkpoint));
                case SWEEP -> sweep(model, testImages(checkpoint));
                case INTERPOLATE -> interpolation(model, testImages(checkpoint));
                case CLASSES -> classes(model);
            };
            // drawn at 1x and enlarged whole, as the window's exports are: --scale 2 is --scale 1 twice as large
            Raster raster = ImageTiler.enlarge(figure, scale);
            writeFile(() -> PngWriter.write(raster, file));
        }
        System.out.println("wrote " + file + " (" + what.name().toLowerCase(Locale.ROOT) + ", " + config.describe() + ")");
        return 0;
    }

    private Path defaultFolder() {
        return Files.isRegularFile(modelDir) ? modelDir.toAbsolutePath().getParent() : modelDir;
    }

    private LabeledImages testImages(Checkpoint checkpoint) {
        Dataset dataset = data.load();
        requireSameImageSize(checkpoint, dataset);
        return dataset.test();
    }

    private Raster prior(InferenceModel model, Checkpoint checkpoint) {
        requirePositive("--count", count);
        int components = mixtureComponents(sampler);
        if (components == 0) {
            return tile(SampleFigure.prior(model, count, seed, columnsFor(count)));
        }
        Dataset dataset = data.load();
        requireSameImageSize(checkpoint, dataset);
        LabeledImages train = dataset.train();
        GaussianMixture mixture = GaussianMixture.fitToImages(model, train.grey(), train.labels(), train.count(), components, seed);
        return tile(SampleFigure.mixture(model, mixture, count, seed, columnsFor(count)));
    }

    private Raster classes(InferenceModel model) {
        requirePositive("--count", count);
        if (model.conditionClasses() == 0) {
            throw new UserError("--what classes needs a conditional model; " + modelDir + " is a plain one (train"
                    + " with --conditional)");
        }
        return tile(ClassGridFigure.of(model, count, seed));
    }

    /** 0 for "prior", K for "gmm:K"; anything else is refused in one line. */
    static int mixtureComponents(String sampler) {
        String text = sampler.trim().toLowerCase(Locale.ROOT);
        if (text.equals("prior")) {
            return 0;
        }
        if (text.startsWith("gmm:")) {
            try {
                int k = Integer.parseInt(text.substring(4));
                if (k >= 1 && k <= 1000) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new UserError("--sampler must be prior or gmm:K with K from 1 to 1000, got '" + sampler + "'");
    }

    private Raster manifold(InferenceModel model, Checkpoint checkpoint) {
        requirePositive("--grid", grid);
        Pca plane = null;
        if (model.latent() > 2) {
            // a d > 2 space is shown on the plane of its first two principal components over the test codes
            LabeledImages test = testImages(checkpoint);
            float[] mu = model.encodeGrey(test.grey(), test.classes(), test.count())[0];
            plane = ManifoldFigure.planeOf(mu, test.count(), model.latent());
        }
        ImageGrid images = ManifoldFigure.decode(model, grid, -range, range, -range, range, plane);
        if (images == null) {
            throw new UserError("a latent space of 1 dimension has no plane to draw the manifold on; try --what sweep");
        }
        return tile(images);
    }

    private Raster reconstructions(InferenceModel model, LabeledImages test) {
        requirePositive("--count", count);
        int n = Math.min(count, test.count() - checkIndex(index, test));
        float[] originals = new float[n * test.imageSize()];
        System.arraycopy(test.pixels(), index * test.imageSize(), originals, 0, originals.length);
        // a conditional model encodes and decodes each image at its own class
        LatentModel told = ClassesTold.ownClasses(model, Arrays.copyOfRange(test.classes(), index, index + n));
        ReconstructionFigure figure = ReconstructionFigure.of(told, originals, n, n);
        return ImageTiler.stack(tile(figure.originals()), tile(figure.reconstructions()), 4);
    }

    private Raster sweep(InferenceModel model, LabeledImages test) {
        requirePositive("--eps-steps", epsSteps);
        if (dims.length != 2) {
            throw new UserError("--dims needs two latent dimensions X,Y, got " + dims.length);
        }
        float[] image = test.image(checkIndex(index, test));
        LatentModel told = ClassesTold.ownClasses(model, new int[] {test.label(index)});
        return tile(SweepFigure.around(told, image, EpsilonSweep.Units.SIGMA, epsSteps, range, dims[0], dims[1],
                perDimension).images());
    }

    private Raster interpolation(InferenceModel model, LabeledImages test) {
        return tile(interpolatedImages(model, test));
    }

    /** The {@code steps} decoded images from test image A to B, in one row. */
    private ImageGrid interpolatedImages(InferenceModel model, LabeledImages test) {
        if (steps < 2) {
            throw new UserError("--steps must be at least 2, got " + steps);
        }
        // a conditional model encodes each end at its own class and draws the strip as A's class
        LatentModel told = ClassesTold.restyled(model, new int[] {test.label(checkIndex(indexA, test)),
                test.label(checkIndex(indexB, test))}, test.label(indexA));
        InterpolationEnds ends = InterpolationEnds.encode(told, test.image(indexA), test.image(indexB), 0, false);
        return ends.strip(told, steps, slerp).images();
    }

    /** {@code --what interpolate --gif}: the animation, and the strip as well when --out names a PNG. */
    private Integer animate() {
        Checkpoint checkpoint = CheckpointIO.load(modelDir);
        ModelConfig config = checkpoint.config();
        List<Raster> frames;
        try (InferenceModel model = new InferenceModel(checkpoint.weights(), ComputeDevice.preferred())) {
            ImageGrid images = interpolatedImages(model, testImages(checkpoint));
            if (out != null) {
                Raster strip = ImageTiler.enlarge(tile(images), scale);
                writeFile(() -> PngWriter.write(strip, out));
                System.out.println("wrote " + out + " (interpolate, " + config.describe() + ")");
            }
            frames = forthAndBack(images, scale);
        }
        List<Raster> animation = frames;
        writeFile(() -> GifWriter.write(animation, delayMs, true, gif));
        Raster first = frames.get(0);
        System.out.println("wrote " + gif + " (interpolate, " + frames.size() + " frames of " + first.width() + "x"
                + first.height() + ", " + delayMs + " ms each, " + config.describe() + ")");
        return 0;
    }

    /**
     * One frame per image, 0 .. n-1 then back n-2 .. 1, so a looping animation runs A to B to A without showing
     * either end twice in a row; each image pixel a {@code scale x scale} block, no border.
     */
    static List<Raster> forthAndBack(ImageGrid images, int scale) {
        List<Raster> frames = new ArrayList<>(2 * images.count() - 2);
        for (int i : InterpolationEnds.forthAndBack(images.count())) {
            frames.add(ImageTiler.single(images.image(i), images.shape(), scale));
        }
        return frames;
    }

    /** An unwritable output (no permission, a file where a folder should be) is the user's to fix: one line. */
    private static void writeFile(Runnable write) {
        try {
            write.run();
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The images tiled at 1x, a 2-pixel frame around each. */
    private static Raster tile(ImageGrid images) {
        return ImageTiler.tile(images, 2, 1);
    }

    private static int columnsFor(int n) {
        return (int) Math.ceil(Math.sqrt(n));
    }

    private static int checkIndex(int i, LabeledImages test) {
        if (i < 0 || i >= test.count()) {
            throw new UserError("test image index " + i + " is outside 0.." + (test.count() - 1));
        }
        return i;
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new UserError(option + " must be at least 1, got " + value);
        }
    }

    static void requireSameImageSize(Checkpoint checkpoint, Dataset dataset) {
        String mismatch = checkpoint.config().sizeMismatch("the model", dataset.name(), dataset.channels(),
                dataset.rows(), dataset.cols());
        if (mismatch != null) {
            throw new UserError(mismatch);
        }
    }

    static final class FigureConverter implements picocli.CommandLine.ITypeConverter<Figure> {
        @Override
        public Figure convert(String value) {
            try {
                return Figure.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "expected recon, prior, manifold, sweep, interpolate or classes, got '" + value + "'");
            }
        }
    }
}
