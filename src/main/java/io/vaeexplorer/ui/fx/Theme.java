package io.vaeexplorer.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;
import javafx.event.EventHandler;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * The window's light or dark look. Both come from one stylesheet over JavaFX's Modena: light is Modena's own
 * palette, dark is the style class {@value #DARK_STYLE_CLASS} on the scene's root, for which the stylesheet
 * redefines Modena's base colours. The choice is one on/off switch, so the window remembers it with its other
 * switches. Dialogs owned by a themed window take its look when they open and follow it while they are open.
 * Canvas drawings ignore CSS: their views follow {@link #darkProperty()} themselves.
 */
public final class Theme {

    /** The window's stylesheet, as a scene's stylesheet list holds it. */
    public static final String STYLESHEET =
            Objects.requireNonNull(Theme.class.getResource("/io/vaeexplorer/ui/explorer.css")).toExternalForm();
    /** The style class of a dark scene's root. */
    public static final String DARK_STYLE_CLASS = "dark";

    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    /** The scenes themed by {@link #applyTo}, whose windows' dialogs are themed as they open. */
    private final List<Scene> scenes = new ArrayList<>();
    /** Held here: the window list holds it only weakly, so a theme and its scenes can go. */
    private final ListChangeListener<Window> windowsOpened = change -> {
        while (change.next()) {
            for (Window window : change.getAddedSubList()) {
                if (window instanceof Stage stage && ownedByAThemedWindow(stage) && stage.getScene() != null) {
                    followWhileShowing(stage);
                }
            }
        }
    };
    private boolean watchingWindows;

    /** Whether the dark look is on; the light one when off. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    public boolean isDark() {
        return dark.get();
    }

    public void setDark(boolean on) {
        dark.set(on);
    }

    /**
     * Puts the stylesheet on the scene and keeps its root in the chosen look from now on; dialogs the scene's window
     * owns follow too.
     */
    public void applyTo(Scene scene) {
        addStylesheet(scene);
        style(scene);
        dark.addListener((obs, was, on) -> style(scene));
        scenes.add(scene);
        if (!watchingWindows) {
            watchingWindows = true;
            Window.getWindows().addListener(new WeakListChangeListener<>(windowsOpened));
        }
    }

    private boolean ownedByAThemedWindow(Stage stage) {
        Window owner = stage.getOwner();
        return owner != null && scenes.stream().anyMatch(scene -> scene.getWindow() == owner);
    }

    /** Themes a dialog's scene and follows the choice until the dialog closes. */
    private void followWhileShowing(Stage dialog) {
        Scene scene = dialog.getScene();
        addStylesheet(scene);
        style(scene);
        ChangeListener<Boolean> restyle = (obs, was, on) -> style(scene);
        dark.addListener(restyle);
        dialog.addEventHandler(WindowEvent.WINDOW_HIDDEN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                dialog.removeEventHandler(WindowEvent.WINDOW_HIDDEN, this);
                dark.removeListener(restyle);
            }
        });
    }

    private static void addStylesheet(Scene scene) {
        if (!scene.getStylesheets().contains(STYLESHEET)) {
            scene.getStylesheets().add(STYLESHEET);
        }
    }

    private void style(Scene scene) {
        Parent root = scene.getRoot();
        if (root == null) {
            return;
        }
        ObservableList<String> classes = root.getStyleClass();
        if (dark.get()) {
            if (!classes.contains(DARK_STYLE_CLASS)) {
                classes.add(DARK_STYLE_CLASS);
            }
        } else {
            classes.removeAll(DARK_STYLE_CLASS);
        }
    }
}
