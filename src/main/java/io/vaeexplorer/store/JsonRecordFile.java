package io.vaeexplorer.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.vaeexplorer.core.Messages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A small JSON file holding one record between launches, as the settings and the window layout are kept: a missing
 * file gives the fallback; a corrupt or invalid one gives the fallback and a one-line warning, never a failed
 * start. Writes are atomic.
 *
 * @param <T> the record kept
 */
final class JsonRecordFile<T> {

    /** What was read, with a warning when the file could not be used. */
    record Loaded<T>(T value, String warning) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private final Path file;
    private final Class<T> type;

    JsonRecordFile(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    Path file() {
        return file;
    }

    /**
     * @param check completes and validates what was read (throws on values out of range)
     * @param what the file as the warning names it, e.g. "settings file"
     * @param instead what happens when the file cannot be used, e.g. "using the defaults"
     */
    Loaded<T> load(T fallback, UnaryOperator<T> check, String what, String instead) {
        if (!Files.exists(file)) {
            return new Loaded<>(fallback, null);
        }
        try {
            T read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            if (read == null) {
                throw new JsonParseException("empty file");
            }
            return new Loaded<>(check.apply(read), null);
        } catch (IOException | RuntimeException e) {
            return new Loaded<>(fallback, what + " " + file + " could not be used (" + Messages.oneLine(e) + "); "
                    + instead);
        }
    }

    void save(T value) throws IOException {
        byte[] json = GSON.toJson(value).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, channel -> channel.write(ByteBuffer.wrap(json)));
    }
}
