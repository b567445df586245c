package io.vaeexplorer.ui;

import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.PictureFiles;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a folder of pictures in the window: the progress of the decode, the status line, a cancel. */
class AppViewModelDataLoadTest {

    @TempDir
    Path temp;

    private AppViewModel model;
    private final List<Double> progress = new CopyOnWriteArrayList<>();
    private final List<Boolean> loading = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        model = ExperimentFixture.explorerOnFx(temp);
        onFx(() -> {
            progress.add(model.dataProgressProperty().get());
            model.dataProgressProperty().addListener((obs, was, now) -> progress.add(now.doubleValue()));
            loading.add(model.dataLoadingProperty().get());
            model.dataLoadingProperty().addListener((obs, was, now) -> loading.add(now));
        });
    }

    @AfterEach
    void stop() {
        onFx(model::close);
    }

    /** Twelve 20x20 pictures in the class folders "cold" and "warm", and one file that is no picture. */
    private Path shapes() {
        Path dir = temp.resolve("shapes");
        for (int i = 0; i < 6; i++) {
            PictureFiles.write(dir.resolve("warm/w" + i + ".png"),
                    PictureFiles.centredSquare(20, 20, Color.BLACK, new Color(230, 40 * i, 20), 6 + i));
            PictureFiles.write(dir.resolve("cold/c" + i + ".png"),
                    PictureFiles.centredSquare(20, 20, Color.BLACK, new Color(20, 40 * i, 230), 6 + i));
        }
        PictureFiles.writeBytes(dir.resolve("cold/broken.png"), "no picture".getBytes());
        return dir;
    }

    @Test
    void progressRisesFromZeroToOneAndTheStatusLineDescribesTheSet() {
        Path dir = shapes();
        onFx(() -> model.openDataset(dir));
        waitUntil("the set is open", () -> !model.dataLoadingProperty().get());

        assertEquals(0.0, progress.get(0));
        assertEquals(1.0, progress.get(progress.size() - 1), "progress: " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never falls: " + progress);
        }
        assertEquals(List.of(false, true, false), loading);
        assertEquals("", fx(() -> model.errorProperty().get()));
        String status = fx(() -> model.statusProperty().get());
        Matcher line = Pattern.compile("data: shapes \\(20x20, 3 channels, 2 classes, 11 training and 1 test images\\);"
                + " skipped 1 of 13 files \\(see (.+)\\)").matcher(status);
        assertTrue(line.matches(), status);
        assertTrue(Path.of(line.group(1)).toFile().isFile(), "the log of skipped files is where the line says");
        Dataset open = fx(() -> model.workspace().datasetProperty().get());
        assertEquals(11, open.train().count());
    }

    @Test
    void aCancelledLoadLeavesNoSetAndSaysSo() {
        Path dir = shapes();
        onFx(() -> {
            model.openDataset(dir);
            model.cancelDataLoad();
        });
        waitUntil("the load has stopped", () -> !model.dataLoadingProperty().get());
        assertEquals(List.of(false, true, false), loading);
        assertNull(fx(() -> model.workspace().datasetProperty().get()));
        assertEquals("loading " + dir + " cancelled", fx(() -> model.statusProperty().get()));
        assertEquals("", fx(() -> model.errorProperty().get()), "a cancel is no error");

        onFx(() -> model.openDataset(dir));
        waitUntil("the set is open", () -> !model.dataLoadingProperty().get());
        assertEquals(11, fx(() -> model.workspace().datasetProperty().get()).train().count());
    }
}
