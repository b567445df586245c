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
        // Prism repaints at most 6 dirty rectangles a frame by default and merges any more into larger ones. While
        // training, one pulse can change the progress bars, status line, loss chart, plane and decoded image at
        // once; merged, that becomes most of the window, painted in software in one frame. 15 is the most Prism
        // allows.
        if (System.getProperty("prism.dirtyregioncount") == null) {
            System.setProperty("prism.dirtyregioncount", "15");
        }
        Application.launch(ExplorerApp.class, args);
    }
}
