package io.vaeexplorer.cli;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.store.CheckpointException;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingEventListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves the checkpoint after every epoch. A failed save (read-only or vanished folder, full disk) is reported
 * once and training goes on in memory; the previous good file stays as it was, since saves are atomic. A later
 * save tries the folder again, so a folder that becomes writable again gets the newest checkpoint; if the end of
 * the run still finds it unwritable, {@link #rescue} puts the final model in a fresh temporary folder instead.
 */
final class CheckpointSaver implements TrainingEventListener {

    private final Path folder;
    private final PrintStream warnings;
    private final Path rescueParent;
    private volatile Path saved;
    private volatile String lastError;

    CheckpointSaver(Path folder, PrintStream warnings) {
        this(folder, warnings, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param rescueParent where {@link #rescue} makes its folder when {@code folder} cannot be written */
    CheckpointSaver(Path folder, PrintStream warnings, Path rescueParent) {
        this.folder = folder;
        this.warnings = warnings;
        this.rescueParent = rescueParent;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Epoch epoch) {
            save(epoch.checkpoint());
        }
    }

    /** Saves into the folder; true if it worked. A failure is printed once per distinct message. */
    boolean save(Checkpoint checkpoint) {
        try {
            saved = CheckpointIO.save(checkpoint, folder);
            lastError = null;
            return true;
        } catch (CheckpointException e) {
            if (!e.getMessage().equals(lastError)) {
                warnings.println("warning: " + e.getMessage() + " (training goes on; the model is kept in memory)");
            }
            lastError = e.getMessage();
            return false;
        }
    }

    /** The file last written, or null if no save succeeded; older than the run's model while {@link #failing}. */
    Path saved() {
        return saved;
    }

    /** True when the latest save failed, so the folder holds an older checkpoint or none. */
    boolean failing() {
        return lastError != null;
    }

    /** Why the latest save failed (one line naming the file), or null when it worked. */
    String lastError() {
        return lastError;
    }

    /**
     * Saves the checkpoint into a new folder under the rescue parent (the system's temporary folder) when the
     * chosen folder cannot take it, so that the result of a long run is not lost with the process.
     *
     * @return the file written
     * @throws CheckpointException when that fails too
     */
    Path rescue(Checkpoint checkpoint) {
        Path place;
        try {
            Files.createDirectories(rescueParent);
            place = Files.createTempDirectory(rescueParent, "vae-explorer-unsaved-");
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot create a folder in " + rescueParent + " (" + e + ")", e);
        }
        return CheckpointIO.save(checkpoint, place);
    }
}
