package io.vaeexplorer.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.ExperimentJob;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.ui.ExperimentFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The experiments' shared job plumbing, without a toolkit: the test thread plays the FX thread. */
class ExperimentJobsTest {

    private final QueuedFx fx = new QueuedFx();
    private ExperimentTestbed bed;
    private ExperimentJobs jobs;
    private WeightSnapshot weights;

    @BeforeEach
    void jobsOnAModelWithoutData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        bed = new ExperimentTestbed(fx);
        bed.showWeights(weights);
        jobs = bed.jobs();
    }

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void aFailedJobShowsItsLineUntilThatJobSucceeds() {
        AtomicBoolean fail = new AtomicBoolean(true);
        List<Integer> shown = new ArrayList<>();
        ExperimentJob<Integer> flaky = jobs.add(bed.worker(), "flaky", () -> m -> {
            if (fail.get()) {
                throw new IllegalStateException("the decoder broke");
            }
            return m.config().latent();
        }, shown::add);
        ExperimentJob<Integer> steady = jobs.add(bed.worker(), "steady", () -> m -> 1, shown::add);

        flaky.request();
        fx.waitUntil("the failure", () -> !jobs.errorProperty().get().isEmpty());
        assertEquals("the decoder broke", jobs.errorProperty().get());
        fx.waitUntil("idle", jobs::isIdle);

        steady.request();
        fx.waitUntil("the other job's result", () -> shown.contains(1));
        assertEquals("the decoder broke", jobs.errorProperty().get(), "another job's success leaves the line");

        fail.set(false);
        flaky.request();
        fx.waitUntil("the job's own success", () -> shown.contains(2));
        assertEquals("", jobs.errorProperty().get());
    }

    @Test
    void newWeightsRefreshEveryJobOnceTheySettleAndOnlyWhileOnScreen() {
        List<Long> versions = new ArrayList<>();
        ExperimentJob<Long> job = jobs.add(bed.worker(), "version", () -> {
            long version = bed.workspace().snapshotProperty().get().version();
            return m -> version;
        }, versions::add);
        job.request();
        // the weights shown before the job existed settle too, and refresh it once more
        fx.waitUntil("the first results", () -> !versions.isEmpty() && jobs.isIdle());
        int shown = versions.size();

        jobs.activeProperty().set(false);
        bed.showWeights(ExperimentFixture.untrainedWeights(2, 2));
        assertTrue(jobs.isIdle(), "off screen, new weights wait for nothing");
        fx.runFor(2 * ExperimentJobs.SNAPSHOT_SETTLE_MILLIS);
        assertEquals(shown, versions.size(), "nothing recomputed off screen");

        jobs.activeProperty().set(true);
        fx.waitUntil("the catch-up", () -> versions.size() == shown + 1 && jobs.isIdle());
        assertEquals(2L, versions.get(shown));

        bed.showWeights(ExperimentFixture.untrainedWeights(3, 3));
        assertFalse(jobs.isIdle(), "a refresh waits for the weights to settle");
        fx.waitUntil("the refresh", () -> versions.size() == shown + 2 && jobs.isIdle());
        assertEquals(3L, versions.get(shown + 1));
    }

    @Test
    void aNewDataSetUpdatesItsInputsBeforeTheJobsRefresh() {
        List<String> order = new ArrayList<>();
        ExperimentJob<Integer> job = jobs.add(bed.worker(), "data", () -> {
            order.add("prepared with " + jobs.testImageCountProperty().get() + " test images");
            return null;
        }, result -> {
        });
        jobs.whenDataChanges(() -> order.add("inputs updated"));
        job.request();
        assertEquals(0, jobs.testImageCountProperty().get());
        assertNull(jobs.usableTestImages(), "no data set yet");
        assertEquals(-1, jobs.firstTestImage(3));

        bed.workspace().openDataset(ExperimentTestbed.mnist());
        assertEquals(List.of("prepared with 0 test images", "inputs updated", "prepared with 10000 test images"),
                order);
        int firstThree = jobs.firstTestImage(3);
        assertEquals(3, jobs.usableTestImages().label(firstThree));
        int secondThree = jobs.nextTestImage(3, firstThree);
        assertTrue(secondThree > firstThree);
        assertEquals(3, jobs.usableTestImages().label(secondThree));
        assertEquals(firstThree, jobs.nextTestImage(3, 9_999), "wrapping around");
    }
}
