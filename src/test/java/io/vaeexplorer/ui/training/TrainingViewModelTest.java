package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingPreset;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.RecordedMessages;
import io.vaeexplorer.ui.gallery.GalleryViewModel;
import io.vaeexplorer.ui.plane.PlaneViewModel;
import io.vaeexplorer.ui.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training from the window without a window: the view-model with its real collaborators, executors standing in
 * for the FX thread, and a slice of the shipped MNIST where a run really starts.
 */
class TrainingViewModelTest {

    @TempDir
    Path temp;

    private final RecordedMessages messages = new RecordedMessages();
    private final List<String> statuses = messages.statuses;
    private final List<String> errors = messages.errors;
    private final ObjectProperty<TrainingSettings> settings = new SimpleObjectProperty<>(tinyRun());
    private final BooleanProperty sweepRunning = new SimpleBooleanProperty(false);
    private int settingsSaved;
    private InferenceWorker worker;
    private GalleryViewModel gallery;
    private Workspace workspace;
    private TrainingViewModel training;
    /** The stand-in for the FX thread where a run really trains; null where nothing leaves the calling thread. */
    private ExecutorService fxThread;

    private TrainingViewModel build(Executor fx) {
        worker = new InferenceWorker(fx);
        workspace = new Workspace(worker);
        PlaneViewModel plane = new PlaneViewModel(workspace, worker, worker, TaskExecutor.direct(), new ExportSize(),
                TaskExecutor.direct(), messages, () -> false);
        gallery = new GalleryViewModel(new TaskExecutor(fx, fx), new TaskExecutor(fx, fx), messages,
                temp.resolve("models"));
        training = new TrainingViewModel(fx, workspace, plane, gallery, settings, sweepRunning, messages,
                () -> settingsSaved++);
        return training;
    }

    @AfterEach
    void close() throws Exception {
        // the worker delivers through the stand-in FX thread: it stops first, so nothing reaches a closed executor
        if (worker != null) {
            worker.close();
        }
        if (fxThread != null) {
            onFx(() -> {
                training.close();
                return null;
            });
            fxThread.shutdown();
            assertTrue(fxThread.awaitTermination(30, TimeUnit.SECONDS));
        } else if (training != null) {
            training.close();
        }
        if (gallery != null) {
            gallery.close();
        }
    }

    @Test
    void startWithNoDataSetIsRefusedWithOneErrorLine() {
        build(Runnable::run).startTraining();

        assertEquals(List.of("no data set is open"), errors);
        assertEquals(List.of(), statuses);
        assertFalse(training.isTraining());
        assertEquals(TrainingState.READY, training.trainingStateProperty().get());
        assertEquals(0, settingsSaved, "a refused start keeps the settings file as it is");
    }

    @Test
    void startWhileASweepRunsIsRefusedAndSaysWhy() {
        build(Runnable::run);
        workspace.openDataset(SmallMnist.slice(256, 64));
        sweepRunning.set(true);
        assertTrue(training.sweepRunningProperty().get());

        training.startTraining();
        training.trainPreset(TrainingPreset.LATENT_20);

        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(e -> e.startsWith("a sweep is running")), errors.toString());
        assertFalse(training.isTraining());
        assertEquals(0, settingsSaved);
        assertEquals(0, training.lossHistory().stepCount());
    }

    @Test
    void aModelTooBigToTrainIsRefusedWithItsCost() {
        build(Runnable::run);
        workspace.openDataset(SmallMnist.slice(256, 64));
        SettingsPanel.Draft huge = new SettingsPanel.Draft(tinyRun());
        huge.kind = ModelKind.CONV;
        huge.hidden = "400,800";
        settings.set(huge.build());

        training.startTraining();

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("cannot start: ") && errors.get(0).contains("400,800"), errors.get(0));
        assertFalse(training.isTraining());
    }

    @Test
    void aPresetTrainsWithItsChangeAndLeavesTheSettingsAsTheyAre() throws Exception {
        fxThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "stand-in-fx"));
        TrainingSettings before = settings.get();
        onFx(() -> {
            build(fxThread);
            assertFalse(training.hasModelProperty().get());
            workspace.openDataset(SmallMnist.slice(256, 64));
            training.trainPreset(TrainingPreset.LATENT_20);
            return null;
        });
        assertEquals(List.of(), onFx(() -> List.copyOf(errors)));
        assertTrue(onFx(() -> statuses.get(0)).startsWith("starting "), onFx(() -> statuses.get(0)));

        // the run ends, becomes the current model and is saved to the gallery
        awaitSavedRun(() -> true);
        assertEquals(List.of(), onFx(() -> List.copyOf(errors)));
        Checkpoint trained = onFx(() -> workspace.checkpointProperty().get());
        assertNotNull(trained);
        assertEquals(20, trained.config().latent(), "the run trains with the preset's latent size");
        assertEquals(Objective.ELBO, trained.config().objective());
        assertEquals(before, onFx(settings::get), "the settings stay as they were");
        assertEquals(2, onFx(() -> settings.get().latent()));
        assertEquals(TrainingState.FINISHED, onFx(() -> training.trainingStateProperty().get()));
        assertTrue(onFx(() -> training.hasModelProperty().get()), "the finished run is a model to save");
        assertEquals(4, onFx(() -> training.lossHistory().stepCount()), "256 images in batches of 64");
        List<String> listed = onFx(() -> gallery.entries().stream().map(e -> e.name()).toList());
        assertEquals(1, listed.size(), listed.toString());
        assertTrue(listed.get(0).endsWith("d=20 ELBO"), "the gallery names the run by its change: " + listed);
    }

    @Test
    void aConditionalRunOnASetWithoutClassesIsRefusedInOneLine() {
        build(Runnable::run);
        Dataset digits = SmallMnist.slice(256, 64);
        workspace.openDataset(new Dataset("scans", digits.train(), digits.test(), List.of()));
        settings.set(tinyRun().withConditional(true));

        training.startTraining();
        settings.set(tinyRun());
        training.trainPreset(TrainingPreset.CONDITIONAL);

        String why = "cannot start: a conditional model needs labelled pictures, but scans has no classes (put the"
                + " pictures in one sub-folder per class)";
        assertEquals(List.of(why, why), errors);
        assertFalse(training.isTraining());
        assertEquals(0, settingsSaved);
    }

    @Test
    void theConditionalPresetTrainsAModelToldTheClassesAndTheGalleryNamesItSo() throws Exception {
        fxThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "stand-in-fx"));
        TrainingSettings before = settings.get();
        onFx(() -> {
            build(fxThread);
            workspace.openDataset(SmallMnist.slice(256, 64));
            training.trainPreset(TrainingPreset.CONDITIONAL);
            return null;
        });
        awaitSavedRun(() -> true);
        assertEquals(List.of(), onFx(() -> List.copyOf(errors)));
        Checkpoint trained = onFx(() -> workspace.checkpointProperty().get());
        assertEquals(10, trained.config().conditionClasses(), "told the ten digits");
        assertEquals(10, onFx(() -> workspace.conditionClassesProperty().get()));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                onFx(() -> List.copyOf(workspace.decodeClassNames())));
        assertEquals(before, onFx(settings::get), "the panel stays plain");
        List<String> listed = onFx(() -> gallery.entries().stream().map(e -> e.name()).toList());
        assertTrue(listed.size() == 1 && listed.get(0).endsWith("conditional d=2 ELBO"), listed.toString());
    }

    @Test
    void restartingWithAWarmUpStopsTheRunAndTrainsAgainWithTheScheduleInThePanel() throws Exception {
        fxThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "stand-in-fx"));
        SettingsPanel.Draft longer = new SettingsPanel.Draft(tinyRun());
        longer.epochs = 4;
        settings.set(longer.build());
        onFx(() -> {
            build(fxThread);
            workspace.openDataset(SmallMnist.slice(256, 64));
            training.startTraining();
            training.restartWithWarmup();
            return null;
        });
        assertEquals("warmup:2", onFx(() -> settings.get().klSchedule()), "half the run's four epochs");
        // the first run is stopped; the second trains its four epochs and is saved
        awaitSavedRun(() -> workspace.checkpointProperty().get() != null
                && workspace.checkpointProperty().get().epochsDone() >= 4);
        assertEquals(List.of(), onFx(() -> List.copyOf(errors)));
        Checkpoint trained = onFx(() -> workspace.checkpointProperty().get());
        assertEquals(KlSchedule.warmup(2), trained.training().klSchedule());
        assertEquals(4, trained.epochsDone());
        KlCurve curve = onFx(() -> training.klCurveProperty().get());
        assertEquals(KlSchedule.warmup(2), curve.weighting().schedule());
        assertEquals(4, curve.stepsPerEpoch(), "256 images in batches of 64");
        assertEquals(1.0, curve.valueAt(curve.lastStep()), 1e-6);
    }

    /** One short epoch of a small MLP. */
    private static TrainingSettings tinyRun() {
        SettingsPanel.Draft draft = new SettingsPanel.Draft(TrainingSettings.defaults());
        draft.epochs = 1;
        draft.batchSize = 64;
        draft.hidden = "16";
        draft.latent = 2;
        return draft.build();
    }

    /**
     * Waits (on the stand-in FX thread's view) until an error shows or a run has been saved to the gallery and
     * {@code alsoDone} holds; the deadline only keeps a broken run from hanging the suite.
     */
    private void awaitSavedRun(Callable<Boolean> alsoDone) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (onFx(() -> errors.isEmpty() && statuses.stream().noneMatch(s -> s.contains("saved as"))
                || !alsoDone.call())) {
            assertTrue(System.nanoTime() < deadline, "the run did not end: " + onFx(() -> List.copyOf(statuses)));
            Thread.sleep(50);
        }
    }

    private <T> T onFx(Callable<T> work) throws Exception {
        return fxThread.submit(work).get(60, TimeUnit.SECONDS);
    }
}
