package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.ExperimentFixture.awaitNewRaster;
import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.experiments.SamplesViewModel;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window with a conditional model: a class is picked beside the plane and the decode follows it, the samples
 * can be shown by class with each row named, and a plain model hides the picker and says why it has no such grid.
 */
@ExtendWith(ApplicationExtension.class)
class ConditionalWindowTest {

    @TempDir
    Path temp;

    private AppViewModel model;

    @Start
    void start(Stage stage) {
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json")));
        stage.setScene(ExplorerApp.scene(ExplorerApp.buildRoot(model), 1280, 860));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get();
    }

    @Test
    void aPickedClassIsDecodedTheSamplesShowByClassAndAPlainModelSaysWhyItHasNone(FxRobot robot) {
        onFx(() -> model.openDataset(Path.of("assets", "mnist")));
        ExperimentFixture.awaitDataset(model);
        Node choice = robot.lookup("#decode-class-choice").query();
        assertFalse(fx(choice::isVisible), "no model, no class to pick");

        ModelConfig conditional = ModelConfig.mlp(2, List.of(16)).withConditionClasses(10);
        onFx(() -> model.useCheckpoint(ExperimentFixture.checkpoint(ExperimentFixture.untrainedWeights(conditional,
                5, 1))));
        waitUntil("the class picker shows", choice::isVisible);
        Raster asZero = awaitNewRaster("the decode under the marker", () -> model.plane().decodedImageProperty().get(),
                null);
        waitUntil("the window settles", () -> model.inferenceIdle());
        ComboBox<?> picker = robot.lookup("#decode-class").queryComboBox();
        assertEquals("0", fx(() -> String.valueOf(picker.getValue())));
        assertEquals(10, fx(() -> picker.getItems().size()));
        robot.interact(() -> picker.getSelectionModel().select(7));
        assertEquals(7, fx(() -> model.workspace().decodeClassProperty().get()));
        awaitNewRaster("the decode as a 7", () -> model.plane().decodedImageProperty().get(), asZero);

        TabPane experiments = robot.lookup("#experiments").queryAs(TabPane.class);
        robot.interact(() -> experiments.getSelectionModel().select(experiments.getTabs().stream()
                .filter(t -> t.getText().equals("Samples")).findFirst().orElseThrow()));
        CheckBox byClass = robot.lookup("#samples-by-class").queryAs(CheckBox.class);
        Node priorGrids = robot.lookup("#samples-grid").query().getParent().getParent();
        assertFalse(fx(byClass::isDisabled));
        robot.clickOn(byClass);
        SamplesViewModel samples = model.experiments().samples();
        waitUntil("the grid by class", () -> samples.classGridProperty().get() != null);
        Node grid = robot.lookup("#samples-class-grid").query();
        waitUntil("the grid by class is shown", () -> grid.isVisible() && grid.getParent().isVisible()
                && grid.lookupAll(".class-grid-row-name").stream().allMatch(Node::isVisible));
        List<String> rowNames = fx(() -> grid.lookupAll(".class-grid-row-name").stream()
                .sorted(Comparator.comparingDouble(Node::getLayoutY)).map(n -> ((Label) n).getText()).toList());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), rowNames, "top to bottom");
        assertFalse(fx(priorGrids::isVisible), "the prior's and the mixture's grids make way");

        onFx(() -> model.useCheckpoint(ExperimentFixture.checkpoint(ExperimentFixture.untrainedWeights(1, 2))));
        waitUntil("the class picker hides", () -> !choice.isVisible() && !choice.isManaged());
        assertTrue(fx(byClass::isDisabled));
        Label holder = robot.lookup("#samples-by-class-holder").queryAs(Label.class);
        assertEquals(SamplesViewModel.PLAIN_MODEL_HAS_NO_CLASSES, fx(() -> holder.getTooltip().getText()));
        waitUntil("the prior's grid is back", priorGrids::isVisible);
    }
}
