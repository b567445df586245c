package io.vaeexplorer.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Choosing menu items by mouse as a person does, each click waiting for the popup it needs to be on screen. */
final class MenuClicks {

    private MenuClicks() {
    }

    /**
     * Opens the submenu's parent menu, points at the submenu and then clicks the item of that id in it. The pointer
     * starts on the parent's button in the menu bar: on its way there from elsewhere it could cross another menu's
     * button, and a menu bar with a menu open switches to the menu under the pointer. It goes sideways onto the
     * submenu's first item, as a path across the parent's other items would close the submenu. Pointing opens a
     * submenu, and a click on one the pointer has opened already would close it again, so the submenu is opened
     * directly once the pointer is on it.
     */
    static void chooseInSubmenu(FxRobot robot, Menu submenu, String itemId) {
        Menu parent = submenu.getParentMenu();
        robot.moveTo(shown(robot, parent));
        Platform.runLater(parent::show);
        robot.moveTo(shown(robot, "#" + submenu.getId()));
        Platform.runLater(submenu::show);
        robot.moveTo(shown(robot, "#" + submenu.getItems().get(0).getId()));
        robot.clickOn(shown(robot, "#" + itemId));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the item's menu, its pointer coming from the menu's button as above, and clicks the item. */
    static void chooseInMenu(FxRobot robot, MenuItem item) {
        Menu parent = item.getParentMenu();
        robot.moveTo(shown(robot, parent));
        Platform.runLater(parent::show);
        robot.clickOn(shown(robot, "#" + item.getId()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The menu bar's button of that menu (it shows the menu's text). */
    private static Node shown(FxRobot robot, Menu menu) {
        return robot.lookup((Node n) -> n instanceof Labeled label && menu.getText().equals(label.getText())
                && inShowingWindow(n)).query();
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
            String windows = javafx.stage.Window.getWindows().stream()
                    .map(w -> w.getClass().getSimpleName() + "@" + w.getX() + "," + w.getY() + " " + w.getWidth() + "x"
                            + w.getHeight() + (w.isShowing() ? " showing" : ""))
                    .toList().toString();
            throw new AssertionError(query + " is not on screen"
                    + "; windows " + windows + "; found " + robot.lookup(query).queryAll().size(), e);
        }
        return robot.lookup(query).match(MenuClicks::inShowingWindow).query();
    }

    private static boolean inShowingWindow(Node node) {
        return node.getScene() != null && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing();
    }
}
