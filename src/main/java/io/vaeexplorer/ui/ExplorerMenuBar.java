package io.vaeexplorer.ui;

import io.vaeexplorer.core.AppVersion;
import io.vaeexplorer.store.SafetensorsCheckpoint;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.SaveDialog;
import io.vaeexplorer.ui.fx.Theme;
import io.vaeexplorer.ui.plane.LatentPlaneView;
import io.vaeexplorer.ui.plane.PlaneSidePanel;
import io.vaeexplorer.ui.plane.PlaneViewModel;
import io.vaeexplorer.ui.training.TrainingCommands;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * The window's menus: File, Training, View and Help, with the desktop's usual shortcuts. Each item calls the same
 * method as the button or switch it stands beside and is enabled exactly when that one is, so the menus are one
 * more view over the same view-models. View's Theme submenu chooses the light or dark look. The Help menu's list of
 * shortcuts is read from the items themselves.
 */
public final class ExplorerMenuBar extends MenuBar {

    private static final String SAFETENSORS_PATTERN = "*" + SafetensorsCheckpoint.EXTENSION;
    /** Switches between the light and the dark theme. */
    public static final KeyCombination SWITCH_THEME =
            new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    /**
     * @param commands the run and file commands the settings column's buttons use
     * @param planeView the plane whose view Fit the plane resets
     * @param pages the window's pages (Explorer, Models, Sweeps), in that order
     * @param theme the window's look, which the Theme submenu chooses
     */
    public ExplorerMenuBar(AppViewModel model, TrainingCommands commands, LatentPlaneView planeView, TabPane pages,
                           Theme theme) {
        setId("menu-bar");
        // on macOS the menus belong in the screen's menu bar; elsewhere this has no effect
        setUseSystemMenuBar(true);

        MenuItem openData = item("Open data\u2026", "open-data-item", shortcut(KeyCode.O),
                () -> commands.chooseAndOpenData(this));
        openData.disableProperty().bind(commands.loadDisabled());
        MenuItem loadModel = item("Load model\u2026", "load-model-item", shortcut(KeyCode.L),
                () -> commands.chooseAndLoadModel(this));
        loadModel.disableProperty().bind(commands.loadDisabled());
        MenuItem saveModel = item("Save model\u2026", "save-model-item", shortcut(KeyCode.S),
                () -> commands.chooseAndSaveModel(this));
        saveModel.disableProperty().bind(commands.saveDisabled());
        MenuItem export = item("Export safetensors\u2026", "export-safetensors-item", null,
                () -> SaveDialog.choose(this, "Export safetensors", "model" + SafetensorsCheckpoint.EXTENSION,
                        "safetensors", SAFETENSORS_PATTERN).ifPresent(file -> model.exportSafetensors(
                        TrainingCommands.withExtension(file, SafetensorsCheckpoint.EXTENSION))));
        export.disableProperty().bind(commands.saveDisabled());
        MenuItem quit = item("Quit", "quit-item", shortcut(KeyCode.Q), this::closeWindow);
        Menu file = new Menu("_File", null, openData, loadModel, saveModel, export, exportSizeMenu(model.exportSize()),
                new SeparatorMenuItem(), quit);

        MenuItem start = item("Start", "start-item", new KeyCodeCombination(KeyCode.F5), commands::start);
        start.disableProperty().bind(commands.startDisabled());
        MenuItem pause = item("Pause", "pause-item", null, commands::pause);
        pause.disableProperty().bind(commands.pauseDisabled());
        MenuItem resume = item("Resume", "resume-item", null, commands::resume);
        resume.disableProperty().bind(commands.resumeDisabled());
        MenuItem stop = item("Stop", "stop-item", shortcut(KeyCode.PERIOD), commands::stop);
        stop.disableProperty().bind(commands.stopDisabled());
        Menu training = new Menu("_Training", null, start, pause, resume, stop);

        PlaneViewModel plane = model.plane();
        MenuItem fit = item("Fit the plane", "fit-plane-item", shortcut(KeyCode.DIGIT0), planeView::fitToPoints);
        Menu view = new Menu("_View", null, fit, new SeparatorMenuItem(),
                toggle("Show decoded manifold", "manifold-item", null, plane.showManifoldProperty()),
                toggle("Show codes against the prior", "density-item", null, plane.showDensityProperty()),
                toggle("Show images at their codes", "thumbnails-item", PlaneSidePanel.TOGGLE_THUMBNAILS,
                        plane.showThumbnailsProperty()),
                new SeparatorMenuItem());
        String[] pageIds = {"explorer-page-item", "models-page-item", "sweeps-page-item"};
        KeyCode[] pageKeys = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3};
        for (int i = 0; i < pageIds.length && i < pages.getTabs().size(); i++) {
            int index = i;
            view.getItems().add(item(pages.getTabs().get(i).getText(), pageIds[i], shortcut(pageKeys[i]),
                    () -> pages.getSelectionModel().select(index)));
        }
        view.getItems().addAll(new SeparatorMenuItem(), themeMenu(theme));

        Menu help = new Menu("_Help", null,
                item("Keyboard shortcuts", "shortcuts-item", null, this::showShortcuts),
                item("About", "about-item", null, this::showAbout));
        getMenus().addAll(file, training, view, help);
    }

    /** One row of the shortcut list: the keys as the platform writes them, and the command with its menu. */
    public record Shortcut(String keys, String command) {
    }

    /** Every shortcut of the menus and their submenus, in menu order, as the menus themselves carry them. */
    public List<Shortcut> shortcuts() {
        List<Shortcut> shortcuts = new ArrayList<>();
        for (Menu menu : getMenus()) {
            addShortcuts(menu, menu.getText().replaceFirst("_", ""), shortcuts);
        }
        return shortcuts;
    }

    private static void addShortcuts(Menu menu, String path, List<Shortcut> shortcuts) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu submenu) {
                addShortcuts(submenu, path + " \u203a " + submenu.getText(), shortcuts);
            } else if (item.getAccelerator() != null) {
                shortcuts.add(new Shortcut(item.getAccelerator().getDisplayText(), path + " \u203a " + item.getText()));
            }
        }
    }

    /**
     * Light and Dark as a choice of two, always showing the theme's state, and an item that switches to the other
     * one (the shortcut: a radio item's own shortcut could only choose it, not leave it).
     */
    private static Menu themeMenu(Theme theme) {
        List<RadioMenuItem> choice = choiceOfTwo(theme.darkProperty(), "Light", "theme-light-item", "Dark",
                "theme-dark-item");
        MenuItem other = item("Switch theme", "theme-switch-item", SWITCH_THEME, () -> theme.setDark(!theme.isDark()));
        Menu menu = new Menu("Theme", null, choice.get(0), choice.get(1), new SeparatorMenuItem(), other);
        menu.setId("theme-menu");
        return menu;
    }

    private void showShortcuts() {
        GridPane list = new GridPane();
        list.setId("shortcut-list");
        list.setHgap(16);
        list.setVgap(4);
        List<Shortcut> shortcuts = shortcuts();
        for (int row = 0; row < shortcuts.size(); row++) {
            list.addRow(row, new Label(shortcuts.get(row).keys()), new Label(shortcuts.get(row).command()));
        }
        Alert dialog = dialog("Keyboard shortcuts", "Keyboard shortcuts");
        dialog.getDialogPane().setContent(list);
        dialog.show();
    }

    private void showAbout() {
        Alert dialog = dialog("About", AppVersion.TITLE);
        dialog.setContentText("Version " + AppVersion.version() + "\nJava " + System.getProperty("java.version")
                + ", JavaFX " + System.getProperty("javafx.version", "unknown"));
        dialog.show();
    }

    /** An information box over the window, not waiting for it to close (the window stays live behind it). */
    private Alert dialog(String title, String header) {
        Alert dialog = new Alert(Alert.AlertType.INFORMATION);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        Window window = getScene() == null ? null : getScene().getWindow();
        if (window != null) {
            dialog.initOwner(window);
        }
        return dialog;
    }

    /** Closes the window as its close button does, so that it keeps its layout and settings on the way out. */
    private void closeWindow() {
        Window window = getScene() == null ? null : getScene().getWindow();
        if (window != null) {
            window.fireEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSE_REQUEST));
        }
    }

    /** "Export size": 1x or 2x for every picture the window exports, as a choice of two showing the size's state. */
    private static Menu exportSizeMenu(ExportSize size) {
        List<RadioMenuItem> choice = choiceOfTwo(size.doubledProperty(), "1x", "export-1x-item", "2x",
                "export-2x-item");
        Menu menu = new Menu("Export size", null, choice.get(0), choice.get(1));
        menu.setId("export-size-menu");
        return menu;
    }

    /** Two radio items, off and on, for one on/off property: choosing one sets it, and they follow its changes. */
    private static List<RadioMenuItem> choiceOfTwo(BooleanProperty on, String offText, String offId, String onText,
                                                   String onId) {
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem offItem = new RadioMenuItem(offText);
        offItem.setId(offId);
        offItem.setToggleGroup(group);
        RadioMenuItem onItem = new RadioMenuItem(onText);
        onItem.setId(onId);
        onItem.setToggleGroup(group);
        (on.get() ? onItem : offItem).setSelected(true);
        on.addListener((obs, was, now) -> (now ? onItem : offItem).setSelected(true));
        onItem.selectedProperty().addListener((obs, was, selected) -> on.set(selected));
        return List.of(offItem, onItem);
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static MenuItem item(String text, String id, KeyCombination keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(keys);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** A check item two-way with a switch. */
    private static CheckMenuItem toggle(String text, String id, KeyCombination keys, BooleanProperty on) {
        CheckMenuItem item = new CheckMenuItem(text);
        item.setId(id);
        item.setAccelerator(keys);
        item.selectedProperty().bindBidirectional(on);
        return item;
    }

}
