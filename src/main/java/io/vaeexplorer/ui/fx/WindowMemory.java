package io.vaeexplorer.ui.fx;

import io.vaeexplorer.core.WindowState;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.event.EventHandler;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts the explorer window back as a {@link WindowState} describes it (fitted to the screens there are now) and
 * reads its state back when it closes. It follows the window's size and place while the window is a normal one,
 * so a window closed maximised comes back maximised and, once restored, at the size it had before.
 */
public final class WindowMemory {

    private final Stage stage;
    private final Map<String, ProportionalSplitPane> splits;
    private final Map<String, BooleanProperty> switches;
    private WindowState.Bounds normal;
    private boolean followScheduled;

    /**
     * @param splits the split panes whose dividers are remembered, by a name that stays the same across versions
     */
    public WindowMemory(Stage stage, Map<String, ProportionalSplitPane> splits) {
        this(stage, splits, Map.of());
    }

    /**
     * @param splits the split panes whose dividers are remembered, by a name that stays the same across versions
     * @param switches the on/off options remembered, by such a name
     */
    public WindowMemory(Stage stage, Map<String, ProportionalSplitPane> splits, Map<String, BooleanProperty> switches) {
        this.stage = stage;
        this.splits = new LinkedHashMap<>(splits);
        this.switches = new LinkedHashMap<>(switches);
        stage.xProperty().addListener((obs, was, now) -> followLater());
        stage.yProperty().addListener((obs, was, now) -> followLater());
        stage.widthProperty().addListener((obs, was, now) -> followLater());
        stage.heightProperty().addListener((obs, was, now) -> followLater());
    }

    /**
     * Reads the bounds once the window system's events of the moment are all in: maximising may move and resize
     * the window before it reports itself maximised, and those bounds must not become the normal ones.
     */
    private void followLater() {
        if (!followScheduled) {
            followScheduled = true;
            Platform.runLater(() -> {
                followScheduled = false;
                follow();
            });
        }
    }

    /**
     * Sizes and places the window, sets its minimum size, maximises it if it was, moves the dividers where they
     * were, turns the switches as they were, and hands the last dialog folder to {@link FileDialogs}. Call before
     * the window is shown.
     *
     * @param primary the primary screen's usable area
     * @param screens every screen's usable area
     */
    public void restore(WindowState state, Rectangle2D primary, List<Rectangle2D> screens) {
        Dimension2D minimum = WindowPlacement.minimumSize(primary);
        stage.setMinWidth(minimum.getWidth());
        stage.setMinHeight(minimum.getHeight());
        Rectangle2D bounds = WindowPlacement.bounds(state.bounds(), primary, screens);
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());
        stage.setHeight(bounds.getHeight());
        normal = new WindowState.Bounds(bounds.getMinX(), bounds.getMinY(), bounds.getWidth(), bounds.getHeight());
        stage.setMaximized(state.maximized());
        placeDividers(state);
        // again once shown: the first layout may have pushed them aside for parts' minimum sizes
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                placeDividers(state);
            }
        });
        FileDialogs.setLastFolder(folder(state.lastFolder()));
        state.switches().forEach((name, on) -> {
            BooleanProperty option = switches.get(name);
            if (option != null) {
                option.set(on);
            }
        });
    }

    private void placeDividers(WindowState state) {
        splits.forEach((name, split) -> {
            List<Double> positions = state.dividers().get(name);
            if (positions != null && positions.size() == split.getDividers().size()) {
                split.place(positions.stream().mapToDouble(Double::doubleValue).toArray());
            }
        });
    }

    /** The window as it is now, to be kept for the next launch. */
    public WindowState capture() {
        follow();
        Map<String, List<Double>> dividers = new LinkedHashMap<>();
        // the chosen positions: a window closed small may show the dividers pushed aside for now
        splits.forEach((name, split) -> dividers.put(name,
                Arrays.stream(split.chosen()).boxed().toList()));
        Path folder = FileDialogs.lastFolder();
        Map<String, Boolean> on = new LinkedHashMap<>();
        switches.forEach((name, option) -> on.put(name, option.get()));
        return new WindowState(normal, stage.isMaximized(), dividers, folder == null ? null : folder.toString(), on);
    }

    private void follow() {
        if (stage.isMaximized() || stage.isIconified() || stage.isFullScreen() || !(stage.getWidth() > 0)
                || !(stage.getHeight() > 0)) {
            return;
        }
        normal = new WindowState.Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    }

    private static Path folder(String remembered) {
        try {
            return remembered == null ? null : Path.of(remembered);
        } catch (InvalidPathException e) {
            return null; // a name this system cannot have: the dialogs start at home
        }
    }
}
