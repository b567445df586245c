package io.vaeexplorer.ui.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.ui.TinyModels;
import io.vaeexplorer.ui.fx.RecordedMessages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The comparison without a window: which requests it refuses, a comparison of real (untrained) models on real
 * test images, the newest request winning over an older one, and a failure told as one line. Background work and
 * callbacks run on the test thread.
 */
class ComparisonViewModelTest {

    private static LabeledImages test;

    private final RecordedMessages messages = new RecordedMessages();
    private final List<String> errors = messages.errors;

    @BeforeAll
    static void loadImages() {
        test = DatasetLoader.load(Path.of("assets", "mnist")).test().first(200);
    }

    private static GalleryEntry entry(String name, ModelConfig config, long seed) {
        return new GalleryEntry(name, "trained", new Checkpoint(TinyModels.untrainedWeights(config, seed, seed),
                TrainingConfig.defaults(), List.of(), "cpu", "test"), null);
    }

    private static GalleryEntry entry(String name, int latent, long seed) {
        return entry(name, ModelConfig.mlp(latent, List.of(16)), seed);
    }

    @Test
    void itAsksForTwoToFourModelsAndAnOpenDataSet() {
        ComparisonViewModel comparison = new ComparisonViewModel(TaskExecutor.direct(), messages);
        GalleryEntry one = entry("one", 2, 1);
        comparison.compare(List.of(one), test);
        comparison.compare(List.of(one, one, one, one, one), test);
        comparison.compare(List.of(one, entry("two", 2, 2)), null);
        assertEquals(List.of("pick two to four models to compare (1 picked)",
                "pick two to four models to compare (5 picked)", "no data set is open to compare the models on"),
                errors);
        assertNull(comparison.resultProperty().get());
        assertEquals(ComparisonViewModel.HINT, comparison.statusProperty().get());
    }

    @Test
    void twoModelsAreComparedOnOneScale() {
        ComparisonViewModel comparison = new ComparisonViewModel(TaskExecutor.direct(), messages);
        comparison.compare(List.of(entry("flat", 2, 1), entry("five", 5, 2)), test);
        assertEquals(List.of(), errors);
        ComparisonBuilder.Result result = comparison.resultProperty().get();
        assertNotNull(result);
        assertEquals(List.of("flat", "five"), result.columns().stream().map(ComparisonBuilder.Column::name).toList());
        assertEquals(ComparisonViewModel.RECONSTRUCTIONS, result.imageIndices().length);
        assertNotNull(result.columns().get(1).manifold(), "d=5 is decoded through its PCA plane");
        assertTrue(comparison.statusProperty().get().startsWith("2 models on one scale"),
                comparison.statusProperty().get());
    }

    @Test
    void theNewestRequestWins() {
        List<Runnable> queued = new ArrayList<>();
        ComparisonViewModel comparison = new ComparisonViewModel(new TaskExecutor(queued::add, Runnable::run),
                messages);
        comparison.compare(List.of(entry("a", 2, 1), entry("b", 2, 2)), test);
        comparison.compare(List.of(entry("c", 2, 3), entry("d", 2, 4)), test);
        assertEquals("comparing c, d ...", comparison.statusProperty().get());

        queued.remove(0).run();
        assertNull(comparison.resultProperty().get(), "the older request's result is not shown");
        assertEquals("comparing c, d ...", comparison.statusProperty().get());
        queued.remove(0).run();
        assertEquals("c", comparison.resultProperty().get().columns().get(0).name());
        assertEquals(List.of(), errors);
    }

    @Test
    void aComparisonThatFailsSaysWhyOnOneLine() {
        ComparisonViewModel comparison = new ComparisonViewModel(TaskExecutor.direct(), messages);
        ModelConfig smallImages = new ModelConfig(ModelKind.MLP, 14, 14, 2, List.of(16), Likelihood.BCE, 1f,
                Objective.ELBO);
        comparison.compare(List.of(entry("small", smallImages, 1), entry("mnist", 2, 2)), test);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("comparison failed: "), errors.get(0));
        assertFalse(errors.get(0).contains("\n"), errors.get(0));
        assertNull(comparison.resultProperty().get());
        assertEquals("", comparison.statusProperty().get());
    }
}
