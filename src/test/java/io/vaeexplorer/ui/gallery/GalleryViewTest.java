package io.vaeexplorer.ui.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExplorerApp;
import io.vaeexplorer.ui.TinyModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The gallery scores every model on the same test set and compares the ticked ones side by side. */
@ExtendWith(ApplicationExtension.class)
class GalleryViewTest {

    @TempDir
    static Path temp;

    private AppViewModel model;
    private GalleryView view;

    @Start
    void start(Stage stage) {
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings-" + System.nanoTime() + ".json")));
        view = new GalleryView(model.gallery(), model.settingsProperty(), model.training().trainingStateProperty(),
                model.sweeps().runningProperty(), model::useGalleryEntry, model.training()::trainPreset);
        stage.setScene(new Scene(view, 1300, 900));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
        model.openDataset(AssetLocator.mnistDir());
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void modelsAreScoredAndTheTickedOnesComparedSideBySide(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.workspace().datasetProperty().get() != null);
        Checkpoint shipped = CheckpointIO.load(AssetLocator.assetsDir().resolve(ExplorerApp.SHIPPED_MODEL));
        Checkpoint untrained = TinyModels.untrained(ModelConfig.mlp(2, List.of(64)));
        Checkpoint wide = TinyModels.untrained(ModelConfig.mlp(5, List.of(32)));
        GalleryEntry trained = onFx(() -> model.gallery().add("shipped", "loaded", shipped, null));
        GalleryEntry fresh = onFx(() -> model.gallery().add("untrained", "trained", untrained, null));
        GalleryEntry fiveD = onFx(() -> model.gallery().add("untrained d=5", "trained", wide, null));
        assertEquals(3, onFx(() -> view.table().getItems().size()));
        assertEquals(trained, onFx(() -> model.gallery().add("again", "loaded", shipped, null)),
                "the same weights are listed once");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> trained.scoreProperty().get() != null
                && fresh.scoreProperty().get() != null && fiveD.scoreProperty().get() != null);
        ModelScore good = trained.scoreProperty().get();
        ModelScore bad = fresh.scoreProperty().get();
        // the shipped 2-D model reaches about 150 nats; an untrained decoder costs about 543 (784 ln 2)
        assertTrue(good.test().negElbo() > 130 && good.test().negElbo() < 170, "shipped: " + good.test());
        assertTrue(bad.test().negElbo() > 400, "untrained: " + bad.test());
        assertTrue(good.iwaeLogLikelihood() > -good.test().negElbo() - 1,
                "the IWAE bound is at least as tight as the ELBO: " + good.iwaeLogLikelihood());

        Button compare = robot.lookup("#compare-button").queryAs(Button.class);
        assertTrue(compare.isDisabled(), "nothing ticked yet");
        assertFalse(onFx(() -> view.comparison().chart().isVisible()), "no empty loss chart before a comparison");
        onFx(() -> {
            trained.comparedProperty().set(true);
            fresh.comparedProperty().set(true);
            fiveD.comparedProperty().set(true);
            return null;
        });
        assertFalse(compare.isDisabled());
        robot.clickOn(compare);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.comparison().shown() != null);
        ComparisonBuilder.Result shown = view.comparison().shown();
        assertEquals(3, shown.columns().size());
        assertEquals(ComparisonViewModel.RECONSTRUCTIONS, shown.imageIndices().length);
        // one scale for all: the trained model spreads over the plane, the untrained one sits near the origin
        assertFalse(Arrays.equals(shown.columns().get(0).scatterArgb(), shown.columns().get(1).scatterArgb()));
        assertTrue(painted(shown.columns().get(0).scatterArgb()) > 2 * painted(shown.columns().get(1).scatterArgb()),
                "the trained scatter covers more of the shared plane than the collapsed untrained one");
        assertNotNull(shown.columns().get(0).manifold());
        assertNotNull(shown.columns().get(2).manifold(), "d=5 is decoded through its PCA plane");
        assertEquals(3, onFx(() -> view.comparison().chart().getData().size()));
        assertTrue(onFx(() -> view.comparison().chart().isVisible()));
    }

    private static int painted(int[] argb) {
        int n = 0;
        for (int p : argb) {
            n += p != 0xffffffff ? 1 : 0;
        }
        return n;
    }

    @Test
    void theModelsPageShowsFailedRunsScoringProgressAndThePresetsEpochs(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.workspace().datasetProperty().get() != null);
        Label presets = robot.lookup("#presets-label").query();
        assertTrue(onFx(presets::getText).contains("10 epochs"), onFx(presets::getText));
        Button klOnly = robot.lookup("#preset-kl-only").query();
        assertTrue(onFx(() -> klOnly.getTooltip().getText()).contains("10 epochs"));

        ModelConfig config = ModelConfig.mlp(2, List.of(16));
        GalleryEntry failed = onFx(() -> model.gallery().addFailed("run broken", config, "diverged at step 3"));
        WaitForAsyncUtils.waitForFxEvents();
        int row = onFx(() -> view.table().getItems().indexOf(failed));
        assertEquals("failed", onFx(() -> view.table().getColumns().get(5).getCellData(row)));
        onFx(() -> {
            view.table().getSelectionModel().select(failed);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#use-model-button").queryButton().isDisabled(), "a failed run cannot be used");
        assertTrue(robot.lookup("#rename-model-button").queryButton().isDisabled());
        assertFalse(robot.lookup("#delete-model-button").queryButton().isDisabled());

        // two models queued for scoring: the progress row shows, and Cancel leaves them unscored
        Checkpoint a = TinyModels.untrained(config);
        Checkpoint b = new Checkpoint(TinyModels.untrainedWeights(config, 2, 2),
                TrainingConfig.defaults(), List.of(), "cpu", "test");
        onFx(() -> {
            model.gallery().add("a", "loaded", a, null);
            model.gallery().add("b", "loaded", b, null);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Label scoring = robot.lookup("#scoring-status").query();
        // either still pending (shown with its count) or already done; cancel only matters while pending
        if (onFx(() -> model.gallery().scoresPendingProperty().get()) > 0) {
            assertTrue(onFx(scoring::getText).startsWith("scoring"), onFx(scoring::getText));
            assertTrue(onFx(() -> scoring.getParent().isVisible()));
            robot.clickOn("#cancel-scoring-button");
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(0, onFx(() -> model.gallery().scoresPendingProperty().get()));
            assertFalse(onFx(() -> scoring.getParent().isVisible()), "the progress row stays after the cancel");
        }
        for (GalleryEntry e : onFx(() -> List.copyOf(model.gallery().entries()))) {
            if (!e.failed()) {
                GalleryEntry.ScoreState state = onFx(() -> e.scoreStateProperty().get());
                assertTrue(state == GalleryEntry.ScoreState.CANCELLED || state == GalleryEntry.ScoreState.SCORED,
                        e.name() + ": " + state);
            }
        }
    }
}
