package io.vaeexplorer.ui.fx;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.WindowState;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.store.WindowStateStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.ExplorerApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window comes back as it was left: size, place, maximised state, dividers, the plane's layer switches and the
 * dialogs' folder go through the window-state file from one launch to the next, fitted to the screen of the next
 * launch.
 */
@ExtendWith(ApplicationExtension.class)
class WindowMemoryTest {

    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1600, 1200);

    @TempDir
    static Path temp;

    private Stage stage;
    private AppViewModel model;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings-" + System.nanoTime() + ".json")));
    }

    @AfterEach
    void close() {
        onFx(() -> {
            stage.setMaximized(false);
            // the stage is the one every test class shares: later ones size it as they need
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            model.close();
        });
        FileDialogs.setLastFolder(null);
    }

    @Test
    void whatOneLaunchLeavesTheNextOpensWith() throws Exception {
        WindowStateStore store = new WindowStateStore(temp.resolve("launches").resolve("window.json"));
        Path exports = Files.createDirectories(temp.resolve("exports"));

        // first launch: nothing remembered, then the person arranges the window
        WindowMemory first = launch(store);
        assertEquals(new Rectangle2D(100, 150, 1400, 900), fx(this::stageBounds), "the default size, centred");
        onFx(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1200);
            stage.setHeight(760);
            splits().get(ExplorerApp.PLANE_SPLIT).place(0.6);
            splits().get(ExplorerApp.CENTRE_SPLIT).place(0.45);
            FileDialogs.setLastFolder(exports);
            model.plane().showThumbnailsProperty().set(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        store.save(fx(first::capture));
        FileDialogs.setLastFolder(null);
        onFx(() -> model.plane().showThumbnailsProperty().set(false));

        // second launch
        launch(store);
        assertEquals(new Rectangle2D(40, 30, 1200, 760), fx(this::stageBounds));
        assertFalse(fx(stage::isMaximized));
        assertArrayEquals(new double[] {0.6}, fx(() -> splits().get(ExplorerApp.PLANE_SPLIT).getDividerPositions()),
                0.002);
        assertArrayEquals(new double[] {0.45},
                fx(() -> splits().get(ExplorerApp.CENTRE_SPLIT).getDividerPositions()), 0.002);
        assertEquals(exports, FileDialogs.initialFolder());
        assertEquals(true, fx(() -> model.plane().showThumbnailsProperty().get()), "thumbnails on, as left");
        assertEquals(false, fx(() -> model.plane().showManifoldProperty().get()), "the manifold off, as left");
    }

    @Test
    void aWindowClosedMaximisedOpensMaximisedAndRestoresToItsEarlierSize() throws Exception {
        WindowStateStore store = new WindowStateStore(temp.resolve("maximised").resolve("window.json"));
        WindowMemory first = launch(store);
        onFx(() -> {
            stage.setX(200);
            stage.setY(100);
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> stage.setMaximized(true));
        WaitForAsyncUtils.waitForFxEvents();
        WindowState closed = fx(first::capture);
        assertEquals(new WindowState.Bounds(200, 100, 1000, 700), closed.bounds(), "the size to restore to");
        assertEquals(true, closed.maximized());
        store.save(closed);
        onFx(() -> stage.setMaximized(false));

        launch(store);
        assertEquals(true, fx(stage::isMaximized));
        onFx(() -> stage.setMaximized(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Rectangle2D(200, 100, 1000, 700), fx(this::stageBounds));
    }

    @Test
    void dividersPushedAsideInASmallWindowAreRememberedWhereThePersonPutThem() throws Exception {
        WindowStateStore store = new WindowStateStore(temp.resolve("small").resolve("window.json"));
        WindowMemory memory = launch(store);
        onFx(() -> splits().get(ExplorerApp.CENTRE_SPLIT).place(0.9)); // little room left for the tabs below
        onFx(() -> {
            stage.setWidth(900);
            stage.setHeight(600);
        });
        settle();
        WindowState closed = fx(memory::capture);
        assertEquals(List.of(0.9), closed.dividers().get(ExplorerApp.CENTRE_SPLIT));
    }

    @Test
    void theExportSizeChosenIsTheOneOfTheNextLaunch() throws Exception {
        WindowStateStore store = new WindowStateStore(temp.resolve("export-size").resolve("window.json"));
        WindowMemory first = launch(store);
        assertFalse(fx(() -> model.exportSize().doubledProperty().get()), "1x while nothing is remembered");
        onFx(() -> model.exportSize().doubledProperty().set(true));
        WindowState closed = fx(first::capture);
        assertEquals(Boolean.TRUE, closed.switches().get(ExportSize.SWITCH));
        store.save(closed);
        onFx(() -> model.exportSize().doubledProperty().set(false));

        WindowMemory second = launch(store);
        assertTrue(fx(() -> model.exportSize().doubledProperty().get()), "2x, as left");
        assertEquals(2, fx(() -> model.exportSize().scale()));
        assertTrue(fx(() -> exportSizeItem("export-2x-item").isSelected()), "the menu shows 2x");
        assertFalse(fx(() -> exportSizeItem("export-1x-item").isSelected()));

        // and 1x, chosen again, is what the launch after opens with
        onFx(() -> exportSizeItem("export-1x-item").setSelected(true));
        store.save(fx(second::capture));
        onFx(() -> model.exportSize().doubledProperty().set(true));
        launch(store);
        assertFalse(fx(() -> model.exportSize().doubledProperty().get()), "1x, as left");
    }

    @Test
    void noFolderRememberedMeansTheHomeFolder() throws Exception {
        WindowStateStore store = new WindowStateStore(temp.resolve("fresh").resolve("window.json"));
        launch(store);
        assertNull(FileDialogs.lastFolder());
        assertEquals(Path.of(System.getProperty("user.home")), FileDialogs.initialFolder());
    }

    /** Does what the app's start does with a store, on the test's stage. */
    private WindowMemory launch(WindowStateStore store) {
        WindowState remembered = store.load().state();
        WindowMemory memory = fx(() -> {
            Parent root = ExplorerApp.buildRoot(model);
            WindowMemory m = new WindowMemory(stage, ExplorerApp.rememberedSplits(root),
                    ExplorerApp.rememberedSwitches(root));
            m.restore(remembered, SCREEN, List.of(SCREEN));
            stage.setScene(new Scene(root, stage.getWidth(), stage.getHeight()));
            stage.show();
            return m;
        });
        settle();
        return memory;
    }

    /** An item of File › Export size of the window shown now. */
    private RadioMenuItem exportSizeItem(String id) {
        MenuBar menus = (MenuBar) stage.getScene().lookup("#menu-bar");
        return menus.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(Menu.class::isInstance)
                .flatMap(m -> ((Menu) m).getItems().stream()).filter(i -> id.equals(i.getId()))
                .map(RadioMenuItem.class::cast).findFirst().orElseThrow(() -> new AssertionError("no item " + id));
    }

    private Map<String, ProportionalSplitPane> splits() {
        return ExplorerApp.rememberedSplits(stage.getScene().getRoot());
    }

    private Rectangle2D stageBounds() {
        return new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    }

    private void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 3; i++) {
            onFx(() -> {
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
