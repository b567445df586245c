package io.vaeexplorer.store;

import java.nio.file.Path;

/** The app's own folder, {@code ~/.vae-explorer}: settings, the window's state, the picture cache and the log. */
public final class AppFolder {

    private AppFolder() {
    }

    public static Path path() {
        return Path.of(System.getProperty("user.home"), ".vae-explorer");
    }
}
