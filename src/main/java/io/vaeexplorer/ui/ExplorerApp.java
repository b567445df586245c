package io.vaeexplorer.ui;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.AppVersion;
import io.vaeexplorer.core.Messages;
import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.DataException;
import io.vaeexplorer.store.SettingsStore;
import io.vaeexplorer.store.WindowStateStore;
import io.vaeexplorer.ui.experiments.ExperimentsPane;
import io.vaeexplorer.ui.fx.AppStatusBar;
import io.vaeexplorer.ui.fx.ErrorBanner;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.ProportionalSplitPane;
import io.vaeexplorer.ui.fx.Theme;
import io.vaeexplorer.ui.fx.WindowMemory;
import io.vaeexplorer.ui.gallery.GalleryView;
import io.vaeexplorer.ui.latentuse.LatentUseView;
import io.vaeexplorer.ui.plane.LatentPlaneView;
import io.vaeexplorer.ui.plane.PlaneSidePanel;
import io.vaeexplorer.ui.sweeps.SettingsSweepsView;
import io.vaeexplorer.ui.training.LossChartView;
import io.vaeexplorer.ui.training.LossChartViewModel;
import io.vaeexplorer.ui.training.ModelFiles;
import io.vaeexplorer.ui.training.SettingsPanel;
import io.vaeexplorer.ui.training.TimelineBar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explorer window: settings and training controls on the left, the latent plane with the decoded image in
 * the middle, loss chart and the tutorials' experiments in tabs below, menus at the top, status bar at the bottom. At launch it
 * opens the shipped MNIST and the shipped 2-D model, so the plane is alive at once. The window opens as it was
 * left (size, place, maximised, dividers, light or dark theme), fitted to the screens there are now.
 */
public final class ExplorerApp extends Application {

    public static final String SHIPPED_MODEL = "models/mnist-mlp-d2/model.vae";
    /** The system property that names the data folder to open at launch instead of the remembered one. */
    public static final String DATA_PROPERTY = "vaeexplorer.openData";
    /** Names under which the dividers are remembered: the plane beside the decoded image, and both above the tabs. */
    public static final String PLANE_SPLIT = "plane-split";
    public static final String CENTRE_SPLIT = "centre-split";
    private static final String SPLITS_KEY = ExplorerApp.class.getName() + ".splits";
    private static final String SWITCHES_KEY = ExplorerApp.class.getName() + ".switches";
    private static final String THEME_KEY = ExplorerApp.class.getName() + ".theme";
    /** Names under which the plane's layer options are remembered. */
    public static final String THUMBNAILS_SWITCH = "plane-thumbnails";
    public static final String MANIFOLD_SWITCH = "plane-manifold";
    public static final String DENSITY_SWITCH = "plane-density";
    /** Name under which the choice of the dark theme is remembered. */
    public static final String DARK_THEME_SWITCH = "dark-theme";

    /** System property naming the log file the launcher opened, for messages that point to it. */
    public static final String LOG_PROPERTY = "vaeexplorer.logFile";
    private static final Logger LOG = LoggerFactory.getLogger(ExplorerApp.class);

    private AppViewModel model;
    private WindowStateStore windowStore;
    private WindowMemory window;

    @Override
    public void start(Stage stage) {
        SettingsStore settings = SettingsStore.defaultStore();
        model = new AppViewModel(Platform::runLater, new InferenceWorker(Platform::runLater), settings);
        reportUncaughtErrors(model);
        windowStore = WindowStateStore.besideSettings(settings);
        WindowStateStore.Loaded remembered = windowStore.load();
        if (remembered.warning() != null) {
            model.error(remembered.warning());
        }
        stage.setTitle(AppVersion.TITLE);
        BorderPane root = buildRoot(model);
        window = new WindowMemory(stage, rememberedSplits(root), rememberedSwitches(root));
        window.restore(remembered.state(), Screen.getPrimary().getVisualBounds(),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        // sized from the start: a first layout at the scene's preferred size would move the dividers
        stage.setScene(scene(root, stage.getWidth(), stage.getHeight()));
        stage.show();
        openStartupData(model);
    }

    /**
     * An exception that escapes any thread goes to the log with its stack trace and to the status bar in one line,
     * so that a failure is seen rather than only written to a terminal the window may not have.
     */
    private static void reportUncaughtErrors(AppViewModel model) {
        String log = System.getProperty(LOG_PROPERTY);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.error("unexpected error on thread {}", thread.getName(), e);
            Platform.runLater(() -> model.error("unexpected error: " + Messages.oneLine(e)
                    + (log == null ? "" : " (details in " + log + ")")));
        });
    }

    /** The split panes of a root from {@link #buildRoot} whose dividers are remembered, by name. */
    @SuppressWarnings("unchecked")
    public static Map<String, ProportionalSplitPane> rememberedSplits(Parent root) {
        return (Map<String, ProportionalSplitPane>) root.getProperties().get(SPLITS_KEY);
    }

    /** The on/off options of a root from {@link #buildRoot} that are remembered, by name. */
    @SuppressWarnings("unchecked")
    public static Map<String, BooleanProperty> rememberedSwitches(Parent root) {
        return (Map<String, BooleanProperty>) root.getProperties().get(SWITCHES_KEY);
    }

    /** The theme of a root from {@link #buildRoot}: its menus choose it, its plane draws in it. */
    public static Theme theme(Parent root) {
        return (Theme) root.getProperties().get(THEME_KEY);
    }

    /** The window's scene for a root from {@link #buildRoot}: the stylesheet on, in the root's theme. */
    public static Scene scene(Parent root, double width, double height) {
        Scene scene = new Scene(root, width, height);
        theme(root).applyTo(scene);
        return scene;
    }

    /** The whole window's content for a model (tests build it too). */
    public static BorderPane buildRoot(AppViewModel model) {
        Theme theme = new Theme();
        LatentPlaneView plane = new LatentPlaneView(model.plane());
        plane.darkProperty().bind(theme.darkProperty());
        PlaneSidePanel side = new PlaneSidePanel(model.plane(), plane);
        // a split pane centres a part larger than its room, cutting off both ends: below its size it scrolls
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setId("side-scroll");
        sideScroll.setFitToWidth(true);
        sideScroll.getStyleClass().add("edge-to-edge");
        sideScroll.setMinWidth(120);
        VBox planeWithTimeline = new VBox(plane, new TimelineBar(model.plane().timeline(),
                model.plane().timelineIndexProperty(), model.plane()::exportTimelineGif,
                model.plane()::exportTimelinePng));
        VBox.setVgrow(plane, Priority.ALWAYS);
        ProportionalSplitPane top = new ProportionalSplitPane(Orientation.HORIZONTAL, new double[] {0.68},
                planeWithTimeline, sideScroll);
        top.setId(PLANE_SPLIT);

        ExperimentsPane experiments = new ExperimentsPane(model.experiments());
        // a click on the plane also picks the nearest test image for the epsilon sweep
        plane.canvas().addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                double[] p = plane.toPlane(e.getX(), e.getY());
                int nearest = model.plane().nearestTestImage(p[0], p[1]);
                if (nearest >= 0) {
                    experiments.experiments().useTestImage(nearest);
                }
            }
        });
        experiments.experiments().errorProperty().addListener((obs, old, message) -> {
            if (message != null && !message.isEmpty()) {
                model.error(message);
            }
        });
        LossChartViewModel lossChart = new LossChartViewModel(model.training().lossHistory(),
                model.training().runStepsProperty(), model.files(), model.exportSize(), model);
        lossChart.klCurveProperty().bind(model.training().klCurveProperty());
        Tab lossTab = new Tab("Loss", ExperimentsPane.scrolling(new LossChartView(lossChart)));
        experiments.getTabs().add(0, lossTab);
        Tab latentUseTab = new Tab("Latent use", new LatentUseView(model.latentUse()));
        experiments.getTabs().add(1, latentUseTab);
        experiments.experiments().activeProperty().bind(
                experiments.getSelectionModel().selectedItemProperty().isNotEqualTo(lossTab)
                        .and(experiments.getSelectionModel().selectedItemProperty().isNotEqualTo(latentUseTab)));
        experiments.getTabs().forEach(t -> t.setClosable(false));
        experiments.getSelectionModel().select(0);
        ProportionalSplitPane centre = new ProportionalSplitPane(Orientation.VERTICAL, new double[] {0.58},
                top, experiments);
        centre.setId(CENTRE_SPLIT);

        SettingsPanel settingsPanel = new SettingsPanel(model.settingsProperty(), model.training(),
                new ModelFiles(model::saveModel, model::loadModel, model::openDataset));
        settingsPanel.setPadding(new Insets(0, 8, 8, 8));
        // the run and file buttons scroll sideways rather than have their names cut short
        if (settingsPanel.lookup("#training-controls") instanceof Region controls) {
            controls.setMinWidth(Region.USE_PREF_SIZE);
        }
        ScrollPane settings = new ScrollPane(settingsPanel);
        settings.setId("settings-scroll");
        settings.setFitToWidth(true);
        settings.setPrefWidth(350); // the panel and a vertical scroll bar

        TabPane pages = new TabPane(new Tab("Explorer", centre), new Tab("Models", new GalleryView(model.gallery(),
                model.settingsProperty(), model.training().trainingStateProperty(), model.sweeps().runningProperty(),
                model::useGalleryEntry, model.training()::trainPreset)),
                new Tab("Sweeps", new SettingsSweepsView(model.sweeps())));
        pages.setId("pages");
        pages.getTabs().forEach(t -> t.setClosable(false));
        BorderPane root = new BorderPane(pages);
        ExplorerMenuBar menus = new ExplorerMenuBar(model, settingsPanel.commands(), plane, pages, theme);
        root.setTop(new VBox(menus, new ErrorBanner(model.errorProperty(), model::clearError)));
        root.setLeft(settings);
        AppStatusBar status = new AppStatusBar(model.statusProperty(), model.training().deviceProperty(),
                model.workspace().configProperty(), model.training().trainingStateProperty());
        status.showDataLoad(model.dataLoadingProperty(), model.dataProgressProperty(), model::cancelDataLoad);
        root.setBottom(status);
        root.getProperties().put(SPLITS_KEY, Map.of(PLANE_SPLIT, top, CENTRE_SPLIT, centre));
        root.getProperties().put(SWITCHES_KEY, Map.of(ExportSize.SWITCH, model.exportSize().doubledProperty(),
                THUMBNAILS_SWITCH, model.plane().showThumbnailsProperty(),
                MANIFOLD_SWITCH, model.plane().showManifoldProperty(), DENSITY_SWITCH,
                model.plane().showDensityProperty(), DARK_THEME_SWITCH, theme.darkProperty()));
        root.getProperties().put(THEME_KEY, theme);
        return root;
    }

    /**
     * The data folder named at launch ({@code ./run.sh --data DIR}), else the persisted one (or the shipped MNIST),
     * and the shipped model; both load in the background.
     */
    static void openStartupData(AppViewModel model) {
        String named = System.getProperty(DATA_PROPERTY);
        String folder = named != null ? named : model.settingsProperty().get().dataFolder();
        Path data;
        try {
            data = folder.isBlank() ? AssetLocator.mnistDir() : Path.of(folder);
        } catch (DataException e) {
            model.error(e.getMessage());
            return;
        }
        model.openDataset(data);
        model.gallery().scanFolder(model.modelsFolder());
        try {
            Path shipped = AssetLocator.assetsDir().resolve(SHIPPED_MODEL);
            if (Files.exists(shipped)) {
                model.loadShippedModel(shipped);
            }
        } catch (DataException e) {
            model.error(e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            try {
                windowStore.save(window.capture());
            } catch (IOException | RuntimeException e) {
                System.err.println("could not keep the window layout in " + windowStore.file() + ": " + e.getMessage());
            }
        }
        if (model != null) {
            model.saveSettings();
            model.close();
        }
    }
}
