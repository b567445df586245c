package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.fx.ProportionalSplitPane;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.plane.TrainingTimeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The whole window at the sizes of small screens (1024 x 700, a 1280 x 720 laptop) and at the default size:
 * every key control lies inside the window or inside a scroll pane that can bring it into view, no name is cut
 * short, and the split dividers come back after the window shrinks and grows again.
 */
@ExtendWith(ApplicationExtension.class)
class ExplorerLayoutTest {

    /** Controls a person must be able to reach, by CSS selector. */
    private static final List<String> KEY_CONTROLS = List.of("#start-button", "#decoded-title", "#timeline-slider",
            "#timeline-live", "#timeline-label", "#timeline-gif", "#timeline-png", "#sketch-clear", "#sketch-as-a",
            "#sketch-as-b", "#sketch-preview", "#sketch-pad");

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
        onFx(model::close);
    }

    @Test
    void atTheSizeOfA1024By700ScreenEveryKeyControlCanBeReachedAndNoNameIsCutShort() {
        showWindow(1024, 700, true);
        assertReachableAndWhole();
    }

    @Test
    void atTheSizeOfA1280By720LaptopScreenEveryKeyControlCanBeReachedAndNoNameIsCutShort() {
        showWindow(1280, 720, true);
        assertReachableAndWhole();
    }

    @Test
    void theSettingsColumnKeepsAMarginSoItsLabelsAreNotCutAtTheEdge() {
        showWindow(1280, 720, false);
        ScrollPane settings = fx(() -> (ScrollPane) stage.getScene().lookup("#settings-scroll"));
        Label epoch = fx(() -> (Label) settings.lookupAll(".label").stream()
                .filter(n -> "epoch".equals(((Label) n).getText())).findFirst().orElseThrow());
        double inset = fx(() -> epoch.localToScene(epoch.getLayoutBounds()).getMinX()
                - settings.localToScene(settings.getLayoutBounds()).getMinX());
        assertTrue(inset >= 4, "the epoch label starts " + inset + " px from the column's edge");
    }

    @Test
    void afterTheWindowShrinksAndGrowsBackTheLossChartAndTheDecodedImageGetTheirRoomBack() {
        showWindow(1400, 900, false);
        Map<String, ProportionalSplitPane> splits = fx(() -> ExplorerApp.rememberedSplits(stage.getScene().getRoot()));
        SplitPane centre = splits.get(ExplorerApp.CENTRE_SPLIT);
        SplitPane plane = splits.get(ExplorerApp.PLANE_SPLIT);
        double chartHeight = fx(() -> ((Region) centre.getItems().get(1)).getHeight());
        double sideWidth = fx(() -> ((Region) plane.getItems().get(1)).getWidth());
        double[] centrePositions = fx(centre::getDividerPositions);
        double[] planePositions = fx(plane::getDividerPositions);

        resize(1024, 700);
        resize(900, 600);
        resize(1400, 900);

        assertEquals(chartHeight, fx(() -> ((Region) centre.getItems().get(1)).getHeight()), 2, "the tabs' height");
        assertEquals(sideWidth, fx(() -> ((Region) plane.getItems().get(1)).getWidth()), 2, "the side's width");
        assertEquals(centrePositions[0], fx(centre::getDividerPositions)[0], 0.005);
        assertEquals(planePositions[0], fx(plane::getDividerPositions)[0], 0.005);
    }

    /**
     * Builds the whole window at that size, as after a run started: the timeline holds a few moments. The loss
     * chart's tab is selected, or the draw tab.
     */
    private void showWindow(double width, double height, boolean drawTab) {
        onFx(() -> {
            stage.setScene(ExplorerApp.scene(ExplorerApp.buildRoot(model), width, height));
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            Raster strip = Raster.grey(8 * 29 + 1, 30, new byte[(8 * 29 + 1) * 30]);
            for (int i = 0; i < 3; i++) {
                LatentPoints points = LatentPoints.of(1, 2, new float[] {0.5f, -0.5f}, new float[] {1, 1},
                        new byte[] {3}, i + 1);
                model.plane().timeline().add(new TrainingTimeline.Frame(1186L * i, points, strip));
            }
            // the draw tab shows its pad and buttons only while selected
            TabPane experiments = (TabPane) stage.getScene().lookup("#experiments");
            experiments.getSelectionModel().select(experiments.getTabs().stream()
                    .filter(t -> t.getText().equals(drawTab ? "Draw" : "Loss")).findFirst().orElseThrow());
        });
        settle();
        assertEquals(width, fx(() -> stage.getScene().getWidth()), 0.5);
        assertEquals(height, fx(() -> stage.getScene().getHeight()), 0.5);
    }

    private void resize(double width, double height) {
        onFx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        settle();
    }

    /** Lays the window out until it holds still (a canvas fitted to its column asks for one more pass). */
    private void settle() {
        for (int i = 0; i < 3; i++) {
            onFx(() -> {
                Parent root = stage.getScene().getRoot();
                root.applyCss();
                root.layout();
            });
        }
    }

    private void assertReachableAndWhole() {
        List<String> problems = fx(() -> {
            List<String> found = new ArrayList<>();
            Scene scene = stage.getScene();
            for (String selector : KEY_CONTROLS) {
                Node node = scene.lookup(selector);
                assertNotNull(node, selector);
                String why = unreachable(node, scene);
                if (why != null) {
                    found.add(selector + ": " + why);
                }
            }
            for (Node node : scene.getRoot().lookupAll("*")) {
                if (node instanceof Labeled labeled && (node instanceof Label || node instanceof ButtonBase)
                        && shown(node) && !isStatusMessage(node)) {
                    String rendered = renderedText(labeled);
                    if (rendered != null && !rendered.equals(shownName(labeled))) {
                        found.add("\"" + labeled.getText() + "\" shows as \"" + rendered + "\"");
                    }
                }
            }
            return found;
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Null when the node lies inside every parent up to the window, or inside a scroll pane that is itself
     * reachable; else what cuts it off.
     */
    private static String unreachable(Node node, Scene scene) {
        if (!shown(node)) {
            return "not shown";
        }
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        if (bounds.getWidth() <= 0 || bounds.getHeight() <= 0) {
            return "no size";
        }
        Node child = node;
        Parent parent = node.getParent();
        while (parent != null) {
            ScrollPane scroll = scrollPaneShowing(child);
            if (scroll != null) {
                // scrolling brings any part of the content into view, once the scroll pane itself is in view
                Bounds viewport = scroll.getViewportBounds();
                if (viewport.getWidth() < 20 || viewport.getHeight() < 20) {
                    return "its scroll pane " + scroll.getId() + " is too small to show anything";
                }
                bounds = scroll.localToScene(scroll.getLayoutBounds());
                child = scroll;
                parent = scroll.getParent();
                continue;
            }
            if (!contains(parent.localToScene(parent.getLayoutBounds()), bounds)) {
                return "cut off by " + parent.getClass().getName() + " " + parent.getId();
            }
            child = parent;
            parent = parent.getParent();
        }
        return contains(new BoundingBox(0, 0, scene.getWidth(), scene.getHeight()), bounds) ? null
                : "outside the window";
    }

    /** The scroll pane whose content the node is, or null. */
    private static ScrollPane scrollPaneShowing(Node content) {
        for (Parent p = content.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane scroll && scroll.getContent() == content) {
                return scroll;
            }
        }
        return null;
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        double slack = 0.5;
        return inner.getMinX() >= outer.getMinX() - slack && inner.getMinY() >= outer.getMinY() - slack
                && inner.getMaxX() <= outer.getMaxX() + slack && inner.getMaxY() <= outer.getMaxY() + slack;
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The status line's message may give way to the right-hand items (paths are long); its tooltip has it all. */
    private static boolean isStatusMessage(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if ("status-bar".equals(n.getId())) {
                return node.getId() == null;
            }
        }
        return false;
    }

    /** The text the skin draws: the label's text, or a shortened one ending in an ellipsis. */
    /** The text as a person reads it: without the underscore that marks a mnemonic. */
    private static String shownName(Labeled labeled) {
        String text = labeled.getText();
        int mark = text == null || !labeled.isMnemonicParsing() ? -1 : text.indexOf('_');
        return mark < 0 || mark == text.length() - 1 ? text : text.substring(0, mark) + text.substring(mark + 1);
    }

    private static String renderedText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text) {
                return text.getText();
            }
        }
        return null;
    }
}
