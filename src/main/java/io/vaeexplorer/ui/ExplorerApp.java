package io.vaeexplorer.ui;

import io.vaeexplorer.data.AssetLocator;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The explorer window. */
public final class ExplorerApp extends Application {

    private ExplorerModel model;

    @Override
    public void start(Stage stage) {
        model = new ExplorerModel(Platform::runLater, new InferenceWorker(Platform::runLater),
                SettingsStore.defaultStore());
        BorderPane root = new BorderPane();
        root.setCenter(new DecodedImageView(model));
        stage.setTitle("VAE latent-space explorer");
        stage.setScene(new Scene(root, 1280, 860));
        stage.show();
        String folder = model.settingsProperty().get().dataFolder();
        model.openDataset(folder.isBlank() ? AssetLocator.mnistDir() : Path.of(folder));
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
