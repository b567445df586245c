package io.vaeexplorer.store;

import io.vaeexplorer.core.WindowState;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Keeps the {@link WindowState} between launches in its own small JSON file beside the settings file, so the
 * settings file keeps its format. A missing file gives {@link WindowState#NONE}; a corrupt or invalid one gives
 * {@link WindowState#NONE} and a warning, never a failed start. Writes are atomic.
 */
public final class WindowStateStore {

    /** The file's name, in the settings file's folder. */
    static final String FILE_NAME = "window.json";

    /** The state as loaded, with a warning when the file could not be used. */
    public record Loaded(WindowState state, String warning) {
    }

    private final JsonRecordFile<WindowState> json;

    public WindowStateStore(Path file) {
        this.json = new JsonRecordFile<>(file, WindowState.class);
    }

    /** The store beside the given settings file. */
    public static WindowStateStore besideSettings(SettingsStore settings) {
        return new WindowStateStore(settings.file().toAbsolutePath().resolveSibling(FILE_NAME));
    }

    public Path file() {
        return json.file();
    }

    public Loaded load() {
        JsonRecordFile.Loaded<WindowState> loaded = json.load(WindowState.NONE, read -> {
            read.validate();
            return read;
        }, "window layout file", "the window opens at its default size");
        return new Loaded(loaded.value(), loaded.warning());
    }

    public void save(WindowState state) throws IOException {
        json.save(state);
    }
}
