package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.AppVersion;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.fx.AnsweredFileDialogs;
import io.vaeexplorer.ui.plane.LatentPlaneView;
import io.vaeexplorer.ui.plane.PlaneViewport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every command of the window's menus, on the whole window: each one, fired from its item or its shortcut, does what
 * the button or switch beside it does, and the run commands are enabled exactly when their buttons are.
 */
@ExtendWith(ApplicationExtension.class)
class ExplorerMenuBarTest {

    private static final Path MNIST = Path.of("assets", "mnist");
    private static final Path SHIPPED_MODEL = Path.of("assets").resolve(ExplorerApp.SHIPPED_MODEL);
    private static final List<String> RUN_ITEMS = List.of("start-item", "pause-item", "resume-item", "stop-item");
    private static final List<String> RUN_BUTTONS =
            List.of("#start-button", "#pause-button", "#resume-button", "#stop-button");

    @TempDir
    Path temp;

    private Stage stage;
    private AppViewModel model;
    private ExplorerMenuBar menus;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json")));
        stage.setScene(ExplorerApp.scene(ExplorerApp.buildRoot(model), 1280, 800));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
        menus = (ExplorerMenuBar) stage.getScene().lookup("#menu-bar");
    }

    @AfterEach
    void close() {
        AnsweredFileDialogs.reset();
        onFx(() -> openDialogs().forEach(d -> d.getScene().getWindow().hide()));
        onFx(model::close);
    }

    @Test
    void openDataOpensTheChosenFolder() {
        AnsweredFileDialogs.answerWith(folder -> MNIST.toAbsolutePath().toFile());
        assertFalse(fx(() -> item("open-data-item").isDisable()));

        onFx(() -> item("open-data-item").fire());

        ExperimentFixture.awaitDataset(model);
        assertEquals(List.of("Open a folder with the four MNIST-style IDX files"), AnsweredFileDialogs.shownTitles());
        assertEquals(10, fx(() -> model.workspace().classNames().size()));
    }

    @Test
    void loadModelMakesTheChosenFileTheCurrentModel() {
        AnsweredFileDialogs.answerWith(folder -> SHIPPED_MODEL.toAbsolutePath().toFile());

        onFx(() -> item("load-model-item").fire());

        waitUntil("the model is loaded", () -> model.workspace().checkpointProperty().get() != null
                || !model.errorProperty().get().isEmpty());
        assertEquals("", fx(() -> model.errorProperty().get()));
        assertEquals(2, fx(() -> model.workspace().configProperty().get().latent()));
    }

    @Test
    void saveModelWritesTheCurrentModelWithTheModelExtension() throws Exception {
        assertTrue(fx(() -> item("save-model-item").isDisable()), "nothing to save before there is a model");
        onFx(() -> model.useCheckpoint(CheckpointIO.load(SHIPPED_MODEL)));
        assertFalse(fx(() -> item("save-model-item").isDisable()));
        AnsweredFileDialogs.answerWith(folder -> temp.resolve("mine").toFile());

        onFx(() -> item("save-model-item").fire());

        waitUntil("the model is saved", () -> model.statusProperty().get().startsWith("saved")
                || !model.errorProperty().get().isEmpty());
        assertEquals("", fx(() -> model.errorProperty().get()));
        assertEquals(2, CheckpointIO.load(temp.resolve("mine.vae")).config().latent());
    }

    @Test
    void exportSafetensorsWritesAFileTheLoaderReadsBack() throws Exception {
        assertTrue(fx(() -> item("export-safetensors-item").isDisable()), "nothing to export before a model");
        onFx(() -> model.useCheckpoint(CheckpointIO.load(SHIPPED_MODEL)));
        AnsweredFileDialogs.answerWith(folder -> temp.resolve("mine").toFile());

        onFx(() -> item("export-safetensors-item").fire());

        waitUntil("the model is exported", () -> model.statusProperty().get().startsWith("exported")
                || !model.errorProperty().get().isEmpty());
        assertEquals("", fx(() -> model.errorProperty().get()));
        Path exported = temp.resolve("mine.safetensors");
        assertTrue(Files.isRegularFile(exported), "written with the safetensors extension");
        assertEquals(fx(() -> model.workspace().configProperty().get()), CheckpointIO.load(exported).config());
    }

    @Test
    void quitClosesTheWindowAsItsCloseButtonDoes() {
        List<String> heard = new ArrayList<>();
        onFx(() -> stage.setOnCloseRequest(e -> heard.add(e.getEventType().getName())));

        onFx(() -> item("quit-item").fire());

        assertFalse(fx(stage::isShowing));
        assertEquals(List.of("WINDOW_CLOSE_REQUEST"), heard);
        onFx(() -> stage.setOnCloseRequest(null));
    }

    @Test
    void startRunsTheSettingsAndTheRunItemsFollowTheButtons() throws Exception {
        openMnist();
        onFx(() -> model.settingsProperty().set(run(1, 512)));
        assertEquals(List.of(true, false, false, false), enabledItems());
        assertEquals(enabledButtons(), enabledItems());

        onFx(() -> item("start-item").fire());

        waitLong("the run has ended", () -> isOneOf(TrainingState.FINISHED, TrainingState.FAILED,
                TrainingState.CANCELLED) && model.training().runStepsProperty().get() == null);
        assertEquals(TrainingState.FINISHED, fx(() -> model.training().trainingStateProperty().get()),
                () -> "error: " + model.errorProperty().get());
        assertEquals(List.of(true, false, false, false), enabledItems());
    }

    @Test
    void pauseResumeAndStopALongRunFromTheMenus() throws Exception {
        openMnist();
        // far longer than the test on any machine: it must still be running when Pause is chosen
        onFx(() -> model.settingsProperty().set(run(1000, 2000)));
        onFx(() -> item("start-item").fire());
        waitUntil("the run is running", () -> isOneOf(TrainingState.RUNNING));
        assertEquals(List.of(false, true, false, true), enabledItems());
        assertEquals(enabledButtons(), enabledItems());

        onFx(() -> item("pause-item").fire());
        waitUntil("the run is paused", () -> isOneOf(TrainingState.PAUSED));
        assertEquals(List.of(false, false, true, true), enabledItems());
        assertEquals(enabledButtons(), enabledItems());

        onFx(() -> item("resume-item").fire());
        waitUntil("the run is running again", () -> isOneOf(TrainingState.RUNNING));

        onFx(() -> item("stop-item").fire());
        waitUntil("the run is stopped", () -> isOneOf(TrainingState.CANCELLED)
                && model.training().runStepsProperty().get() == null);
        assertEquals(List.of(true, false, false, false), enabledItems());
        assertEquals(enabledButtons(), enabledItems());
    }

    @Test
    void fitThePlaneUndoesAZoom() {
        LatentPlaneView plane = fx(() -> (LatentPlaneView) stage.getScene().lookup("#latent-plane").getParent());
        WaitForAsyncUtils.waitForFxEvents();
        PlaneViewport fitted = fx(plane::viewport);
        onFx(() -> plane.setViewport(fitted.zoomedAt(fitted.left() + 10, fitted.top() + 10, 4)));
        assertNotEquals(fitted.scale(), fx(plane::viewport).scale(), 1e-9);

        onFx(() -> item("fit-plane-item").fire());

        PlaneViewport refitted = fx(plane::viewport);
        assertEquals(fitted.scale(), refitted.scale(), 1e-9);
        assertEquals(fitted.centerX(), refitted.centerX(), 1e-9);
        assertEquals(fitted.centerY(), refitted.centerY(), 1e-9);
    }

    @Test
    void theSwitchItemsAndTheSidePanelsSwitchesAreTheSameSwitches(FxRobot robot) {
        Map<String, String> boxByItem = Map.of("manifold-item", "#manifold-toggle", "density-item",
                "#density-toggle", "thumbnails-item", "#thumbnails-toggle");
        for (Map.Entry<String, String> pair : boxByItem.entrySet()) {
            CheckMenuItem item = (CheckMenuItem) fx(() -> item(pair.getKey()));
            CheckBox box = fx(() -> (CheckBox) stage.getScene().lookup(pair.getValue()));
            boolean before = fx(box::isSelected);
            assertEquals(before, fx(item::isSelected), pair.getKey());

            // a check item turns itself when chosen in its open menu, not when fired
            MenuClicks.chooseInMenu(robot, item);
            assertEquals(!before, fx(box::isSelected), pair.getKey() + " turns its switch");
            onFx(() -> box.setSelected(before));
            assertEquals(before, fx(item::isSelected), pair.getKey() + " follows its switch");
        }
        assertEquals(Boolean.FALSE, fx(() -> model.plane().showThumbnailsProperty().get()));
        robot.press(KeyCode.ALT, KeyCode.I).release(KeyCode.I, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> model.plane().showThumbnailsProperty().get()), "Alt+I turns the thumbnails on");
        assertTrue(fx(() -> ((CheckMenuItem) item("thumbnails-item")).isSelected()));
    }

    @Test
    void exportSizeTicksOneOfItsTwoSizesAndThatIsTheSizeOfEveryExport(FxRobot robot) {
        RadioMenuItem once = (RadioMenuItem) fx(() -> item("export-1x-item"));
        RadioMenuItem twice = (RadioMenuItem) fx(() -> item("export-2x-item"));
        assertEquals("Export size", fx(() -> once.getParentMenu().getText()));
        assertEquals("_File", fx(() -> once.getParentMenu().getParentMenu().getText()));
        assertEquals(List.of(true, false), fx(() -> List.of(once.isSelected(), twice.isSelected())));
        assertEquals(1, fx(() -> model.exportSize().scale()));

        // chosen in the open submenu, as a person does
        chooseExportSize(robot, "#export-2x-item");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, fx(() -> model.exportSize().scale()));
        assertEquals(List.of(false, true), fx(() -> List.of(once.isSelected(), twice.isSelected())));

        // a click on the size already ticked leaves it ticked
        chooseExportSize(robot, "#export-2x-item");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(false, true), fx(() -> List.of(once.isSelected(), twice.isSelected())));

        // the items follow the choice however it is made (a launch puts back the last one)
        onFx(() -> model.exportSize().doubledProperty().set(false));
        assertEquals(List.of(true, false), fx(() -> List.of(once.isSelected(), twice.isSelected())));
    }

    @Test
    void thePageItemsAndTheirShortcutsSelectThePages(FxRobot robot) {
        TabPane pages = fx(() -> (TabPane) stage.getScene().lookup("#pages"));
        onFx(() -> item("sweeps-page-item").fire());
        assertEquals("Sweeps", fx(() -> pages.getSelectionModel().getSelectedItem().getText()));
        onFx(() -> item("explorer-page-item").fire());
        assertEquals("Explorer", fx(() -> pages.getSelectionModel().getSelectedItem().getText()));

        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Models", fx(() -> pages.getSelectionModel().getSelectedItem().getText()));
    }

    @Test
    void keyboardShortcutsListsEveryAcceleratorOfTheMenus() {
        List<String> expected = fx(() -> {
            List<String> rows = new ArrayList<>();
            for (Menu menu : menus.getMenus()) {
                acceleratorRows(menu, "", rows);
            }
            return rows;
        });
        assertEquals(12, expected.size(), expected.toString());
        assertTrue(expected.contains(ExplorerMenuBar.SWITCH_THEME.getDisplayText() + " | Theme \u203a Switch theme"),
                "the submenu's shortcut with its submenu's name");

        onFx(() -> item("shortcuts-item").fire());

        DialogPane dialog = fx(() -> openDialogs().get(0));
        GridPane list = fx(() -> (GridPane) dialog.lookup("#shortcut-list"));
        List<String> shown = fx(() -> {
            List<String> rows = new ArrayList<>();
            List<Node> labels = list.getChildren();
            for (int i = 0; i + 1 < labels.size(); i += 2) {
                String command = ((Label) labels.get(i + 1)).getText();
                rows.add(((Label) labels.get(i)).getText() + " | " + command.substring(command.indexOf('\u203a') + 2));
            }
            return rows;
        });
        assertEquals(expected, shown);
    }

    @Test
    void aboutNamesTheAppAndItsVersion() {
        onFx(() -> item("about-item").fire());

        DialogPane dialog = fx(() -> openDialogs().get(0));
        assertEquals(AppVersion.TITLE, fx(dialog::getHeaderText));
        assertTrue(fx(dialog::getContentText).startsWith("Version " + AppVersion.version()),
                fx(dialog::getContentText));
    }

    /** "keys | item" for each item with a shortcut, submenus' items after their submenu's name. */
    private static void acceleratorRows(Menu menu, String prefix, List<String> rows) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu submenu) {
                acceleratorRows(submenu, prefix + submenu.getText() + " \u203a ", rows);
            } else if (item.getAccelerator() != null) {
                rows.add(item.getAccelerator().getDisplayText() + " | " + prefix + item.getText());
            }
        }
    }

    /** Chooses an item of File › Export size in the open menus. */
    private void chooseExportSize(FxRobot robot, String id) {
        MenuClicks.chooseInSubmenu(robot, fx(() -> (Menu) item("export-size-menu")), id.substring(1));
    }

    /** The item of that id in a menu or in one of their submenus. */
    private MenuItem item(String id) {
        return menus.getMenus().stream().flatMap(m -> m.getItems().stream())
                .flatMap(i -> i instanceof Menu sub ? Stream.concat(Stream.of(i), sub.getItems().stream()) : Stream.of(i))
                .filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    /** The panes of the dialogs showing now (each alert shows in a window of its own). */
    private static List<DialogPane> openDialogs() {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot())
                .filter(DialogPane.class::isInstance).map(DialogPane.class::cast).toList();
    }

    private List<Boolean> enabledItems() {
        return fx(() -> RUN_ITEMS.stream().map(id -> !item(id).isDisable()).toList());
    }

    private List<Boolean> enabledButtons() {
        return fx(() -> RUN_BUTTONS.stream().map(id -> !stage.getScene().lookup(id).isDisabled()).toList());
    }

    /** Waits for a run, which may take a while on a slow machine. */
    private static void waitLong(String what, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(condition));
    }

    private boolean isOneOf(TrainingState... states) {
        return List.of(states).contains(model.training().trainingStateProperty().get());
    }

    private void openMnist() {
        onFx(() -> model.openDataset(MNIST));
        ExperimentFixture.awaitDataset(model);
    }

    /** A small MLP on the first images of the set. */
    private static TrainingSettings run(int epochs, int limit) {
        return new TrainingSettings(ModelKind.MLP, 2, "32", Likelihood.BCE, 1f, Objective.ELBO, 1e-3f, 64, epochs,
                1, limit, "");
    }

}
