package io.vaeexplorer.ui;

import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The explorer window: settings and training controls on the left, the latent plane with the decoded image in
 * the middle, loss chart and the tutorials' experiments in tabs below, status bar at the bottom. At launch it
 * opens the shipped MNIST and the shipped 2-D model, so the plane is alive at once.
 */
public final class ExplorerApp extends Application {

    static final String SHIPPED_MODEL = "models/mnist-mlp-d2/model.vae";

    private ExplorerModel model;

    @Override
    public void start(Stage stage) {
        model = new ExplorerModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                SettingsStore.defaultStore());
        stage.setTitle("VAE latent-space explorer");
        stage.setScene(new Scene(buildRoot(model), 1400, 900));
        stage.show();
        openStartupData(model);
    }

    /** The whole window's content for a model (tests build it too). */
    static BorderPane buildRoot(ExplorerModel model) {
        LatentPlaneView plane = new LatentPlaneView(model);
        DecodedImageView decoded = new DecodedImageView(model);
        CheckBox manifold = new CheckBox("Show decoded manifold behind the points");
        manifold.setId("manifold-toggle");
        manifold.selectedProperty().bindBidirectional(model.showManifoldProperty());
        CheckBox density = new CheckBox("Show codes against the prior");
        density.setTooltip(new javafx.scene.control.Tooltip("The density of all test codes against N(0, I): red where"
                + " the codes crowd beyond the prior, blue in its holes (where samples from the prior decode badly)"));
        density.setId("density-toggle");
        density.selectedProperty().bindBidirectional(model.showDensityProperty());
        javafx.scene.control.Button clearEllipses = new javafx.scene.control.Button("Clear ellipses");
        clearEllipses.setId("clear-ellipses");
        clearEllipses.setOnAction(e -> model.ellipseImages().clear());
        clearEllipses.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.ellipseImages()));
        clearEllipses.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.control.Label ellipseHint = new javafx.scene.control.Label("Ctrl+click: posterior ellipses");
        ellipseHint.setTooltip(new javafx.scene.control.Tooltip(
                "Ctrl+click near a point to draw the 1- and 2-sigma ellipses of that test image's posterior q(z|x)"));
        javafx.scene.layout.HBox ellipses = new javafx.scene.layout.HBox(8, clearEllipses, ellipseHint);
        ellipses.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox side = new VBox(8, decoded, manifold, density, ellipses,
                new PlaneExportBar(model, plane, decoded));
        side.setPadding(new Insets(0, 8, 8, 8));
        VBox planeWithTimeline = new VBox(plane, new TimelineBar(model));
        VBox.setVgrow(plane, Priority.ALWAYS);
        SplitPane top = new SplitPane(planeWithTimeline, side);
        top.setDividerPositions(0.68);

        ExperimentsPane experiments = new ExperimentsPane(model);
        // a click on the plane also picks the nearest test image for the epsilon sweep
        plane.canvas().addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                double[] p = plane.toPlane(e.getX(), e.getY());
                int nearest = model.nearestTestImage(p[0], p[1]);
                if (nearest >= 0) {
                    experiments.experiments().useTestImage(nearest);
                }
            }
        });
        experiments.experiments().errorProperty().addListener((obs, old, message) -> {
            if (message != null && !message.isEmpty()) {
                model.reportError(message);
            }
        });
        Tab lossTab = new Tab("Loss", new LossChartView(model));
        experiments.getTabs().add(0, lossTab);
        experiments.experiments().activeProperty().bind(
                experiments.getSelectionModel().selectedItemProperty().isNotEqualTo(lossTab));
        experiments.getTabs().forEach(t -> t.setClosable(false));
        experiments.getSelectionModel().select(0);
        SplitPane centre = new SplitPane(top, experiments);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.58);

        ScrollPane settings = new ScrollPane(new SettingsPanel(model));
        settings.setFitToWidth(true);
        settings.setPrefWidth(330);

        TabPane pages = new TabPane(new Tab("Explorer", centre), new Tab("Models", new GalleryView(model)),
                new Tab("Sweeps", new SweepsView(model.sweeps())));
        pages.setId("pages");
        pages.getTabs().forEach(t -> t.setClosable(false));
        BorderPane root = new BorderPane(pages);
        root.setTop(new ErrorBanner(model));
        root.setLeft(settings);
        root.setBottom(new ExplorerStatusBar(model));
        VBox.setVgrow(plane, Priority.ALWAYS);
        return root;
    }

    /** The persisted data folder (or the shipped MNIST) and the shipped model; both load in the background. */
    static void openStartupData(ExplorerModel model) {
        String folder = model.settingsProperty().get().dataFolder();
        Path data;
        try {
            data = folder.isBlank() ? AssetLocator.mnistDir() : Path.of(folder);
        } catch (DataException e) {
            model.reportError(e.getMessage());
            return;
        }
        model.openDataset(data);
        model.gallery().scanFolder(model.modelsFolder());
        try {
            Path shipped = AssetLocator.assetsDir().resolve(SHIPPED_MODEL);
            if (Files.exists(shipped)) {
                model.loadModel(shipped);
            }
        } catch (DataException e) {
            model.reportError(e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            model.saveSettings();
            model.close();
        }
    }
}
