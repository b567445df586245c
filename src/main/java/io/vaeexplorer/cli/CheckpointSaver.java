package io.vaeexplorer.cli;

import io.vaeexplorer.model.Checkpoint;
import io.vaeexplorer.model.CheckpointException;
import io.vaeexplorer.model.CheckpointIO;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingEventListener;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Saves the checkpoint after every epoch. A failed save (read-only or vanished folder, full disk) is reported
 * once and training goes on in memory; the previous good file stays as it was, since saves are atomic.
 */
final class CheckpointSaver implements TrainingEventListener {

    private final Path folder;
    private final PrintStream warnings;
    private volatile Path saved;
    private volatile String lastError;

    CheckpointSaver(Path folder, PrintStream warnings) {
        this.folder = folder;
        this.warnings = warnings;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Epoch epoch) {
            save(epoch.checkpoint());
        }
    }

    void save(Checkpoint checkpoint) {
        try {
            saved = CheckpointIO.save(checkpoint, folder);
            lastError = null;
        } catch (CheckpointException e) {
            if (!e.getMessage().equals(lastError)) {
                warnings.println("warning: " + e.getMessage() + " (training goes on; the model is kept in memory)");
            }
            lastError = e.getMessage();
        }
    }

    /** The file last written, or null if no save succeeded. */
    Path saved() {
        return saved;
    }
}
