package io.vaeexplorer.ui.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.ui.TinyModels;
import io.vaeexplorer.ui.fx.RecordedMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's bookkeeping without a window: saving runs in the models folder, renaming and deleting them, and
 * scoring each model once, cancellably. Its "FX thread" here is the test thread, which runs the queued hops.
 */
class GalleryViewModelTest {

    @TempDir
    Path temp;

    private final LinkedBlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    private final RecordedMessages messages = new RecordedMessages();
    private final List<String> warnings = messages.errors;
    private final List<GalleryViewModel> galleries = new ArrayList<>();

    @BeforeEach
    void clear() {
        warnings.clear();
    }

    @AfterEach
    void close() {
        galleries.forEach(GalleryViewModel::close);
    }

    private GalleryViewModel gallery() {
        GalleryViewModel gallery = new GalleryViewModel(TaskExecutor.singleThread("test-gallery", fxQueue::add),
                TaskExecutor.direct(), messages, temp.resolve("models"));
        galleries.add(gallery);
        return gallery;
    }

    /** Runs the FX hops until the condition holds (the background thread queues them). */
    private void runFxUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            Runnable next = fxQueue.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                next.run();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; warnings: " + warnings);
            }
        }
    }

    private static Checkpoint tiny(int seed) {
        return new Checkpoint(TinyModels.untrainedWeights(ModelConfig.mlp(2, List.of(16)), seed, seed),
                TrainingConfig.defaults(), List.of(), "cpu", "test");
    }

    @Test
    void aSavedRunIsListedUnderItsNameAfterARestart() throws Exception {
        GalleryViewModel gallery = gallery();
        AtomicReference<GalleryEntry> saved = new AtomicReference<>();
        gallery.saveRun("run 2026-12-06 d=2 ELBO", tiny(1), saved::set);
        runFxUntil(() -> saved.get() != null);
        GalleryEntry entry = saved.get();
        assertEquals("run 2026-12-06 d=2 ELBO", entry.name());
        assertEquals(temp.resolve("models").resolve("run 2026-12-06 d=2 ELBO").resolve("model.vae"), entry.file());
        assertTrue(Files.isRegularFile(entry.file()));
        assertTrue(gallery.isManaged(entry));

        GalleryViewModel afterRestart = gallery();
        afterRestart.scanFolder(temp.resolve("models"));
        runFxUntil(() -> afterRestart.entries().size() == 1);
        assertEquals("run 2026-12-06 d=2 ELBO", afterRestart.entries().get(0).name());
        assertEquals(entry.checkpoint().weights().weights(), afterRestart.entries().get(0).checkpoint().weights()
                .weights());
    }

    @Test
    void aSecondRunOfTheSameNameGetsItsOwnFolder() throws Exception {
        GalleryViewModel gallery = gallery();
        AtomicReference<GalleryEntry> first = new AtomicReference<>();
        AtomicReference<GalleryEntry> second = new AtomicReference<>();
        gallery.saveRun("same", tiny(1), first::set);
        gallery.saveRun("same", tiny(2), second::set);
        runFxUntil(() -> first.get() != null && second.get() != null);
        assertFalse(first.get().file().equals(second.get().file()));
        assertFalse(first.get().name().equals(second.get().name()));
    }

    @Test
    void renamingMovesTheFolderAndRefusesBadNames() throws Exception {
        GalleryViewModel gallery = gallery();
        AtomicReference<GalleryEntry> saved = new AtomicReference<>();
        gallery.saveRun("first name", tiny(1), saved::set);
        runFxUntil(() -> saved.get() != null);
        GalleryEntry entry = saved.get();

        gallery.rename(entry, "better name");
        runFxUntil(() -> entry.name().equals("better name"));
        Path moved = temp.resolve("models").resolve("better name").resolve("model.vae");
        assertEquals(moved, entry.file());
        assertTrue(Files.isRegularFile(moved));
        assertFalse(Files.exists(temp.resolve("models").resolve("first name")));

        gallery.rename(entry, "a/b");
        gallery.rename(entry, "  ");
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals("better name", entry.name());

        GalleryEntry elsewhere = gallery.add("loaded", "loaded", tiny(3), temp.resolve("elsewhere.vae"));
        gallery.rename(elsewhere, "other");
        assertEquals(3, warnings.size());
        assertTrue(warnings.get(2).contains("only models saved in"), warnings.get(2));

        GalleryViewModel afterRestart = gallery();
        afterRestart.scanFolder(temp.resolve("models"));
        runFxUntil(() -> afterRestart.entries().size() == 1);
        assertEquals("better name", afterRestart.entries().get(0).name());
    }

    @Test
    void deletingRemovesTheFileAndItsFolderButNotOtherFiles() throws Exception {
        GalleryViewModel gallery = gallery();
        AtomicReference<GalleryEntry> a = new AtomicReference<>();
        AtomicReference<GalleryEntry> b = new AtomicReference<>();
        gallery.saveRun("a", tiny(1), a::set);
        gallery.saveRun("b", tiny(2), b::set);
        runFxUntil(() -> a.get() != null && b.get() != null);
        Path notes = b.get().file().resolveSibling("notes.txt");
        Files.writeString(notes, "kept");

        gallery.delete(a.get());
        gallery.delete(b.get());
        runFxUntil(() -> gallery.entries().isEmpty());
        assertFalse(Files.exists(temp.resolve("models").resolve("a")));
        assertFalse(Files.exists(temp.resolve("models").resolve("b").resolve("model.vae")));
        assertTrue(Files.exists(notes), "a file the gallery did not write stays");

        GalleryEntry failed = gallery.addFailed("run x", ModelConfig.mlp(2, List.of(16)), "diverged at step 3");
        gallery.delete(failed);
        assertTrue(gallery.entries().isEmpty());
    }

    @Test
    void aFailedRunIsListedButNeverScoredOrCompared() throws Exception {
        GalleryViewModel gallery = gallery();
        gallery.setTestSet(DatasetLoader.load(Path.of("assets", "mnist")).test().first(200));
        GalleryEntry failed = gallery.addFailed("run x", ModelConfig.mlp(2, List.of(16)), "diverged at step 3");
        failed.comparedProperty().set(true);
        assertTrue(failed.failed());
        assertNull(failed.checkpoint());
        assertEquals(GalleryEntry.ScoreState.FAILED_RUN, failed.scoreStateProperty().get());
        assertEquals(0, gallery.scoresPendingProperty().get());
        assertTrue(gallery.compared().isEmpty());
        assertEquals("diverged at step 3", failed.failure());
    }

    @Test
    void theTickedModelsAreComparedOnTheImagesTheyAreScoredOn() {
        GalleryViewModel gallery = new GalleryViewModel(TaskExecutor.singleThread("test-gallery", fxQueue::add),
                TaskExecutor.direct(), messages, temp.resolve("models"));
        galleries.add(gallery);
        LabeledImages test = DatasetLoader.load(Path.of("assets", "mnist")).test().first(200);
        gallery.setTestSet(test);
        GalleryEntry a = gallery.add("a", "loaded", tiny(1), null);
        gallery.add("not ticked", "loaded", tiny(2), null);
        GalleryEntry c = gallery.add("c", "loaded", tiny(3), null);
        GalleryEntry failed = gallery.addFailed("run x", ModelConfig.mlp(2, List.of(16)), "diverged at step 3");
        a.comparedProperty().set(true);
        c.comparedProperty().set(true);
        failed.comparedProperty().set(true);

        gallery.compareTicked();
        assertEquals(List.of(), warnings);
        ComparisonBuilder.Result result = gallery.comparison().resultProperty().get();
        assertNotNull(result, "compared on the comparison's executor, here the calling thread");
        assertEquals(List.of("a", "c"), result.columns().stream().map(ComparisonBuilder.Column::name).toList());
        assertEquals(0, test.label(result.imageIndices()[0]), "the first test image of class 0 comes first");
    }

    @Test
    void aKnownScoreIsTakenAsItIsAndTheModelIsNotScoredAgain() {
        GalleryViewModel gallery = gallery();
        gallery.setTestSet(DatasetLoader.load(Path.of("assets", "mnist")).test().first(200));
        ModelScore known = new ModelScore(new LossParts(150.0, 5.0), -160.0, GalleryViewModel.IWAE_K,
                GalleryViewModel.IWAE_IMAGES, 1.0);
        GalleryEntry entry = gallery.add("sweep run", "sweep", tiny(1), null, known);
        assertSame(known, entry.scoreProperty().get());
        assertEquals(GalleryEntry.ScoreState.SCORED, entry.scoreStateProperty().get());
        assertEquals(0, gallery.scoresPendingProperty().get());
        assertTrue(fxQueue.isEmpty(), "no scoring was queued");
    }

    @Test
    void cancellingLeavesQueuedModelsUnscoredAndTheyCanBeScoredLater() throws Exception {
        GalleryViewModel gallery = gallery();
        LabeledImages test = DatasetLoader.load(Path.of("assets", "mnist")).test().first(500);
        gallery.setTestSet(test);
        List<GalleryEntry> added = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            added.add(gallery.add("model " + i, "loaded", tiny(i), null));
        }
        assertEquals(4, gallery.scoresPendingProperty().get());
        assertEquals(GalleryEntry.ScoreState.QUEUED, added.get(3).scoreStateProperty().get());

        gallery.cancelScoring();
        assertEquals(0, gallery.scoresPendingProperty().get());
        // the background thread finishes what it was on; nothing it sends after the cancel changes an entry
        CountDownLatch drained = new CountDownLatch(1);
        gallery.scanFolder(temp.resolve("no-such-folder")); // queued behind the scoring jobs
        gallery.saveRun("marker", tiny(9), e -> drained.countDown());
        runFxUntil(() -> drained.getCount() == 0);
        gallery.cancelScoring(); // the marker itself is queued for scoring
        for (GalleryEntry e : added) {
            assertEquals(GalleryEntry.ScoreState.CANCELLED, e.scoreStateProperty().get(), e.name());
            assertNull(e.scoreProperty().get());
        }
        assertEquals("", gallery.scoringNowProperty().get());

        gallery.rescore(added.get(1));
        assertEquals(1, gallery.scoresPendingProperty().get());
        runFxUntil(() -> added.get(1).scoreStateProperty().get() == GalleryEntry.ScoreState.SCORED);
        assertNotNull(added.get(1).scoreProperty().get());
        assertTrue(Double.isFinite(added.get(1).scoreProperty().get().test().negElbo()));
        runFxUntil(() -> gallery.scoresPendingProperty().get() == 0);
    }
}
