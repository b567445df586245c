package io.vaeexplorer.ui.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.sweep.SweepPlan;
import io.vaeexplorer.sweep.SweepResult;
import io.vaeexplorer.sweep.SweepRunner;
import io.vaeexplorer.ui.fx.RecordedMessages;
import io.vaeexplorer.ui.gallery.GalleryEntry;
import io.vaeexplorer.ui.gallery.GalleryViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings sweeps without a window: what refuses to start, a sweep of two tiny configurations run to the end
 * (rows, results, the gallery, the status line) and its CSV export. The runner's events hop to a queue that the
 * test thread drains, as the FX thread would; the export is written on the calling thread.
 */
class SettingsSweepsViewModelTest {

    @TempDir
    Path temp;

    private final LinkedBlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    private final RecordedMessages messages = new RecordedMessages();
    private final List<String> statuses = messages.statuses;
    private final List<String> errors = messages.errors;
    private final ObjectProperty<TrainingSettings> settings = new SimpleObjectProperty<>(new TrainingSettings(
            ModelKind.MLP, 2, "32", Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 64, 1, 1, 0, ""));
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>();
    private final AtomicBoolean training = new AtomicBoolean(false);
    private GalleryViewModel gallery;
    private SettingsSweepsViewModel sweeps;

    @BeforeEach
    void build() {
        gallery = new GalleryViewModel(TaskExecutor.direct(), TaskExecutor.direct(), messages, temp.resolve("models"));
        BooleanSupplier trainingNow = training::get;
        sweeps = new SettingsSweepsViewModel(fxQueue::add, TaskExecutor.direct(), messages, gallery, settings, dataset,
                temp.resolve("models"), trainingNow);
    }

    @AfterEach
    void stop() {
        sweeps.dispose();
        gallery.close();
    }

    private static Dataset smallMnist() {
        return DatasetLoader.load(Path.of("assets", "mnist")).withTrainLimit(512);
    }

    /** Runs the runner's hops until the condition holds. */
    private void runFxUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!done.getAsBoolean()) {
            Runnable next = fxQueue.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                next.run();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; errors: " + errors);
            }
        }
    }

    @Test
    void aSweepDoesNotStartWithoutDataWhileTrainingOrFromABadSpec() {
        sweeps.start();
        assertEquals(List.of("no data set is open"), errors);

        dataset.set(smallMnist());
        training.set(true);
        sweeps.startPreset(SweepPlan.Preset.LATENTS);
        assertEquals(2, errors.size());
        assertTrue(errors.get(1).startsWith("stop the training run"), errors.get(1));

        training.set(false);
        sweeps.specProperty().set("latent=two");
        sweeps.start();
        assertEquals(3, errors.size());
        assertFalse(errors.get(2).isBlank());
        assertFalse(errors.get(2).contains("\n"), "one line: " + errors.get(2));

        assertTrue(sweeps.rows().isEmpty());
        assertFalse(sweeps.runningProperty().get());
        assertTrue(fxQueue.isEmpty(), "no runner was started");

        sweeps.exportCsv(temp.resolve("nothing.csv"));
        assertEquals("no finished runs to export yet", errors.get(3));
        assertFalse(Files.exists(temp.resolve("nothing.csv")));
    }

    @Test
    void theConditionalPresetTrainsThePlainAndTheConditionalModelIntoTheGallery() throws Exception {
        Dataset digits = smallMnist();
        dataset.set(new Dataset("scans", digits.train(), digits.test(), List.of()));
        sweeps.startPreset(SweepPlan.Preset.CONDITIONAL);
        assertEquals(List.of("a conditional model needs labelled pictures, but scans has no classes (put the"
                + " pictures in one sub-folder per class)"), errors);
        assertTrue(sweeps.rows().isEmpty());

        dataset.set(digits);
        sweeps.startPreset(SweepPlan.Preset.CONDITIONAL);
        assertEquals(List.of("sweep 1: plain", "sweep 1: conditional"),
                sweeps.rows().stream().map(SweepRow::name).toList());
        runFxUntil(() -> !sweeps.runningProperty().get());
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(List.of(0, 10), sweeps.results().stream().map(r -> r.model().conditionClasses()).toList());
        assertEquals(List.of(0, 10), gallery.entries().stream()
                .map(e -> e.checkpoint().config().conditionClasses()).sorted().toList(), "both join the gallery");
    }

    @Test
    void aSweepRunsToTheEndJoinsTheGalleryAndExportsItsResults() throws Exception {
        dataset.set(smallMnist());
        sweeps.specProperty().set("latent=2,3");
        sweeps.start();
        assertEquals(2, sweeps.rows().size(), "both runs are listed at once");
        assertTrue(sweeps.runningProperty().get());
        assertEquals(1, sweeps.epochsProperty().getValue());

        runFxUntil(() -> !sweeps.runningProperty().get());
        assertEquals(List.of(), errors);
        List<SweepResult> results = List.copyOf(sweeps.results());
        assertEquals(2, results.size());
        assertEquals(2, results.get(0).model().latent());
        assertEquals(3, results.get(1).model().latent());
        for (SweepRow row : sweeps.rows()) {
            assertEquals(SweepRunner.RunStatus.FINISHED, row.statusProperty().get(), row.name());
            assertEquals(1.0, row.progressProperty().get(), 1e-9);
        }
        assertTrue(statuses.get(statuses.size() - 1).startsWith("sweep finished"), statuses.toString());

        assertEquals(2, gallery.entries().size(), "finished models join the gallery");
        for (GalleryEntry entry : gallery.entries()) {
            assertEquals("sweep", entry.source());
            assertTrue(Files.isRegularFile(entry.file()), entry.file() + " is saved");
            assertTrue(entry.file().startsWith(temp.resolve("models")), "saved in the models folder");
            assertEquals(GalleryEntry.ScoreState.SCORED, entry.scoreStateProperty().get(),
                    "the sweep's own measurement is the gallery's score");
        }

        Path csv = temp.resolve("sweep.csv");
        sweeps.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "a header and one line per run: " + lines);
        assertEquals("saved " + csv, statuses.get(statuses.size() - 1));

        Path blocked = temp.resolve("a-file");
        Files.writeString(blocked, "not a folder");
        sweeps.exportCsv(blocked.resolve("sweep.csv"));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("could not write " + blocked.resolve("sweep.csv")), errors.get(0));
    }
}
