package io.vaeexplorer.ui;

import static io.vaeexplorer.data.PictureFiles.chroma;
import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.onFx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.PictureFiles;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.experiments.ExperimentsViewModel;
import io.vaeexplorer.ui.plane.LatentPlaneView;
import io.vaeexplorer.ui.plane.LatentPoints;
import io.vaeexplorer.ui.plane.TimelineAnimation;
import io.vaeexplorer.ui.plane.TrainingTimeline;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window opened on a folder of colour pictures, with a colour model trained there: what it decodes, previews,
 * lays out and exports is in colour, and the legend names the class folders.
 */
@ExtendWith(ApplicationExtension.class)
class ColourWindowTest {

    @TempDir
    static Path temp;

    /** Colour a pixel must have (largest channel minus smallest) to count as clearly not grey. */
    private static final int COLOURFUL = 60;

    private AppViewModel model;

    @Start
    void start(Stage stage) {
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(temp.resolve("settings-" + System.nanoTime() + ".json")));
        stage.setScene(ExplorerApp.scene(ExplorerApp.buildRoot(model), 1280, 860));
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get();
    }

    /** Two class folders of 16 x 16 pictures on black: a pure red square, or a pure blue one, shifted a little. */
    private static Path redAndBlueSquares() {
        Path root = temp.resolve("squares");
        for (int i = 0; i < 30; i++) {
            for (String name : List.of("red", "blue")) {
                BufferedImage square = PictureFiles.centredSquare(16, 16, Color.BLACK,
                        name.equals("red") ? Color.RED : Color.BLUE, 6 + i % 4);
                PictureFiles.write(root.resolve(name).resolve(i + ".png"), square);
            }
        }
        return root;
    }

    private static int mostColourful(PixelReader reader, int width, int height) {
        int most = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                most = Math.max(most, chroma(reader.getArgb(x, y)));
            }
        }
        return most;
    }

    private static int mostColourful(Image image) {
        return mostColourful(image.getPixelReader(), (int) image.getWidth(), (int) image.getHeight());
    }

    private static int mostColourful(Raster raster) {
        int most = 0;
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < raster.width(); x++) {
                most = Math.max(most, chroma(raster.rgb(x, y)));
            }
        }
        return most;
    }

    /** Waits for a raster and checks it is a colour one with clear colour in it. */
    private static void assertColourful(String what, Callable<Raster> read) {
        waitUntil(what + " is decoded", () -> read.call() != null);
        Raster raster = fx(read);
        assertTrue(raster.isColour(), what + " is a colour raster");
        assertTrue(mostColourful(raster) > COLOURFUL, what + " has colour in it");
    }

    private static void awaitFile(Path file) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(file));
    }

    @Test
    void aColourModelOnColourPicturesShowsAndExportsColour(FxRobot robot) throws Exception {
        onFx(() -> model.openDataset(redAndBlueSquares()));
        ExperimentFixture.awaitDataset(model);
        Dataset data = fx(() -> model.workspace().datasetProperty().get());
        assertEquals(3, data.channels(), "colour pictures open in colour");
        assertEquals(List.of("blue", "red"), fx(() -> List.copyOf(model.plane().classNames())),
                "the legend names the class folders");

        // a colour MLP trained here, in the window
        robot.interact(() -> model.settingsProperty().set(new TrainingSettings(ModelKind.MLP, 2, "64", Likelihood.BCE,
                1f, Objective.ELBO, 3e-3f, 8, 12, 1, 0, "")));
        robot.clickOn("#start-button");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> model.training().trainingStateProperty().get()
                .isFinal() && model.training().runStepsProperty().get() == null));
        assertEquals(TrainingState.FINISHED, fx(() -> model.training().trainingStateProperty().get()),
                fx(() -> model.errorProperty().get()));
        assertEquals(3, fx(() -> model.workspace().configProperty().get().channels()));
        waitUntil("the final weights' codes are on the plane", () -> {
            LatentPoints points = model.plane().latentPointsProperty().get();
            return points != null && points.snapshotVersion() == model.workspace().snapshotProperty().get().version();
        });

        // the decoded image beside the plane, as the screen shows it
        assertColourful("the decoded image", () -> model.plane().decodedImageProperty().get());
        Canvas decoded = robot.lookup("#decoded-image").queryAs(Canvas.class);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage onScreen = fx(() -> decoded.snapshot(null, null));
        assertTrue(mostColourful(onScreen) > COLOURFUL, "the decoded image on screen has colour");

        // the hover preview shows the test picture itself, in its own pure colour
        LatentPlaneView plane = (LatentPlaneView) robot.lookup("#latent-plane").queryAs(Canvas.class).getParent();
        LatentPoints points = fx(() -> model.plane().latentPointsProperty().get());
        double[] at = fx(() -> plane.toCanvas(points.xy()[0], points.xy()[1]));
        Point2D screen = fx(() -> plane.canvas().localToScreen(at[0], at[1]));
        robot.moveTo(screen);
        waitUntil("the hover preview shows", () -> robot.lookup("#plane-preview").query().isVisible());
        Image preview = fx(() -> robot.lookup("#plane-preview-image").queryAs(ImageView.class).getImage());
        int pure = 0;
        for (int y = 0; y < preview.getHeight(); y++) {
            for (int x = 0; x < preview.getWidth(); x++) {
                int rgb = preview.getPixelReader().getArgb(x, y) & 0xFFFFFF;
                pure += rgb == 0xFF0000 || rgb == 0x0000FF ? 1 : 0;
            }
        }
        assertTrue(pure >= 36, "the preview's square is pure red or blue: " + pure + " pixels");

        // the manifold behind the points
        onFx(() -> model.plane().showManifoldProperty().set(true));
        assertColourful("the manifold", () -> model.plane().manifoldProperty().get() == null ? null
                : model.plane().manifoldProperty().get().raster());

        // every experiment tab's picture
        robot.clickOn("Samples");
        ExperimentsViewModel experiments = model.experiments();
        assertColourful("the prior samples", () -> experiments.samples().priorSamplesProperty().get());
        assertColourful("the mixture's samples", () -> experiments.samples().mixtureSamplesProperty().get());
        assertColourful("the variants", () -> experiments.samples().variantsProperty().get());
        assertColourful("the reconstructions", () -> experiments.reconstructions().reconstructionsProperty().get());
        assertColourful("the epsilon sweep", () -> experiments.sweep().gridProperty().get());
        assertColourful("the interpolation strip", () -> experiments.interpolation().stripProperty().get());
        assertColourful("the interpolated image", () -> experiments.interpolation().interpolatedImageProperty().get());

        // the timeline kept the run's reconstructions in colour
        List<TrainingTimeline.Frame> frames = fx(() -> List.copyOf(model.plane().timeline().frames()));
        assertTrue(frames.get(frames.size() - 1).reconstructions().isColour());

        // exports: the decoded image and the sweep as RGB PNGs, the interpolation and the timeline as colour GIFs
        Path decodedPng = temp.resolve("decoded.png");
        onFx(() -> model.plane().exportDecodedPng(decodedPng));
        awaitFile(decodedPng);
        BufferedImage png = ImageIO.read(decodedPng.toFile());
        assertEquals(3, png.getColorModel().getNumComponents(), "an RGB PNG");
        assertEquals(16 * 4, png.getWidth());
        assertTrue(PictureFiles.mostColourful(png, 0) > COLOURFUL);

        Path sweepPng = temp.resolve("sweep.png");
        onFx(() -> experiments.sweep().exportPng(sweepPng));
        awaitFile(sweepPng);
        assertTrue(PictureFiles.mostColourful(ImageIO.read(sweepPng.toFile()), 0) > COLOURFUL);

        Path interpolationGif = temp.resolve("interpolation.gif");
        onFx(() -> experiments.interpolation().exportGif(interpolationGif));
        awaitFile(interpolationGif);
        assertTrue(PictureFiles.mostColourful(lastFrame(interpolationGif), 0) > COLOURFUL);

        Path timelineGif = temp.resolve("timeline.gif");
        onFx(() -> model.plane().exportTimelineGif(timelineGif));
        awaitFile(timelineGif);
        // below the scatter (whose class colours would pass anyway) and the step line: the reconstructions
        assertTrue(PictureFiles.mostColourful(lastFrame(timelineGif), TimelineAnimation.SCATTER + 24) > COLOURFUL,
                "the timeline's reconstructions are in colour");
    }

    private static BufferedImage lastFrame(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.read(reader.getNumImages(true) - 1);
        } finally {
            reader.dispose();
        }
    }
}
