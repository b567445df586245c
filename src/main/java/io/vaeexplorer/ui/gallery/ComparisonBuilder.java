package io.vaeexplorer.ui.gallery;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.ClassesTold;
import io.vaeexplorer.explore.ImageGrid;
import io.vaeexplorer.explore.ManifoldFigure;
import io.vaeexplorer.explore.ReconstructionFigure;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.render.ScatterRenderer;
import io.vaeexplorer.ui.fx.ClassColors;
import io.vaeexplorer.ui.plane.LatentPoints;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Computes what the side-by-side comparison shows for two to four models, off the FX thread: every model's test
 * scatter on one common scale, its reconstructions of the same test images and its decoded manifold grid over
 * that same region. Pure work on plain data; the view only turns the results into images.
 */
final class ComparisonBuilder {

    static final int SCATTER_SIZE = 220;
    static final int MANIFOLD_TILES = 12;
    private static final int[] PALETTE = ClassColors.argbByLabelByte();

    /**
     * One model's column of the comparison; {@code scatterArgb} is its scatter at {@link #SCATTER_SIZE}, and
     * {@link #scatter(int, double[])} draws it again at another size.
     */
    record Column(String name, Checkpoint checkpoint, int[] scatterArgb, String axes, Raster reconstructions,
                  Raster manifold, LatentPoints points) {

        /** The test codes as a {@code size x size} ARGB scatter of the shared region, 3 x 3 pixels a point. */
        int[] scatter(int size, double[] bounds) {
            return ScatterRenderer.render(points.xy(), points.labels(), points.count(), PALETTE, size, size, bounds,
                    0xffffffff);
        }
    }

    /** The whole comparison: the columns, the shared plane region and the originals the reconstructions copy. */
    record Result(List<Column> columns, double[] bounds, Raster originals, int[] imageIndices) {
    }

    private ComparisonBuilder() {
    }

    /** The first test image of each class in turn, {@code count} of them: the same images for every model. */
    static int[] pickImages(LabeledImages test, int count) {
        int[] picked = new int[Math.min(count, test.count())];
        boolean[] used = new boolean[test.count()];
        int classes = 0; // a picture folder may have any number of classes, not MNIST's ten
        for (int i = 0; i < test.count(); i++) {
            classes = Math.max(classes, test.label(i) + 1);
        }
        int n = 0;
        for (int round = 0; n < picked.length && round < test.count(); round++) {
            for (int label = 0; label < classes && n < picked.length; label++) {
                for (int i = 0; i < test.count(); i++) {
                    if (!used[i] && test.label(i) == label) {
                        used[i] = true;
                        picked[n++] = i;
                        break;
                    }
                }
            }
        }
        return picked;
    }

    /**
     * @param load builds a model holding a checkpoint's weights; each is closed before this returns
     */
    static Result build(List<String> names, List<Checkpoint> checkpoints, LabeledImages test, int reconstructions,
            Function<WeightSnapshot, SnapshotModel> load) {
        int[] indices = pickImages(test, reconstructions);
        int size = test.imageSize();
        float[] originals = new float[indices.length * size];
        int[] classes = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            classes[i] = test.label(indices[i]);
            System.arraycopy(test.image(indices[i]), 0, originals, i * size, size);
        }
        int perRow = Math.max(1, (indices.length + 1) / 2);

        // one native copy of each model serves its encodes, reconstructions and manifold
        List<SnapshotModel> models = new ArrayList<>();
        try {
            List<LatentPoints> points = new ArrayList<>();
            List<Raster> recon = new ArrayList<>();
            for (Checkpoint c : checkpoints) {
                SnapshotModel model = load.apply(c.weights());
                models.add(model);
                float[][] posterior = model.encodeGrey(test.grey(), test.classes(), test.count());
                points.add(LatentPoints.of(test.count(), c.config().latent(), posterior[0], posterior[1],
                        test.labels(), c.weights().version()));
                // framed like the originals' tiles, so each reconstruction sits under its original; a conditional
                // model is told each image's class
                ReconstructionFigure figure = ReconstructionFigure.of(ClassesTold.ownClasses(model, classes), originals,
                        indices.length, perRow);
                recon.add(ImageTiler.tile(figure.reconstructions(), 1, 1));
            }
            float[][] xySets = new float[points.size()][];
            for (int i = 0; i < points.size(); i++) {
                xySets[i] = points.get(i).xy();
            }
            double[] bounds = ScatterRenderer.commonBounds(xySets, 0.005);

            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < checkpoints.size(); i++) {
                LatentPoints p = points.get(i);
                int[] scatter = ScatterRenderer.render(p.xy(), p.labels(), p.count(), PALETTE, SCATTER_SIZE,
                        SCATTER_SIZE, bounds, 0xffffffff);
                columns.add(new Column(names.get(i), checkpoints.get(i), scatter,
                        p.xAxisLabel() + " / " + p.yAxisLabel(), recon.get(i), manifold(models.get(i), p, bounds), p));
            }
            Raster originalTiles = ImageTiler.tile(originals, indices.length, test.shape(), perRow, 1, 1);
            return new Result(columns, bounds, originalTiles, indices);
        } finally {
            for (SnapshotModel model : models) {
                model.close();
            }
        }
    }

    /** The decodes of a regular grid over the shared region (through the model's own PCA plane when d > 2). */
    private static Raster manifold(SnapshotModel model, LatentPoints p, double[] b) {
        ImageGrid grid = ManifoldFigure.decode(model, MANIFOLD_TILES, b, p.pca());
        return grid == null ? null : ImageTiler.tile(grid, 0, 1);
    }
}
