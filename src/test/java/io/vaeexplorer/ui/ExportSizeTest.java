package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ClassColors;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.plane.PlaneExportBar;
import io.vaeexplorer.ui.plane.PlaneViewModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File › Export size on the whole window with the shipped model: the plane and the decoded image exported once at
 * 1x and once at 2x, the 2x files twice as wide and high, the decoded image's pixels each a 2 x 2 block.
 */
@ExtendWith(ApplicationExtension.class)
class ExportSizeTest {

    @TempDir
    static Path temp;

    private Stage stage;
    private AppViewModel model;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = ExperimentFixture.wholeWindow(stage, temp, 1280, 860);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get();
    }

    @Test
    void atTwoTimesThePlaneIsTwiceAsLargeAndTheDecodedImageEnlargedPixelForPixel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            LatentPoints now = model.plane().latentPointsProperty().get();
            return now != null && now.count() == 10_000 && model.plane().decodedImageProperty().get() != null;
        });
        Raster decoded = fx(() -> model.plane().decodedImageProperty().get());
        PlaneExportBar exports = (PlaneExportBar) robot.lookup("#export-codes-csv").query().getParent().getParent();
        RadioMenuItem once = (RadioMenuItem) fx(() -> menuItem("export-1x-item"));
        RadioMenuItem twice = (RadioMenuItem) fx(() -> menuItem("export-2x-item"));
        assertTrue(fx(once::isSelected), "1x until chosen otherwise");

        BufferedImage plane1 = export(exports::exportPlanePng, "plane-1x.png");
        BufferedImage decoded1 = export(model.plane()::exportDecodedPng, "decoded-1x.png");
        onFx(() -> twice.setSelected(true)); // what a click on it in the open menu does
        assertEquals(2, fx(() -> model.exportSize().scale()));
        BufferedImage plane2 = export(exports::exportPlanePng, "plane-2x.png");
        BufferedImage decoded2 = export(model.plane()::exportDecodedPng, "decoded-2x.png");
        assertEquals(decoded, fx(() -> model.plane().decodedImageProperty().get()), "the same decode both times");

        assertEquals(2 * plane1.getWidth(), plane2.getWidth());
        assertEquals(2 * plane1.getHeight(), plane2.getHeight());
        assertTrue(mixedBlocks(plane2) > 0, "the plane is drawn again at 2x, not its 1x pixels enlarged");
        // the points' squares grow as squares: four times the pixels of the class colours (a blurred square keeps
        // its colour only in its middle, less than half of that)
        long points1 = classColourPixels(plane1);
        long points2 = classColourPixels(plane2);
        assertTrue(points1 > 1000 && points2 > 3.5 * points1, points1 + " at 1x, " + points2 + " at 2x");

        assertEquals(PlaneViewModel.DECODED_EXPORT_SCALE * decoded.width(), decoded1.getWidth());
        assertEquals(2 * decoded1.getWidth(), decoded2.getWidth());
        assertEquals(2 * decoded1.getHeight(), decoded2.getHeight());
        // the files' own grey levels (getRGB would pass them through a colour conversion)
        for (int y = 0; y < decoded2.getHeight(); y++) {
            for (int x = 0; x < decoded2.getWidth(); x++) {
                int at1 = decoded1.getRaster().getSample(x / 2, y / 2, 0);
                int enlarged = 2 * PlaneViewModel.DECODED_EXPORT_SCALE;
                assertEquals(decoded.get(x / enlarged, y / enlarged), at1, "the decode enlarged at 1x");
                if (decoded2.getRaster().getSample(x, y, 0) != at1) {
                    throw new AssertionError("decoded at 2x: (" + x + ", " + y + ") is not the 1x pixel");
                }
            }
        }

        onFx(() -> once.setSelected(true));
        assertFalse(fx(() -> model.exportSize().doubledProperty().get()));
        assertEquals(plane1.getWidth(), export(exports::exportPlanePng, "plane-1x-again.png").getWidth());
    }

    /** Exports through the window on the FX thread and reads the file once the status line names it. */
    private BufferedImage export(Consumer<Path> export, String name) throws IOException {
        Path file = temp.resolve(name);
        onFx(() -> export.accept(file));
        waitUntil("the export of " + name, () -> model.statusProperty().get().equals("saved " + file));
        return ImageIO.read(file.toFile());
    }

    /** How many 2 x 2 blocks (on even coordinates) hold more than one colour: none in a picture merely enlarged. */
    private static int mixedBlocks(BufferedImage image) {
        int blocks = 0;
        for (int y = 0; y + 1 < image.getHeight(); y += 2) {
            for (int x = 0; x + 1 < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                if (image.getRGB(x + 1, y) != rgb || image.getRGB(x, y + 1) != rgb || image.getRGB(x + 1, y + 1) != rgb) {
                    blocks++;
                }
            }
        }
        return blocks;
    }

    /** Pixels of exactly one of the ten classes' colours. */
    private static long classColourPixels(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int label = 0; label < 10; label++) {
            colours.add(ClassColors.argb(label));
        }
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (colours.contains(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    private MenuItem menuItem(String id) {
        ExplorerMenuBar menus = (ExplorerMenuBar) stage.getScene().lookup("#menu-bar");
        return menus.getMenus().stream().flatMap(m -> m.getItems().stream())
                .flatMap(i -> i instanceof Menu sub ? sub.getItems().stream() : Stream.of(i))
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow(() -> new AssertionError("no item " + id));
    }
}
