package io.vaeexplorer.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Choosing menu items by mouse as a person does, each click waiting for the popup it needs to be on screen. */
final class MenuClicks {

    private MenuClicks() {
    }

    /**
     * Opens the submenu's parent menu, points at the submenu and then clicks the item of that id in it: sideways
     * onto the submenu's first item first, as a path across the parent's other items would close the submenu on the
     * way. Pointing opens a submenu; a click on it as well may close it again, depending on whether the pointer's
     * arrival has opened it yet, so the submenu is opened directly once the pointer is on it.
     */
    static void chooseInSubmenu(FxRobot robot, Menu submenu, String itemId) {
        Platform.runLater(() -> submenu.getParentMenu().show());
        robot.moveTo(shown(robot, "#" + submenu.getId()));
        Platform.runLater(submenu::show);
        robot.moveTo(shown(robot, "#" + submenu.getItems().get(0).getId()));
        robot.clickOn(shown(robot, "#" + itemId));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The node of that query in a window showing now (a menu's popup keeps its items' nodes once closed), waiting
     * for the popup to show: a busy machine shows it some pulses after the click that opens it.
     */
    static Node shown(FxRobot robot, String query) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> robot.lookup(query).match(MenuClicks::inShowingWindow).tryQuery().isPresent());
        } catch (TimeoutException e) {
            throw new AssertionError(query + " is not on screen", e);
        }
        return robot.lookup(query).match(MenuClicks::inShowingWindow).query();
    }

    private static boolean inShowingWindow(Node node) {
        return node.getScene() != null && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing();
    }
}
