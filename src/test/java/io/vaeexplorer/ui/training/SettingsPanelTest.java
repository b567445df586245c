package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.fx.AppStatusBar;
import io.vaeexplorer.ui.fx.ErrorBanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SettingsPanelTest {

    /** The keys of the editors, {@code setting-<key>}, as other tests and the window know them. */
    private static final List<String> KEYS = List.of("kind", "latent", "hidden", "conditional", "reconstruction",
            "beta", "klSchedule", "objective", "learningRate", "batchSize", "epochs", "seed", "limit", "dataFolder");
    private static final String CONV_DEFAULT = ModelConfig.DEFAULT_CONV_HIDDEN.stream().map(String::valueOf)
            .collect(Collectors.joining(","));

    @TempDir
    Path tempDir;
    private AppViewModel model;
    private ScrollPane column;

    /** The panel in a scrolling column of the window's width, as the window lays it out. */
    @Start
    void start(Stage stage) {
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                new SettingsStore(tempDir.resolve("settings.json")));
        column = new ScrollPane(new SettingsPanel(model.settingsProperty(), model.training(),
                new ModelFiles(model::saveModel, model::loadModel, model::openDataset)));
        column.setFitToWidth(true);
        column.setPrefWidth(330);
        BorderPane root = new BorderPane(new Pane());
        root.setTop(new ErrorBanner(model.errorProperty(), model::clearError));
        root.setLeft(column);
        root.setBottom(new AppStatusBar(model.statusProperty(), model.training().deviceProperty(),
                model.workspace().configProperty(), model.training().trainingStateProperty()));
        stage.setScene(new Scene(root, 900, 900));
        stage.sizeToScene(); // the stage is shared: an earlier test class may have sized it
        stage.show();
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void editsChangeTheModelsSettings(FxRobot robot) throws Exception {
        TextField latent = robot.lookup("#setting-latent").query();
        assertEquals("2", onFx(latent::getText));
        robot.clickOn(latent);
        robot.interact(latent::selectAll);
        robot.write("20");
        assertEquals(20, onFx(() -> model.settingsProperty().get().latent()));

        TextField learningRate = robot.lookup("#setting-learningRate").query();
        assertEquals("0.001", onFx(learningRate::getText));
        robot.interact(() -> learningRate.setText("0.0005"));
        assertEquals(5e-4f, onFx(() -> model.settingsProperty().get().learningRate()));

        ComboBox<Objective> objective = robot.lookup("#setting-objective").query();
        robot.interact(() -> objective.getSelectionModel().select(Objective.RECON_ONLY));
        assertEquals(Objective.RECON_ONLY, onFx(() -> model.settingsProperty().get().objective()));
        assertEquals("reconstruction only (no KL)", onFx(() -> objective.getConverter().toString(objective.getValue())));

        // the other fields kept their values
        assertEquals("400", onFx(() -> model.settingsProperty().get().hidden()));
        assertEquals(128, onFx(() -> model.settingsProperty().get().batchSize()));
        assertEquals("", onFx(() -> ((Label) robot.lookup("#settings-error").query()).getText()));
    }

    @Test
    void theConditionalSwitchFollowsTheMouseAndAltCAndIsSavedWithTheOtherSettings(FxRobot robot) throws Exception {
        CheckBox conditional = robot.lookup("#setting-conditional").query();
        assertFalse(onFx(conditional::isSelected));
        assertFalse(onFx(() -> model.settingsProperty().get().conditional()));
        assertTrue(onFx(conditional::getText).startsWith("_Conditional"), onFx(conditional::getText));

        robot.clickOn(conditional);
        assertTrue(onFx(() -> model.settingsProperty().get().conditional()));
        // from the keyboard: Alt+C brings the focus to it from anywhere, Space ticks and unticks it
        TextField latent = robot.lookup("#setting-latent").query();
        robot.clickOn(latent);
        robot.press(KeyCode.ALT, KeyCode.C).release(KeyCode.C, KeyCode.ALT);
        assertTrue(onFx(conditional::isFocused), "Alt+C moves the focus to the switch");
        robot.type(KeyCode.SPACE);
        assertFalse(onFx(() -> model.settingsProperty().get().conditional()), "Space unticks it");
        assertFalse(onFx(conditional::isSelected));
        robot.type(KeyCode.SPACE);
        assertTrue(onFx(() -> model.settingsProperty().get().conditional()), "and ticks it again");

        // another edit keeps it; the settings file keeps it; settings from elsewhere set it
        TextField epochs = robot.lookup("#setting-epochs").query();
        robot.interact(() -> epochs.setText("3"));
        assertEquals(3, onFx(() -> model.settingsProperty().get().epochs()));
        assertTrue(onFx(() -> model.settingsProperty().get().conditional()));
        robot.interact(model::saveSettings);
        TrainingSettings saved = new SettingsStore(tempDir.resolve("settings.json")).load().settings();
        assertTrue(saved.conditional());
        assertEquals(3, saved.epochs());
        robot.interact(() -> model.settingsProperty().set(TrainingSettings.defaults()));
        assertFalse(onFx(conditional::isSelected));
        robot.interact(() -> model.settingsProperty().set(saved));
        assertTrue(onFx(conditional::isSelected));
        assertEquals("", onFx(this::problemText));
    }

    @Test
    void invalidValuesAreRefusedWithAVisibleReason(FxRobot robot) throws Exception {
        TextField latent = robot.lookup("#setting-latent").query();
        TextField batch = robot.lookup("#setting-batchSize").query();
        Label problem = robot.lookup("#settings-error").query();
        assertFalse(onFx(problem::isVisible));

        robot.clickOn(latent);
        robot.interact(latent::selectAll);
        robot.write("0");
        assertEquals(2, onFx(() -> model.settingsProperty().get().latent()), "the old latent size is kept");
        assertTrue(onFx(problem::isVisible));
        assertTrue(onFx(problem::getText).contains("latent size must be between 1 and 1024, got 0"),
                onFx(problem::getText));

        robot.interact(() -> batch.setText("many"));
        assertEquals(128, onFx(() -> model.settingsProperty().get().batchSize()));
        assertTrue(onFx(problem::getText).contains("batch size: 'many' is not a whole number"));

        // fixing one leaves the other's message; a change from elsewhere replaces the text and the complaint
        robot.interact(() -> latent.setText("3"));
        assertEquals(3, onFx(() -> model.settingsProperty().get().latent()));
        assertFalse(onFx(problem::getText).contains("latent"));
        SettingsPanel.Draft loaded = new SettingsPanel.Draft(TrainingSettings.defaults());
        loaded.batchSize = 64;
        robot.interact(() -> model.settingsProperty().set(loaded.build()));
        assertEquals("2", onFx(latent::getText));
        assertEquals("64", onFx(batch::getText));
        assertFalse(onFx(problem::isVisible));
    }

    @Test
    void errorBannerShowsAFailedLoadAndHidesOnClose(FxRobot robot) throws Exception {
        Node banner = robot.lookup("#error-banner").query();
        assertFalse(onFx(banner::isVisible));
        assertEquals("ready", onFx(() -> ((Label) robot.lookup("#status-state").query()).getText()));
        assertEquals("no model", onFx(() -> ((Label) robot.lookup("#status-model").query()).getText()));

        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path broken = Files.write(tempDir.resolve("broken.vae"), noise);
        robot.interact(() -> model.loadModel(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(banner::isVisible));

        String shown = onFx(() -> ((Label) robot.lookup("#error-text").query()).getText());
        assertFalse(shown.isEmpty());
        assertEquals(onFx(() -> model.errorProperty().get()), shown);
        assertTrue(shown.contains("broken.vae"), shown);

        robot.clickOn("#error-close");
        assertFalse(onFx(banner::isVisible));
        assertFalse(onFx(banner::isManaged));
        assertEquals("", onFx(() -> model.errorProperty().get()));
    }

    @Test
    void switchingTheModelKindBringsThatKindsHiddenSizes(FxRobot robot) throws Exception {
        ComboBox<ModelKind> kind = robot.lookup("#setting-kind").query();
        TextField hidden = robot.lookup("#setting-hidden").query();
        assertEquals("400", onFx(hidden::getText));

        robot.interact(() -> kind.setValue(ModelKind.CONV));
        assertEquals(CONV_DEFAULT, onFx(hidden::getText), "conv shows its own default channels");
        assertEquals(ModelKind.CONV, onFx(() -> model.settingsProperty().get().kind()));
        assertEquals(CONV_DEFAULT, onFx(() -> model.settingsProperty().get().hidden()));
        Label hiddenName = robot.lookup("#setting-hidden-label").query();
        assertTrue(onFx(hiddenName::getText).contains("channels"), onFx(hiddenName::getText));
        assertTrue(onFx(() -> hidden.getTooltip().getText()).contains("channels"));
        assertEquals("", onFx(this::problemText));

        robot.interact(() -> hidden.setText("32,64"));
        assertEquals("32,64", onFx(() -> model.settingsProperty().get().hidden()));
        robot.interact(() -> kind.setValue(ModelKind.MLP));
        assertEquals("400", onFx(hidden::getText), "back to the MLP's sizes");
        assertEquals("400", onFx(() -> model.settingsProperty().get().hidden()));
        assertTrue(onFx(hiddenName::getText).contains("widths"), onFx(hiddenName::getText));
        assertTrue(onFx(() -> hidden.getTooltip().getText()).contains("layer"));
        robot.interact(() -> kind.setValue(ModelKind.CONV));
        assertEquals("32,64", onFx(hidden::getText), "the channels typed for conv come back with it");
    }

    @Test
    void hiddenSizesTooBigToTrainAreRefusedWithAnEstimate(FxRobot robot) throws Exception {
        ComboBox<ModelKind> kind = robot.lookup("#setting-kind").query();
        TextField hidden = robot.lookup("#setting-hidden").query();
        Button start = robot.lookup("#start-button").query();
        robot.interact(() -> kind.setValue(ModelKind.CONV));
        robot.interact(() -> hidden.setText("32,64"));
        assertEquals("32,64", onFx(() -> model.settingsProperty().get().hidden()));

        robot.interact(() -> hidden.setText("400"));
        assertEquals("32,64", onFx(() -> model.settingsProperty().get().hidden()), "400,800 channels are refused");
        String why = onFx(this::problemText);
        assertEquals(1, why.lines().count(), why);
        assertTrue(why.contains("400,800") && why.matches(".*about \\d+ x the default model's work per step.*"), why);
        assertTrue(onFx(start::isDisabled));
        assertTrue(onFx(() -> tooltipOver(start)).contains(why), onFx(() -> tooltipOver(start)));

        robot.interact(() -> hidden.setText("64,128"));
        assertEquals("64,128", onFx(() -> model.settingsProperty().get().hidden()));
        assertEquals("", onFx(this::problemText));
        assertFalse(onFx(start::isDisabled));

        robot.interact(() -> kind.setValue(ModelKind.MLP));
        for (String taken : List.of("1024", "512,256", "400")) {
            robot.interact(() -> hidden.setText(taken));
            assertEquals(taken, onFx(() -> model.settingsProperty().get().hidden()));
            assertEquals("", onFx(this::problemText));
        }
        for (String refused : List.of("100000", "16384,16384")) {
            robot.interact(() -> hidden.setText(refused));
            assertEquals("400", onFx(() -> model.settingsProperty().get().hidden()), refused + " is refused");
            assertFalse(onFx(this::problemText).isEmpty());
            assertTrue(onFx(start::isDisabled));
        }
        assertTrue(onFx(this::problemText).contains("about"), onFx(this::problemText));
    }

    @Test
    void settingsLoadedTooBigAreFlaggedUntilTheModelShrinks(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start-button").query();
        ComboBox<ModelKind> kind = robot.lookup("#setting-kind").query();
        TextField hidden = robot.lookup("#setting-hidden").query();
        SettingsPanel.Draft loaded = new SettingsPanel.Draft(TrainingSettings.defaults());
        loaded.kind = ModelKind.CONV; // a file saved while a conv model kept the MLP's 400
        robot.interact(() -> model.settingsProperty().set(loaded.build()));
        assertEquals("400", onFx(hidden::getText));
        assertTrue(onFx(this::problemText).contains("400,800"), onFx(this::problemText));
        assertTrue(onFx(start::isDisabled));

        // editing something else keeps the settings taken and the flag shown
        TextField epochs = robot.lookup("#setting-epochs").query();
        robot.interact(() -> epochs.setText("3"));
        assertEquals(3, onFx(() -> model.settingsProperty().get().epochs()));
        assertTrue(onFx(this::problemText).contains("400,800"));

        robot.interact(() -> kind.setValue(ModelKind.MLP));
        assertEquals("400", onFx(hidden::getText));
        assertEquals("", onFx(this::problemText));
        assertFalse(onFx(start::isDisabled));
        robot.interact(() -> kind.setValue(ModelKind.CONV));
        assertEquals(CONV_DEFAULT, onFx(hidden::getText), "the refused size is not brought back");
    }

    @Test
    void anInvalidFieldDisablesStartAndItsTooltipSaysWhy(FxRobot robot) throws Exception {
        Button start = robot.lookup("#start-button").query();
        TextField learningRate = robot.lookup("#setting-learningRate").query();
        assertFalse(onFx(start::isDisabled));

        robot.clickOn(learningRate);
        robot.interact(learningRate::selectAll);
        robot.write("abc");
        assertEquals(1e-3f, onFx(() -> model.settingsProperty().get().learningRate()));
        assertTrue(onFx(start::isDisabled), "Start would train with the previous learning rate");
        assertTrue(onFx(() -> tooltipOver(start)).contains("learning rate: 'abc' is not a number"),
                onFx(() -> tooltipOver(start)));

        robot.interact(() -> learningRate.setText("0.002"));
        assertEquals(2e-3f, onFx(() -> model.settingsProperty().get().learningRate()));
        assertFalse(onFx(start::isDisabled));
        assertTrue(onFx(() -> tooltipOver(start)).startsWith("Train a new model"),
                "the tooltip says what Start does");
    }

    @Test
    void allSectionsShowTogetherWithATooltipOnEveryFieldInTheColumnsWidth(FxRobot robot) throws Exception {
        SettingsPanel panel = robot.lookup("#settings-panel").query();
        for (String key : KEYS) {
            Control editor = robot.lookup("#setting-" + key).query();
            assertTrue(onFx(() -> shown(editor, panel)), key + " is shown without opening anything");
        }
        for (String key : KEYS) {
            Control editor = robot.lookup("#setting-" + key).query();
            String help = onFx(() -> editor.getTooltip() == null ? "" : editor.getTooltip().getText());
            assertTrue(help.length() > 20, key + " explains itself: '" + help + "'");
        }
        Set<String> headings = onFx(() -> panel.lookupAll(".settings-section").stream()
                .filter(n -> shown(n, panel)).map(n -> ((Label) n).getText()).collect(Collectors.toSet()));
        assertEquals(Set.of("Model", "Loss", "Optimiser", "Data"), headings);

        // a window too short for the whole panel: the column scrolls, and its scroll bar takes some of the width
        robot.interact(() -> column.getScene().getWindow().setHeight(480));
        assertTrue(onFx(() -> column.getViewportBounds().getHeight() < panel.getHeight()), "the column scrolls");
        Bounds viewport = onFx(() -> column.localToScene(column.getViewportBounds()));
        assertTrue(onFx(() -> panel.prefWidth(-1)) <= viewport.getWidth(),
                "the panel fits the column at its preferred width: " + onFx(() -> panel.prefWidth(-1)));
        for (String key : KEYS) {
            Control editor = robot.lookup("#setting-" + key).query();
            Bounds bounds = onFx(() -> editor.localToScene(editor.getLayoutBounds()));
            assertTrue(bounds.getMinX() >= viewport.getMinX() && bounds.getMaxX() <= viewport.getMaxX(),
                    key + " lies within the column: " + bounds + " in " + viewport);
        }
        for (Node button : onFx(() -> List.copyOf(panel.lookupAll(".button")))) {
            Bounds bounds = onFx(() -> button.localToScene(button.getLayoutBounds()));
            assertTrue(bounds.getMaxX() <= viewport.getMaxX(), button.getId() + " lies within the column");
            assertTrue(onFx(() -> ((Region) button).getWidth() >= ((Region) button).prefWidth(-1) - 0.5),
                    button.getId() + " is not cut short");
        }
    }

    private String problemText() {
        return ((Label) lookupIn("#settings-error")).getText();
    }

    private Node lookupIn(String selector) {
        return column.getContent().lookup(selector);
    }

    /** Whether a person sees the node: it and every parent up to the panel visible, none collapsed, some height. */
    private static boolean shown(Node node, Node panel) {
        for (Node n = node; n != null && n != panel; n = n.getParent()) {
            if (!n.isVisible() || (n instanceof TitledPane pane && !pane.isExpanded())) {
                return false;
            }
        }
        return node.getLayoutBounds().getHeight() > 0 && node.getScene() != null;
    }

    /** The tooltip a pointer over the node shows: its own, else that of the nearest control around it. */
    static String tooltipOver(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Control control && control.getTooltip() != null) {
                return control.getTooltip().getText();
            }
        }
        return "";
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
