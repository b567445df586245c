package io.vaeexplorer.ui;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.vaeexplorer.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public static SettingsStore defaultStore() {
        String override = System.getProperty("vae.settings");
        return new SettingsStore(override != null ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".vae-explorer", "settings.json"));
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(TrainingSettings.defaults(), null);
        }
        try {
            TrainingSettings read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), TrainingSettings.class);
            if (read == null) {
                throw new JsonParseException("empty file");
            }
            TrainingSettings settings = read.withDefaultsForMissing();
            settings.modelConfig(28, 28); // throws on values out of range
            settings.trainingConfig();
            return new Loaded(settings, null);
        } catch (IOException | RuntimeException e) {
            return new Loaded(TrainingSettings.defaults(), "settings file " + file + " could not be used ("
                    + oneLine(e) + "); using the defaults");
        }
    }

    public void save(TrainingSettings settings) throws IOException {
        byte[] json = GSON.toJson(settings).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, channel -> channel.write(java.nio.ByteBuffer.wrap(json)));
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
