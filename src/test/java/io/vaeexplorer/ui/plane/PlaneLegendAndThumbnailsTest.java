package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.PictureFiles;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.fx.ClassColors;
import io.vaeexplorer.ui.fx.ClassNames;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Folders of pictures on the plane, made here and opened as a person opens them: a hundred classes listed in the
 * legend (long names cut, whole in a tooltip; searchable; a class highlighted), the pictures drawn as thumbnails
 * at their codes, and a folder without classes in one colour with one legend entry. The codes are placed on a
 * grid, as an encoder's would land: the drawing, not a model, is under test.
 */
@ExtendWith(ApplicationExtension.class)
class PlaneLegendAndThumbnailsTest {

    private static final int CLASSES = 100;
    private static final int PER_CLASS = 3;
    private static final int SIDE = 28;

    @TempDir
    Path temp;

    private Stage stage;
    private AppViewModel model;
    private LatentPlaneView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings.json")));
        view = new LatentPlaneView(model.plane());
        BorderPane root = new BorderPane(view);
        PlaneSidePanel side = new PlaneSidePanel(model.plane(), view);
        side.setPrefWidth(280);
        root.setRight(side);
        stage.setScene(new Scene(root, 1100, 760));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @AfterEach
    void stop() {
        onFx(() -> {
            stage.close();
            model.close();
        });
    }

    /** Class {@code k}'s folder name: every other one longer than the legend shows whole. */
    private static String className(int k) {
        return k % 2 == 0 ? String.format(Locale.ROOT, "class %03d photographed on a rainy afternoon", k)
                : String.format(Locale.ROOT, "c%03d", k);
    }

    /** A saturated, dark colour for class k's square, so that it stands out on white even in grey. */
    private static Color shapeColour(int k) {
        return Color.getHSBColor(k / (float) CLASSES, 1f, 0.55f);
    }

    private Path hundredClasses() {
        Path folder = temp.resolve("hundred");
        for (int k = 0; k < CLASSES; k++) {
            for (int j = 0; j < PER_CLASS; j++) {
                PictureFiles.write(folder.resolve(className(k)).resolve("p" + j + ".png"),
                        PictureFiles.centredSquare(SIDE, SIDE, Color.WHITE, shapeColour(k), 16 + 4 * j));
            }
        }
        return folder;
    }

    /** Opens the folder and puts the test images' codes on a grid, four units apart. */
    private Dataset open(Path folder, int expectedClasses) {
        onFx(() -> model.openDataset(folder));
        waitUntil("the pictures are loaded", () -> model.workspace().datasetProperty().get() != null
                && model.plane().legendNames().size() == Math.max(1, expectedClasses));
        Dataset data = fx(() -> model.workspace().datasetProperty().get());
        LabeledImages test = data.test();
        int n = test.count();
        float[] mu = new float[2 * n];
        for (int i = 0; i < n; i++) {
            mu[2 * i] = 4 * (i % 6);
            mu[2 * i + 1] = 4 * (i / 6);
        }
        LatentPoints points = LatentPoints.of(n, 2, mu, new float[2 * n], test.labels(), 1);
        onFx(() -> {
            model.plane().showLatentFrame(new TrainingTimeline.Frame(0, points, null));
            model.plane().selectedZProperty().set(new float[] {-1000, -1000}); // the marker out of sight
        });
        waitUntil("the codes are drawn", () -> model.plane().latentPointsProperty().get() == points
                && !view.updatePending());
        return data;
    }

    private WritableImage snapshot() {
        return fx(() -> {
            view.redrawNow();
            return view.snapshot(null, null);
        });
    }

    private static boolean near(javafx.scene.paint.Color c, int argb, double tolerance) {
        return Math.abs(c.getRed() * 255 - ((argb >> 16) & 0xff)) <= tolerance
                && Math.abs(c.getGreen() * 255 - ((argb >> 8) & 0xff)) <= tolerance
                && Math.abs(c.getBlue() * 255 - (argb & 0xff)) <= tolerance;
    }

    /** The legend's cell showing a name, once it has been scrolled into view. */
    private ListCell<?> legendCell(FxRobot robot, String shown) {
        for (Node node : robot.lookup("#plane-legend-list .class-name-cell").queryAll()) {
            if (node instanceof ListCell<?> cell && shown.equals(cell.getText())) {
                return cell;
            }
        }
        return null;
    }

    @Test
    void aHundredClassesAreListedSearchableAndTheirPicturesDrawnAtTheirCodes(FxRobot robot) {
        Dataset data = open(hundredClasses(), CLASSES);
        assertEquals(CLASSES, data.classNames().size());
        PlaneLegend legend = fx(view::legend);
        ListView<String> list = fx(legend::list);
        assertTrue(fx(legend::isVisible), "the legend shows");
        assertEquals(CLASSES, fx(() -> list.getItems().size()), "every class is listed");
        assertEquals("100 classes", fx(() -> robot.lookup("#plane-legend-title")
                .queryAs(javafx.scene.control.Label.class).getText()));
        assertTrue(fx(() -> legend.getHeight() <= view.viewport().height()), "the legend stays inside the plot");

        // a long name far down the list: cut short, whole in its tooltip
        String far = className(88);
        onFx(() -> list.scrollTo(far));
        waitUntil("the 88th class is on screen", () -> legendCell(robot, ClassNames.shortened(far)) != null);
        ListCell<?> cell = fx(() -> legendCell(robot, ClassNames.shortened(far)));
        assertTrue(ClassNames.shortened(far).length() < far.length());
        assertNotNull(fx(cell::getTooltip), "a cut name has a tooltip");
        assertEquals(far, fx(() -> cell.getTooltip().getText()));
        Rectangle swatch = (Rectangle) fx(cell::getGraphic);
        assertEquals(ClassColors.color(data.classNames().indexOf(far)), fx(swatch::getFill), "the class's own colour");
        onFx(() -> list.scrollTo(className(89)));
        waitUntil("the 89th class is on screen", () -> legendCell(robot, className(89)) != null);
        ListCell<?> whole = fx(() -> legendCell(robot, className(89)));
        assertNotNull(whole, "short names are shown whole");
        assertEquals(null, fx(whole::getTooltip), "a whole name needs no tooltip");

        // the search field narrows the list; choosing a class highlights it; choosing it again ends that
        robot.clickOn("#plane-legend-search").write("c089");
        waitUntil("one class left", () -> list.getItems().size() == 1);
        robot.clickOn(fx(() -> legendCell(robot, "c089")));
        int label89 = data.classNames().indexOf("c089");
        waitUntil("class 89 highlighted", () -> model.plane().highlightedClassProperty().get() == label89);
        robot.clickOn(fx(() -> legendCell(robot, "c089")));
        waitUntil("the highlight ends", () -> model.plane().highlightedClassProperty().get() == -1);
        robot.doubleClickOn("#plane-legend-search").push(KeyCode.ESCAPE);
        waitUntil("all classes back", () -> list.getItems().size() == CLASSES);

        // thumbnails: on from the keyboard (Alt+I), drawn where the pictures are
        assertEquals(0, fx(view::thumbnailsDrawn));
        robot.press(KeyCode.ALT, KeyCode.I).release(KeyCode.I, KeyCode.ALT);
        assertTrue(fx(() -> model.plane().showThumbnailsProperty().get()), "Alt+I shows the thumbnails");
        assertTrue(fx(() -> robot.lookup("#thumbnails-toggle").queryAs(CheckBox.class).isSelected()));
        waitUntil("thumbnails drawn", () -> {
            view.redrawNow();
            return view.thumbnailsDrawn() > 0;
        });
        WritableImage image = snapshot();
        PixelReader reader = image.getPixelReader();
        ThumbnailAtlas atlas = fx(() -> model.plane().thumbnailAtlasProperty().get());
        int drawn = fx(view::thumbnailsDrawn);
        assertTrue(drawn >= 10, "most of the " + data.test().count() + " far-apart pictures show: " + drawn);
        Bounds legendBounds = fx(legend::getBoundsInParent);
        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < drawn; k++) {
            int index = k;
            int[] box = fx(() -> view.thumbnailBox(index));
            if (legendBounds.intersects(box[1], box[2], box[3], box[3])) {
                continue; // under the legend
            }
            int centre = box[3] / 2;
            javafx.scene.paint.Color seen = reader.getColor(box[1] + centre, box[2] + centre);
            int expected = atlas.pixel(box[0], atlas.tileWidth() / 2, atlas.tileHeight() / 2);
            if (!near(seen, expected, 3) || near(seen, 0xffffffff, 40)) {
                wrong.add("image " + box[0] + ": " + seen + " instead of " + Integer.toHexString(expected));
            }
            javafx.scene.paint.Color frame = reader.getColor(box[1], box[2] + centre);
            if (!near(frame, ClassColors.argb(data.test().label(box[0])), 3)) {
                wrong.add("image " + box[0] + " framed in " + frame);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("; ", wrong));
    }

    @Test
    void aFolderWithoutClassesIsDrawnInOneColourWithOneLegendEntry(FxRobot robot) {
        Path folder = temp.resolve("unlabelled");
        for (int j = 0; j < 40; j++) {
            PictureFiles.write(folder.resolve("p" + j + ".png"),
                    PictureFiles.centredSquare(SIDE, SIDE, Color.WHITE, shapeColour(j), 8 + j % 16));
        }
        Dataset data = open(folder, 0);
        assertFalse(data.labelled());
        ListView<String> list = fx(() -> view.legend().list());
        assertEquals(List.of(PlaneViewModel.ALL_IMAGES), fx(() -> List.copyOf(list.getItems())));
        assertEquals("Legend", fx(() -> robot.lookup("#plane-legend-title")
                .queryAs(javafx.scene.control.Label.class).getText()));
        assertFalse(fx(() -> robot.lookup("#plane-legend-search").queryAs(TextField.class).isVisible()),
                "nothing to search");
        ListCell<?> only = fx(() -> legendCell(robot, PlaneViewModel.ALL_IMAGES));
        assertEquals(ClassColors.color(0), fx(() -> ((Rectangle) only.getGraphic()).getFill()));

        // every code in the one colour
        WritableImage image = snapshot();
        LatentPoints points = fx(() -> model.plane().latentPointsProperty().get());
        for (int i = 0; i < points.count(); i++) {
            int index = i;
            double[] at = fx(() -> view.toCanvas(points.xy()[2 * index], points.xy()[2 * index + 1]));
            PlaneViewport v = fx(view::viewport);
            if (v.contains(at[0], at[1]) && at[0] < v.left() + v.width() - 200) {
                assertTrue(near(image.getPixelReader().getColor((int) at[0], (int) at[1]), ClassColors.argb(0), 2),
                        "code " + i + " is not in the one colour");
            }
        }
    }
}
