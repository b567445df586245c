package io.vaeexplorer.ui;

import javafx.application.Application;

/**
 * Starts the JavaFX app from the class path. A main class that itself extends Application fails there with
 * "JavaFX runtime components are missing", hence this plain launcher.
 */
public final class ExplorerLauncher {

    private ExplorerLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(ExplorerApp.class, args);
    }
}
