package io.vaeexplorer.ui.latentuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.LatentCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentUseViewModelTest {

    /** Codes with {@code used} informative dimensions (means spread, narrow posteriors) and the rest at the prior. */
    static LatentCodes codes(int count, int dim, int used) {
        SplittableRandom random = new SplittableRandom(dim * 31L + used);
        float[] mu = new float[count * dim];
        float[] sigma = new float[count * dim];
        Arrays.fill(sigma, 1f);
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < used; d++) {
                // later dimensions a little wider, so the order by KL is known: the last used one first
                mu[i * dim + d] = (float) ((1 + d) * (random.nextDouble() - 0.5));
                sigma[i * dim + d] = 0.2f;
            }
        }
        return new LatentCodes(count, dim, mu, sigma, new byte[count]);
    }

    @Test
    void showsTheUnitsByKlAndWarnsOfInactiveOnesOnceTheModelHasTrained() {
        LatentUseViewModel model = new LatentUseViewModel(TaskExecutor.direct(), () -> { });
        model.show(codes(600, 5, 3), false);
        LatentUseViewModel.Reading reading = model.readingProperty().get();
        assertEquals(3, reading.activeUnits());
        assertEquals(3, model.activeUnitsProperty().get());
        assertEquals(List.of(2, 1, 0), reading.byKl().subList(0, 3).stream()
                .map(LatentUseViewModel.DimensionKl::dimension).toList());
        assertTrue(reading.byKl().subList(0, 3).stream().allMatch(LatentUseViewModel.DimensionKl::active));
        assertTrue(reading.byKl().subList(3, 5).stream().noneMatch(LatentUseViewModel.DimensionKl::active));
        assertEquals(0.0, reading.byKl().get(4).kl(), 1e-9);
        assertTrue(model.summaryProperty().get().startsWith("3 of 5 units active"), model.summaryProperty().get());
        assertEquals("", model.warningProperty().get(), "a model that has not trained an epoch is not warned of");

        model.show(codes(600, 5, 3), true);
        assertTrue(model.warningProperty().get().startsWith("2 of 5 latent units are inactive"),
                model.warningProperty().get());
        model.show(codes(600, 5, 5), true);
        assertEquals("", model.warningProperty().get(), "every unit in use");
    }

    @Test
    void theRemedyRunsOnlyWhileThereIsAWarning() {
        int[] restarts = {0};
        LatentUseViewModel model = new LatentUseViewModel(TaskExecutor.direct(), () -> restarts[0]++);
        model.show(codes(400, 3, 3), true);
        model.restartWithWarmup();
        assertEquals(0, restarts[0], "every unit in use: nothing to remedy");
        model.show(codes(400, 3, 0), true);
        model.restartWithWarmup();
        assertEquals(1, restarts[0]);
    }

    @Test
    void aFullyCollapsedModelIsNamedSo() {
        LatentUseViewModel model = new LatentUseViewModel(TaskExecutor.direct(), () -> { });
        model.show(codes(600, 4, 0), true);
        assertEquals(0, model.readingProperty().get().activeUnits());
        assertEquals(0.0, model.readingProperty().get().mutualInformation(), 1e-9);
        assertTrue(model.warningProperty().get().startsWith("Posterior collapse"), model.warningProperty().get());
        model.clear();
        assertNull(model.readingProperty().get());
        assertEquals("", model.warningProperty().get());
    }

    @Test
    void codesArrivingWhileOneIsMeasuredWaitAndOnlyTheNewestIsMeasuredNext() {
        List<Runnable> background = new ArrayList<>();
        LatentUseViewModel model = new LatentUseViewModel(new TaskExecutor(background::add, Runnable::run), () -> { });
        LatentCodes first = codes(300, 3, 1);
        model.show(first, true);
        model.show(codes(300, 3, 2), true);
        model.show(codes(300, 3, 3), true);
        assertEquals(1, background.size(), "one measurement at a time");
        background.remove(0).run();
        assertEquals(1, model.readingProperty().get().activeUnits());
        assertEquals(1, background.size(), "the newest waiting codes follow");
        background.remove(0).run();
        assertEquals(3, model.readingProperty().get().activeUnits(), "the middle codes were skipped");
        assertTrue(background.isEmpty());
    }
}
