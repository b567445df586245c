package io.vaeexplorer.ui;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.vaeexplorer.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private final Path file;

    public WindowStateStore(Path file) {
        this.file = file;
    }

    /** The store beside the given settings file. */
    public static WindowStateStore besideSettings(SettingsStore settings) {
        return new WindowStateStore(settings.file().toAbsolutePath().resolveSibling(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(WindowState.NONE, null);
        }
        try {
            WindowState read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), WindowState.class);
            if (read == null) {
                throw new JsonParseException("empty file");
            }
            read.validate();
            return new Loaded(read, null);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Loaded(WindowState.NONE, "window layout file " + file + " could not be used ("
                    + m.replaceAll("\\s+", " ") + "); the window opens at its default size");
        }
    }

    public void save(WindowState state) throws IOException {
        byte[] json = GSON.toJson(state).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, channel -> channel.write(ByteBuffer.wrap(json)));
    }
}
