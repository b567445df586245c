package io.vaeexplorer.ui.fx;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WindowState;
import io.vaeexplorer.store.WindowStateStore;
import io.vaeexplorer.ui.ExplorerApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The light and dark looks on a scene and on the dialogs its window owns, and the choice kept from one launch to
 * the next as one of the window's remembered switches.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeTest {

    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1600, 1200);

    @TempDir
    Path temp;

    private Stage stage;
    private Stage dialog;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        onFx(() -> {
            if (dialog != null) {
                dialog.hide();
            }
            // the stage is the one every test class shares: later ones size it as they need
            stage.setMinWidth(0);
            stage.setMinHeight(0);
        });
    }

    @Test
    void darkRedefinesModenasColoursOnTheRootAndLightRestoresThem() {
        Theme theme = new Theme();
        Label text = new Label("some text");
        Scene scene = fx(() -> {
            Scene s = new Scene(new StackPane(text), 300, 200);
            theme.applyTo(s);
            stage.setScene(s);
            stage.show();
            return s;
        });
        assertEquals(List.of(Theme.STYLESHEET), fx(scene::getStylesheets));
        assertFalse(fx(() -> scene.getRoot().getStyleClass().contains(Theme.DARK_STYLE_CLASS)));
        assertTrue(brightness(background(scene.getRoot())) > 0.9, "Modena's light grey");

        onFx(() -> theme.setDark(true));

        assertTrue(fx(() -> scene.getRoot().getStyleClass().contains(Theme.DARK_STYLE_CLASS)));
        assertTrue(brightness(background(scene.getRoot())) < 0.25, "a dark background");
        assertTrue(brightness(fx(() -> (Color) text.getTextFill())) > 0.75, "light text on it");

        onFx(() -> theme.setDark(false));

        assertFalse(fx(() -> scene.getRoot().getStyleClass().contains(Theme.DARK_STYLE_CLASS)));
        assertTrue(brightness(background(scene.getRoot())) > 0.9);
        assertTrue(brightness(fx(() -> (Color) text.getTextFill())) < 0.3, "dark text again");
        assertEquals(List.of(Theme.STYLESHEET), fx(scene::getStylesheets), "the stylesheet once");
    }

    @Test
    void aDialogTheWindowOwnsOpensInItsThemeAndFollowsItWhileOpen() {
        Theme theme = new Theme();
        onFx(() -> {
            Scene s = new Scene(new StackPane(), 300, 200);
            theme.applyTo(s);
            stage.setScene(s);
            stage.show();
            theme.setDark(true);
        });
        Scene dialogScene = fx(() -> {
            dialog = new Stage();
            dialog.initOwner(stage);
            dialog.setScene(new Scene(new StackPane(new Label("a question")), 200, 100));
            dialog.show();
            return dialog.getScene();
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(fx(() -> dialogScene.getStylesheets().contains(Theme.STYLESHEET)));
        assertTrue(brightness(background(dialogScene.getRoot())) < 0.25, "dark as its window");

        onFx(() -> theme.setDark(false));

        assertTrue(brightness(background(dialogScene.getRoot())) > 0.9, "light with its window");
    }

    @Test
    void theChosenThemeOutlivesALaunchThroughTheWindowStateFile() throws Exception {
        WindowStateStore store = new WindowStateStore(temp.resolve("window.json"));
        Theme first = new Theme();
        WindowMemory firstLaunch = remembering(first);
        onFx(() -> first.setDark(true));
        store.save(fx(firstLaunch::capture));

        WindowState kept = store.load().state();
        assertEquals(Boolean.TRUE, kept.switches().get(ExplorerApp.DARK_THEME_SWITCH));
        Theme second = new Theme();
        WindowMemory secondLaunch = remembering(second);
        onFx(() -> secondLaunch.restore(kept, SCREEN, List.of(SCREEN)));
        assertTrue(fx(second::isDark), "dark, as left");

        onFx(() -> second.setDark(false));
        store.save(fx(secondLaunch::capture));
        Theme third = new Theme();
        third.setDark(true);
        WindowMemory thirdLaunch = remembering(third);
        onFx(() -> thirdLaunch.restore(store.load().state(), SCREEN, List.of(SCREEN)));
        assertFalse(fx(third::isDark), "light, as left");
    }

    private WindowMemory remembering(Theme theme) {
        return fx(() -> new WindowMemory(stage, Map.of(), Map.of(ExplorerApp.DARK_THEME_SWITCH,
                theme.darkProperty())));
    }

    /** The root's first background fill once the stylesheet has been applied. */
    private static Color background(Parent root) {
        return fx(() -> {
            root.applyCss();
            return (Color) ((Region) root).getBackground().getFills().get(0).getFill();
        });
    }

    private static double brightness(Color colour) {
        return colour.getBrightness();
    }
}
