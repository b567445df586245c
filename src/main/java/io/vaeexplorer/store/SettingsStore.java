package io.vaeexplorer.store;

import io.vaeexplorer.core.TrainingSettings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Keeps the settings between launches in a small JSON file (default {@code ~/.vae-explorer/settings.json}, or the
 * system property {@code vae.settings}). A missing file gives the defaults; a corrupt or invalid one gives the
 * defaults and a warning, never a failed start. Writes are atomic.
 */
public final class SettingsStore {

    /** Settings as loaded, with a warning when the file could not be used. */
    public record Loaded(TrainingSettings settings, String warning) {
    }

    private final JsonRecordFile<TrainingSettings> json;

    public SettingsStore(Path file) {
        this.json = new JsonRecordFile<>(file, TrainingSettings.class);
    }

    public static SettingsStore defaultStore() {
        String override = System.getProperty("vae.settings");
        return new SettingsStore(override != null ? Path.of(override)
                : AppFolder.path().resolve("settings.json"));
    }

    public Path file() {
        return json.file();
    }

    public Loaded load() {
        JsonRecordFile.Loaded<TrainingSettings> loaded = json.load(TrainingSettings.defaults(), read -> {
            TrainingSettings settings = read.withDefaultsForMissing();
            settings.modelConfig(28, 28); // throws on values out of range
            settings.trainingConfig();
            return settings;
        }, "settings file", "using the defaults");
        return new Loaded(loaded.value(), loaded.warning());
    }

    public void save(TrainingSettings settings) throws IOException {
        json.save(settings);
    }
}
