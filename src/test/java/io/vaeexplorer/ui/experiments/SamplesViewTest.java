package io.vaeexplorer.ui.experiments;

import static io.vaeexplorer.ui.ExperimentFixture.awaitNewRaster;
import static io.vaeexplorer.ui.ExperimentFixture.fx;
import static io.vaeexplorer.ui.ExperimentFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.fx.RasterView;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

@ExtendWith(ApplicationExtension.class)
class SamplesViewTest {

    private static WeightSnapshot weights;
    private static Dataset mnist;

    private ExperimentTestbed bed;
    private SamplesViewModel samples;

    @BeforeAll
    static void untrainedModelAndData() {
        weights = ExperimentFixture.untrainedWeights(1, 1);
        mnist = SmallMnist.slice(500, 1000);
    }

    @Start
    void start(Stage stage) {
        bed = new ExperimentTestbed(Platform::runLater).open(mnist, weights);
        ExperimentsViewModel experiments = bed.experiments();
        samples = experiments.samples();
        stage.setScene(new Scene(new ExperimentsPane(experiments), 1200, 760));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @BeforeEach
    void samplesTabShown(FxRobot robot) {
        robot.clickOn("Samples");
        waitUntil("both grids", () -> samples.priorSamplesProperty().get() != null
                && samples.mixtureSamplesProperty().get() != null);
    }

    @Stop
    void stop() {
        bed.close();
    }

    @Test
    void theTabShowsThePriorsGridAndTheMixturesSideBySideUnderTheirCaptions(FxRobot robot) {
        RasterView prior = robot.lookup("#samples-grid").queryAs(RasterView.class);
        RasterView mixture = robot.lookup("#samples-mixture-grid").queryAs(RasterView.class);
        Label priorCaption = robot.lookup("#samples-prior-caption").queryAs(Label.class);
        Label mixtureCaption = robot.lookup("#samples-mixture-caption").queryAs(Label.class);
        assertEquals("prior N(0, I)", fx(priorCaption::getText));
        waitUntil("the mixture's caption", () -> mixtureCaption.getText()
                .equals("mixture of 10 Gaussians fitted to the training codes"));
        // the size follows a layout pass, which on a busy machine may come after the raster
        waitUntil("both grids laid out", () -> prior.imageView().getFitWidth() > 0
                && mixture.imageView().getFitWidth() > 0);

        Raster mixtureRaster = fx(() -> samples.mixtureSamplesProperty().get());
        assertEquals(mixtureRaster.width(), fx(() -> mixture.imageView().getImage().getWidth()));
        assertEquals(mixtureRaster.height(), fx(() -> mixture.imageView().getImage().getHeight()));
        Bounds priorImage = screenBounds(prior.imageView());
        Bounds mixtureImage = screenBounds(mixture.imageView());
        assertTrue(mixtureImage.getMinX() >= priorImage.getMaxX(), "the mixture's grid right of the prior's");
        assertEquals(priorImage.getWidth(), mixtureImage.getWidth(), 1.0, "both grids at about one size");
        assertTrue(screenBounds(priorCaption).getMaxY() <= priorImage.getMinY(), "the prior's caption above");
        assertTrue(screenBounds(mixtureCaption).getMaxY() <= mixtureImage.getMinY(), "the mixture's caption above");
        assertTrue(screenBounds(mixtureCaption).getMinX() >= screenBounds(prior).getMaxX(),
                "the mixture's caption over its own grid");
    }

    @Test
    void typingANumberOfComponentsRefitsAndTheCaptionFollows(FxRobot robot) {
        Raster tenComponents = fx(() -> samples.mixtureSamplesProperty().get());
        Spinner<?> components = robot.lookup("#samples-components").queryAs(Spinner.class);
        robot.clickOn(components.getEditor()).push(KeyCode.END).eraseText(4).write("4").push(KeyCode.ENTER);
        waitUntil("K is taken", () -> samples.mixtureComponentsProperty().get() == 4);
        Label caption = robot.lookup("#samples-mixture-caption").queryAs(Label.class);
        waitUntil("the caption of 4 Gaussians", () -> caption.getText()
                .equals("mixture of 4 Gaussians fitted to the training codes"));
        awaitNewRaster("the samples of 4 Gaussians", () -> samples.mixtureSamplesProperty().get(), tenComponents);
    }

    private static Bounds screenBounds(Node node) {
        return fx(() -> node.localToScreen(node.getBoundsInLocal()));
    }

    @Test
    void promptsSayDigitForDigitsAndClassOrImageForOtherData(FxRobot robot) {
        Label title = robot.lookup("#variants-title").queryAs(Label.class);
        ComboBox<?> sweepJump = robot.lookup("#sweep-digit").queryAs(ComboBox.class);
        ComboBox<?> interpolationPick = robot.lookup("#interp-a-digit").queryAs(ComboBox.class);
        assertEquals("Variants of one digit: z ~ q(z|x)", fx(title::getText));
        assertTrue(fx(() -> robot.lookup("Digit").tryQuery().isPresent()), "the class picker's caption");
        assertEquals("Jump to digit", fx(sweepJump::getPromptText));
        assertEquals("Pick digit", fx(interpolationPick::getPromptText));

        // the same grey 28x28 images under other class names: not digits
        Dataset clothes = new Dataset("fashion", mnist.train(), mnist.test(), List.of("T-shirt", "Trouser",
                "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"));
        fx(() -> {
            bed.workspace().openDataset(clothes);
            return null;
        });
        assertEquals("Variants of one image: z ~ q(z|x)", fx(title::getText));
        assertTrue(fx(() -> robot.lookup("Class").tryQuery().isPresent()), "the class picker's caption");
        assertEquals("Jump to class", fx(sweepJump::getPromptText));
        assertEquals("Pick class", fx(interpolationPick::getPromptText));
    }
}
