package io.vaeexplorer.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** All the experiments together, as the window builds them, without a toolkit. */
class ExperimentsViewModelTest {

    private static WeightSnapshot weights;
    private static Dataset mnist;

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = ExperimentTestbed.mnist();
    }

    @BeforeEach
    void noDataAndNoModel() {
        bed = new ExperimentTestbed(fx);
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void withoutDataOrModelNothingIsComputedAndNothingFails() {
        ExperimentsViewModel idle = bed.experiments();
        idle.interpolation().tProperty().set(0.5);
        idle.useTestImage(3);
        idle.samples().resample();
        idle.samples().nextVariantSource();
        idle.draw().encode(mnist.test().image(0));
        fx.runFor(2 * ExperimentJobs.SNAPSHOT_SETTLE_MILLIS);
        assertTrue(idle.isIdle());
        assertEquals(3, idle.sweep().imageProperty().get());
        assertNull(idle.sweep().gridProperty().get());
        assertNull(idle.interpolation().interpolatedImageProperty().get());
        assertNull(idle.samples().priorSamplesProperty().get());
        assertNull(idle.samples().mixtureSamplesProperty().get());
        assertEquals(0, idle.samples().mixtureFits());
        assertNull(idle.reconstructions().reconstructionsProperty().get());
        assertNull(idle.draw().reconstructionProperty().get());
        assertNull(bed.sketchPosterior().get());
        assertEquals(-1, idle.samples().variantsSourceProperty().get());
        assertEquals("", idle.errorProperty().get());
        assertEquals("", bed.lines().error());
    }

    @Test
    void dataAndAModelOpenedLaterBringEveryExperimentUpToDate() {
        ExperimentsViewModel experiments = bed.experiments();
        experiments.samples().variantsClassProperty().set(4);
        experiments.draw().encode(mnist.test().image(0));
        bed.open(mnist, weights);
        fx.waitUntil("every experiment has a result", () -> experiments.sweep().gridProperty().get() != null
                && experiments.interpolation().interpolatedImageProperty().get() != null
                && experiments.interpolation().stripProperty().get() != null
                && experiments.samples().priorSamplesProperty().get() != null
                && experiments.samples().mixtureSamplesProperty().get() != null
                && experiments.samples().variantsProperty().get() != null
                && experiments.reconstructions().reconstructionsProperty().get() != null
                && experiments.draw().reconstructionProperty().get() != null);
        int source = experiments.samples().variantsSourceProperty().get();
        assertEquals(4, mnist.test().label(source), "the variants' source is a 4 of the data opened");
        assertEquals(20, bed.interpolationPath().get().length, "the strip's path is on the plane");
        assertEquals(2, bed.sketchPosterior().get().mu().length, "the drawing's posterior is on the plane");
        fx.waitUntil("idle", experiments::isIdle);
        assertEquals("", experiments.errorProperty().get());
    }

    @Test
    void offScreenNewWeightsWaitUntilTheExperimentsAreShownAgain() {
        ExperimentsViewModel experiments = bed.experiments();
        bed.open(mnist, weights);
        fx.waitUntil("the reconstructions", () -> experiments.reconstructions().reconstructionsProperty().get() != null
                && experiments.isIdle());
        Raster before = experiments.reconstructions().reconstructionsProperty().get();

        experiments.activeProperty().set(false);
        bed.showWeights(ExperimentFixture.untrainedWeights(2, 2));
        fx.runFor(2 * ExperimentJobs.SNAPSHOT_SETTLE_MILLIS);
        assertTrue(experiments.isIdle());
        assertTrue(ExperimentFixture.samePixels(before, experiments.reconstructions().reconstructionsProperty().get()),
                "nothing recomputed off screen");

        experiments.activeProperty().set(true);
        fx.waitUntil("the reconstructions of the new weights", () -> !ExperimentFixture.samePixels(before,
                experiments.reconstructions().reconstructionsProperty().get()));
    }
}
