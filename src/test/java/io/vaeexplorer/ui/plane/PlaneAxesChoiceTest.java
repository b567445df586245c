package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.explore.AggregatePosterior;
import io.vaeexplorer.explore.Pca;
import io.vaeexplorer.explore.PosteriorEllipse;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plane's axes chosen as two latent dimensions, on a small real model of latent size 4 and the first MNIST test
 * images: where the codes land, what a click decodes, the manifold, the density, the ellipses, the CSV, the way back
 * to the principal components, and models of other latent sizes. The test thread plays the FX thread: the workers'
 * answers queue up and the test runs them.
 */
class PlaneAxesChoiceTest {

    private static final int TEST_IMAGES = 300;
    private static final int LATENT = 4;
    private static Dataset data;

    @TempDir
    Path temp;

    private final BlockingQueue<Runnable> answers = new LinkedBlockingQueue<>();
    private final PlaneFixture fixture = PlaneFixture.withEngine(answers::add);
    private final InferenceWorker worker = fixture.worker;
    private final InferenceWorker interactive = fixture.interactive;
    private final Workspace workspace = fixture.workspace;
    private final PlaneViewModel plane = fixture.plane;

    @BeforeAll
    static void smallTestSet() {
        Dataset mnist = DatasetLoader.load(Path.of("assets", "mnist"));
        data = new Dataset(mnist.name(), mnist.train().first(10), mnist.test().first(TEST_IMAGES),
                mnist.classNames());
    }

    @AfterEach
    void close() {
        fixture.close();
        assertTrue(fixture.errors.isEmpty(), fixture.errors.toString());
    }

    /** Untrained weights spread by {@link ExperimentFixture#WEIGHT_GAIN}, which gives codes a plane can tell apart. */
    private static WeightSnapshot weights(int latent, long version) {
        return ExperimentFixture.untrainedWeights(ModelConfig.mlp(latent, List.of(16)), 7, version);
    }

    private void answerUntil(String what, BooleanSupplier condition) throws InterruptedException {
        PlaneFixture.answerUntil(answers, what, condition);
    }

    /** Whether the worker has nothing left to do and every answer it gave has run. */
    private boolean settled(InferenceWorker w) {
        return w.isIdle() && answers.isEmpty();
    }

    /** Opens the test set with a model of the latent size and waits for its codes. */
    private LatentPoints encoded(int latent, long version) throws InterruptedException {
        workspace.openDataset(data);
        workspace.showWeights(weights(latent, version));
        plane.refreshLatentPoints();
        answerUntil("the codes of latent size " + latent, () -> plane.latentPointsProperty().get() != null
                && plane.latentPointsProperty().get().dim() == latent
                && plane.latentPointsProperty().get().snapshotVersion() == version);
        return plane.latentPointsProperty().get();
    }

    private void chooseDimensions(int x, int y) {
        plane.xDimensionProperty().set(x);
        plane.yDimensionProperty().set(y);
        plane.dimensionAxesProperty().set(true);
    }

    /** The codes' mean in dimension k. */
    private static double mean(LatentPoints points, int k) {
        double sum = 0;
        for (int i = 0; i < points.count(); i++) {
            sum += points.mu()[i * points.dim() + k];
        }
        return sum / points.count();
    }

    @Test
    void chosenDimensionsPlaceEveryCodeAtItsMeansInThemAndAClickKeepsTheOthersAtTheCodesMean() throws Exception {
        LatentPoints principal = encoded(LATENT, 1);
        assertEquals(4, plane.latentSizeProperty().get());
        assertTrue(principal.axes().principal(), "principal components by default");
        assertTrue(principal.xAxisLabel().startsWith("PC 1 ("), principal.xAxisLabel());

        chooseDimensions(1, 3);
        LatentPoints points = plane.latentPointsProperty().get();
        assertEquals(LatentAxes.dimensions(1, 3), points.axes());
        assertSame(principal.mu(), points.mu(), "the same codes, on other axes");
        for (int i = 0; i < points.count(); i++) {
            assertEquals(points.mu()[i * LATENT + 1], points.xy()[2 * i], "x of code " + i);
            assertEquals(points.mu()[i * LATENT + 3], points.xy()[2 * i + 1], "y of code " + i);
        }
        assertTrue(points.xAxisLabel().matches("z1 \\(\\d+% of variance\\)"), points.xAxisLabel());
        assertTrue(points.yAxisLabel().matches("z3 \\(\\d+% of variance\\)"), points.yAxisLabel());
        int nearest = plane.nearestTestImage(points.mu()[42 * LATENT + 1], points.mu()[42 * LATENT + 3]);
        assertEquals(points.xy()[2 * 42], points.xy()[2 * nearest], "hovering finds codes by their dimensions");

        plane.decodeAt(1.25, -0.5);
        float[] z = plane.selectedZProperty().get();
        assertEquals(1.25f, z[1]);
        assertEquals(-0.5f, z[3]);
        assertEquals(mean(points, 0), z[0], 1e-5, "an unchosen dimension sits at the codes' mean");
        assertEquals(mean(points, 2), z[2], 1e-5);
        assertArrayEquals(new double[] {1.25, -0.5}, points.toPlane(z), 1e-6, "the marker lands on the click");

        // the posterior ellipse in the two dimensions: their sigmas along the axes
        PosteriorEllipse ring = PosteriorEllipse.of(points.mu(5), points.sigma(5), points.pca(), 1);
        float[] sigma = points.sigma(5);
        assertEquals(points.mu()[5 * LATENT + 1], ring.centreX(), 1e-6);
        assertEquals(points.mu()[5 * LATENT + 3], ring.centreY(), 1e-6);
        assertEquals(Math.max(sigma[1], sigma[3]), ring.semiMajor(), 1e-6);
        assertEquals(Math.min(sigma[1], sigma[3]), ring.semiMinor(), 1e-6);
    }

    @Test
    void theManifoldDecodesTheChosenDimensionsWithTheOthersAtTheCodesMean() throws Exception {
        encoded(LATENT, 1);
        chooseDimensions(2, 0);
        PlaneRegion region = new PlaneRegion(-3, 3, -2, 2);
        plane.manifoldRegionProperty().set(region);
        plane.showManifoldProperty().set(true);
        answerUntil("the manifold", () -> settled(worker) && plane.manifoldProperty().get() != null);
        Raster manifold = plane.manifoldProperty().get().raster();
        int side = 28;
        assertEquals(PlaneViewModel.MANIFOLD_GRID * side, manifold.width());

        // the grid's upper left tile is the decode at (xMin, yMax), as a click there decodes it
        Raster before = plane.decodedImageProperty().get();
        plane.decodeAt(region.xMin(), region.yMax());
        answerUntil("the click's decode", () -> settled(interactive) && plane.decodedImageProperty().get() != before);
        Raster clicked = plane.decodedImageProperty().get();
        int largestGap = 0;
        int corners = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                largestGap = Math.max(largestGap, Math.abs(clicked.get(x, y) - manifold.get(x, y)));
                int far = manifold.get(manifold.width() - side + x, manifold.height() - side + y);
                corners = Math.max(corners, Math.abs(far - manifold.get(x, y)));
            }
        }
        assertTrue(largestGap <= 1, "the tile differs from the click's decode by " + largestGap + " grey levels");
        assertTrue(corners > 10, "opposite corners of the manifold decode alike: " + corners);
    }

    @Test
    void theDensityIsTheMarginalOfTheCodesAndThePriorInTheChosenDimensions() throws Exception {
        encoded(LATENT, 1);
        PlaneRegion region = new PlaneRegion(-4, 4, -4, 4);
        plane.manifoldRegionProperty().set(region);
        plane.showDensityProperty().set(true);
        DensityImage onPrincipal = plane.densityProperty().get();
        assertNotNull(onPrincipal);

        chooseDimensions(3, 1);
        LatentPoints points = plane.latentPointsProperty().get();
        DensityImage density = plane.densityProperty().get();
        assertNotNull(density, "recomputed for the new axes at once (the maths ran on the calling thread)");
        int n = points.count();
        float[] mu = new float[2 * n];
        float[] sigma = new float[2 * n];
        for (int i = 0; i < n; i++) {
            mu[2 * i] = points.mu()[i * LATENT + 3];
            mu[2 * i + 1] = points.mu()[i * LATENT + 1];
            sigma[2 * i] = points.sigma()[i * LATENT + 3];
            sigma[2 * i + 1] = points.sigma()[i * LATENT + 1];
        }
        AggregatePosterior.Area area = new AggregatePosterior.Area(region.xMin(), region.xMax(), region.yMin(),
                region.yMax(), density.width(), density.height());
        int[] marginal = AggregatePosterior.ratioImage(AggregatePosterior.density(mu, sigma, n, 2, null, area),
                AggregatePosterior.prior(2, null, area));
        assertArrayEquals(marginal, density.argb(), "the codes of two dimensions against N(0, I) in two");
        assertFalse(Arrays.equals(onPrincipal.argb(), density.argb()), "the principal plane's differs");
    }

    @Test
    void theCodesCsvHasThePlaneOfTheChosenDimensions() throws Exception {
        encoded(LATENT, 1);
        chooseDimensions(0, 2);
        Path csv = temp.resolve("codes.csv");
        plane.exportCodesCsv(csv);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("index,label,class,plane_x,plane_y,mu_1,mu_2,mu_3,mu_4,sigma_1,sigma_2,sigma_3,sigma_4",
                rows.get(0));
        assertEquals(TEST_IMAGES + 1, rows.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.split(",");
            assertEquals(fields[5], fields[3], "plane x is the first dimension's mu: " + row);
            assertEquals(fields[7], fields[4], "plane y is the third dimension's mu: " + row);
        }
    }

    @Test
    void backToPrincipalComponentsRestoresTheProjectionAndTheTimelineFollowsTheChoice() throws Exception {
        LatentPoints principal = encoded(LATENT, 1);
        chooseDimensions(1, 3);
        plane.showLatentFrame(new TrainingTimeline.Frame(5, principal, Raster.filled(28, 28, 0)));
        assertEquals(LatentAxes.dimensions(1, 3), plane.latentPointsProperty().get().axes(),
                "codes that come in are shown on the chosen axes");

        plane.dimensionAxesProperty().set(false);
        LatentPoints back = plane.latentPointsProperty().get();
        Pca fitted = Pca.fit(back.mu(), back.count(), LATENT);
        assertEquals(fitted, back.pca());
        assertArrayEquals(fitted.project(back.mu(), back.count()), back.xy());
        assertEquals(principal.xAxisLabel(), back.xAxisLabel());
        assertEquals(principal.yAxisLabel(), back.yAxisLabel());
        float[] z = back.toLatent(0.5, 0.25);
        assertArrayEquals(fitted.unproject(0.5, 0.25), z);

        plane.yDimensionProperty().set(1);
        assertEquals(3, plane.xDimensionProperty().get(), "choosing the other axis's dimension swaps the two");
        plane.dimensionAxesProperty().set(true);
        plane.timelineIndexProperty().set(0);
        assertEquals(LatentAxes.dimensions(3, 1), plane.latentPointsProperty().get().axes(),
                "a moment of the timeline is shown on the chosen axes");
    }

    @Test
    void modelsOfOtherLatentSizesIgnoreOrResetTheChoice() throws Exception {
        encoded(LATENT, 1);
        chooseDimensions(1, 3);

        LatentPoints flat = encoded(2, 2);
        assertEquals(2, plane.latentSizeProperty().get());
        assertNull(flat.pca(), "a 2-D latent space is its own plane");
        assertEquals("z1", flat.xAxisLabel());
        assertEquals("z2", flat.yAxisLabel());
        assertArrayEquals(flat.mu(), flat.xy());
        assertTrue(plane.dimensionAxesProperty().get(), "the choice waits for a larger model");
        plane.decodeAt(0.75, -1);
        assertArrayEquals(new float[] {0.75f, -1f}, plane.selectedZProperty().get());
        answerUntil("the 2-D decode, before a 4-D model comes", () -> settled(interactive));

        LatentPoints again = encoded(LATENT, 3);
        assertEquals(LatentAxes.dimensions(1, 3), again.axes(), "the choice comes back with a model that fits it");

        LatentPoints three = encoded(3, 4);
        assertFalse(plane.dimensionAxesProperty().get(), "a model without dimension 3 returns to the components");
        assertEquals(0, plane.xDimensionProperty().get());
        assertEquals(1, plane.yDimensionProperty().get());
        assertTrue(three.axes().principal());
    }
}
