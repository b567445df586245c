package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.fx.Theme;
import io.vaeexplorer.ui.plane.LatentPlaneView;
import io.vaeexplorer.ui.plane.PlaneViewport;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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
 * The whole window in either theme, chosen from View > Theme or switched with its shortcut: the controls take the
 * stylesheet's dark colours and the latent plane's canvas, which no stylesheet reaches, draws dark as well.
 */
@ExtendWith(ApplicationExtension.class)
class ExplorerThemeTest {

    @TempDir
    Path temp;

    private Stage stage;
    private AppViewModel model;
    private Parent root;
    private ExplorerMenuBar menus;
    private LatentPlaneView plane;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json")));
        root = ExplorerApp.buildRoot(model);
        stage.setScene(ExplorerApp.scene(root, 1280, 800));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
        menus = (ExplorerMenuBar) stage.getScene().lookup("#menu-bar");
        plane = (LatentPlaneView) stage.getScene().lookup("#latent-plane").getParent();
    }

    @AfterEach
    void close() {
        onFx(model::close);
    }

    @Test
    void darkFromTheMenuDarkensTheWindowAndThePlaneAndLightRestoresThem(FxRobot robot) {
        assertEquals(Theme.STYLESHEET, fx(() -> stage.getScene().getStylesheets().get(0)));
        assertTrue(fx(() -> radio("theme-light-item").isSelected()), "light at first");
        assertLight();

        choose(robot, "theme-dark-item");

        assertTrue(fx(() -> ExplorerApp.theme(root).isDark()));
        assertTrue(fx(() -> root.getStyleClass().contains(Theme.DARK_STYLE_CLASS)));
        assertTrue(brightness(rootBackground()) < 0.25, "the window's background is dark");
        waitUntil("the plane is redrawn dark", () -> brightness(planePixel(3, 3)) < 0.25);
        PlaneViewport v = fx(plane::viewport);
        assertTrue(meanBrightness(v.left(), v.top(), v.width(), v.height()) < 0.2, "a dark plot");
        assertTrue(brightest(0, v.top(), v.left() - 4, v.height()) > 0.75, "light tick labels beside it");
        assertFalse(fx(() -> radio("theme-light-item").isSelected()));

        choose(robot, "theme-light-item");

        assertFalse(fx(() -> ExplorerApp.theme(root).isDark()));
        assertLight();
    }

    @Test
    void theShortcutSwitchesBetweenTheThemesAndTheMenuFollows(FxRobot robot) {
        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> ExplorerApp.theme(root).isDark()));
        assertTrue(fx(() -> radio("theme-dark-item").isSelected()));
        assertFalse(fx(() -> radio("theme-light-item").isSelected()));
        waitUntil("the plane is redrawn dark", () -> brightness(planePixel(3, 3)) < 0.25);

        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> ExplorerApp.theme(root).isDark()));
        assertTrue(fx(() -> radio("theme-light-item").isSelected()));
        assertLight();
    }

    private void assertLight() {
        assertFalse(fx(() -> root.getStyleClass().contains(Theme.DARK_STYLE_CLASS)));
        assertTrue(brightness(rootBackground()) > 0.9, "Modena's light background");
        waitUntil("the plane is drawn light", () -> brightness(planePixel(3, 3)) > 0.9);
        PlaneViewport v = fx(plane::viewport);
        assertTrue(meanBrightness(v.left(), v.top(), v.width(), v.height()) > 0.9, "a light plot");
    }

    /** Chooses an item of View > Theme in the open menus, as a person does. */
    private void choose(FxRobot robot, String id) {
        MenuClicks.chooseInSubmenu(robot, fx(this::themeMenu), id);
    }

    private Menu themeMenu() {
        return (Menu) menus.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "theme-menu".equals(i.getId())).findFirst().orElseThrow();
    }

    private RadioMenuItem radio(String id) {
        for (MenuItem item : themeMenu().getItems()) {
            if (id.equals(item.getId())) {
                return (RadioMenuItem) item;
            }
        }
        throw new AssertionError("no item " + id);
    }

    private Color rootBackground() {
        return fx(() -> {
            root.applyCss();
            return (Color) ((Region) root).getBackground().getFills().get(0).getFill();
        });
    }

    private Color planePixel(int x, int y) {
        return fx(() -> canvasImage().getPixelReader().getColor(x, y));
    }

    private double meanBrightness(double left, double top, double width, double height) {
        return fx(() -> {
            PixelReader pixels = canvasImage().getPixelReader();
            double sum = 0;
            int n = 0;
            for (int y = (int) top; y < (int) (top + height); y++) {
                for (int x = (int) left; x < (int) (left + width); x++) {
                    sum += pixels.getColor(x, y).getBrightness();
                    n++;
                }
            }
            return sum / n;
        });
    }

    private double brightest(double left, double top, double width, double height) {
        return fx(() -> {
            PixelReader pixels = canvasImage().getPixelReader();
            double most = 0;
            for (int y = (int) top; y < (int) (top + height); y++) {
                for (int x = (int) left; x < (int) (left + width); x++) {
                    most = Math.max(most, pixels.getColor(x, y).getBrightness());
                }
            }
            return most;
        });
    }

    private WritableImage canvasImage() {
        Canvas canvas = plane.canvas();
        return canvas.snapshot(null, null);
    }

    private static double brightness(Color colour) {
        return colour.getBrightness();
    }
}
