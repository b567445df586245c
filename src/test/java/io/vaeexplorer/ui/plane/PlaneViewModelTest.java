package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.workspace.Workspace;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plane's view-model without controls: background work and callbacks run on the calling thread. The inference
 * workers never receive weights (the workspace hands them to none), so decodes stay queued and no model is built;
 * codes reach the view-model as the workers' answers would.
 */
class PlaneViewModelTest {

    @TempDir
    Path temp;

    private final PlaneFixture fixture = PlaneFixture.withoutModel(Runnable::run);
    private final List<String> statuses = fixture.statuses;
    private final List<String> errors = fixture.errors;
    private final Workspace workspace = fixture.workspace;
    private final PlaneViewModel plane = fixture.plane;

    @AfterEach
    void close() {
        fixture.close();
    }

    private static WeightSnapshot weights(int latent) {
        return PlaneFixture.weightsWithoutValues(latent, latent);
    }

    /** Four 2-D codes at the corners of a square around (1, 1), labels 0..3. */
    private static LatentPoints square(long version) {
        float[] mu = {0, 0, 2, 0, 0, 2, 2, 2};
        float[] sigma = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
        return LatentPoints.of(4, 2, mu, sigma, new byte[] {0, 1, 2, 3}, version);
    }

    private static TrainingTimeline.Frame frame(long step, LatentPoints points) {
        return new TrainingTimeline.Frame(step, points, Raster.filled(28, 28, 128));
    }

    @Test
    void withoutCodesAPointOfThePlaneIsTheLatentVectorOfAModelOfAtMostTwoDimensions() {
        workspace.showWeights(weights(2));
        plane.decodeAt(1.5, -0.25);
        assertArrayEquals(new float[] {1.5f, -0.25f}, plane.selectedZProperty().get());

        workspace.showWeights(weights(1));
        assertNull(plane.selectedZProperty().get(), "a vector of another architecture is dropped");
        plane.decodeAt(-2, 3);
        assertArrayEquals(new float[] {-2f}, plane.selectedZProperty().get(), "one dimension: y is not used");

        workspace.showWeights(weights(5));
        plane.decodeAt(1, 1);
        assertNull(plane.selectedZProperty().get(), "no plane without codes to project with when d > 2");
    }

    @Test
    void withCodesAClickPicksTheNearestAndCtrlClickTogglesItsEllipses() {
        workspace.showWeights(weights(2));
        LatentPoints points = square(2);
        plane.showLatentFrame(new TrainingTimeline.Frame(0, points, null));
        assertSame(points, plane.latentPointsProperty().get());
        assertArrayEquals(points.mu(0), plane.selectedZProperty().get(), "the first code is looked at first");
        assertEquals(3, plane.nearestTestImage(1.8, 2.3));

        plane.toggleEllipse(plane.nearestTestImage(1.8, 2.3));
        plane.toggleEllipse(1);
        assertEquals(List.of(3, 1), plane.ellipseImages());
        plane.toggleEllipse(3);
        assertEquals(List.of(1), plane.ellipseImages(), "a second toggle removes the ellipses");
        plane.toggleEllipse(4);
        plane.toggleEllipse(-1);
        assertEquals(List.of(1), plane.ellipseImages(), "no ellipses for images that are not on the plane");

        float[] more = new float[10];
        plane.showLatentFrame(new TrainingTimeline.Frame(1, LatentPoints.of(5, 2, more, more, new byte[5], 3), null));
        assertTrue(plane.ellipseImages().isEmpty(), "another test set's indices mean other images");
    }

    @Test
    void theTimelineShowsPastCodesUntilLiveAndANewRunClearsIt() {
        workspace.showWeights(weights(2));
        LatentPoints first = square(1);
        LatentPoints second = square(2);
        plane.showLatentFrame(frame(0, first));
        plane.showLatentFrame(frame(10, second));
        assertEquals(List.of(0L, 10L), plane.timeline().frames().stream().map(TrainingTimeline.Frame::step).toList());
        assertSame(second, plane.latentPointsProperty().get());

        plane.timelineIndexProperty().set(0);
        assertSame(first, plane.latentPointsProperty().get(), "scrubbing back shows the earlier codes");

        plane.startRun();
        assertTrue(plane.timeline().frames().isEmpty(), "a new run starts a timeline of its own");
        assertEquals(-1, plane.timelineIndexProperty().get());
        assertSame(second, plane.latentPointsProperty().get(), "the plane returns to the live codes");
        plane.showLatentFrame(new TrainingTimeline.Frame(20, square(3), null));
        assertTrue(plane.timeline().frames().isEmpty(), "codes without images are shown, not recorded");
    }

    @Test
    void theDensityCoversTheRegionTheViewShows() {
        workspace.showWeights(weights(2));
        plane.showLatentFrame(new TrainingTimeline.Frame(0, square(7), null));
        plane.showDensityProperty().set(true);
        DensityImage around = plane.densityProperty().get();
        assertNotNull(around, "the maths ran on the calling thread");
        assertEquals(PlaneRegion.AROUND_PRIOR, around.region());

        PlaneRegion wide = new PlaneRegion(-2, 2, -1, 1);
        plane.manifoldRegionProperty().set(wide);
        DensityImage d = plane.densityProperty().get();
        assertEquals(wide, d.region());
        assertEquals(PlaneViewModel.DENSITY_CELLS, d.width());
        assertEquals(PlaneViewModel.DENSITY_CELLS / 2, d.height(), "the cells are square: half as high as wide");
        assertEquals(7, d.pointsVersion());
        assertEquals(d.width() * d.height(), d.argb().length);
    }

    @Test
    void aClassNamedWithACommaOrQuoteStaysOneFieldOfTheCodesCsv() throws Exception {
        Path csv = LatentCodesCsv.write(square(1), List.of("cats, small", "the \"big\" dogs", "c", "d"),
                temp.resolve("named.csv"));
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(1).startsWith("0,0,\"cats, small\",0.000000,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("1,1,\"the \"\"big\"\" dogs\",2.000000,"), rows.get(2));
        assertTrue(Files.readString(csv).contains("\r\n"), "rows end as RFC 4180 asks");
    }

    @Test
    void exportsSayWhatIsMissingOrWhereTheyWrote() throws Exception {
        Path csv = temp.resolve("codes.csv");
        plane.exportCodesCsv(csv);
        plane.exportDecodedPng(temp.resolve("decoded.png"));
        assertEquals(List.of("no latent codes yet", "nothing decoded yet"), errors);
        assertFalse(Files.exists(csv));

        workspace.showWeights(weights(2));
        plane.showLatentFrame(new TrainingTimeline.Frame(0, square(1), null));
        plane.exportCodesCsv(csv);
        assertEquals(List.of("saved " + csv), statuses);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size());
        assertEquals("index,label,class,plane_x,plane_y,mu_1,mu_2,sigma_1,sigma_2", rows.get(0));
        assertEquals("3,3,3,2.000000,2.000000,2.000000,2.000000,0.500000,0.500000", rows.get(4));

        Path png = temp.resolve("plane.png");
        plane.exportPlanePng(new BufferedImage(30, 20, BufferedImage.TYPE_INT_ARGB), png);
        assertEquals("saved " + png, statuses.get(statuses.size() - 1));
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(30, read.getWidth());
        assertEquals(20, read.getHeight());
        assertEquals(2, errors.size());
    }
}
