package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.UserMessages;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Writes an experiment's picture off the FX thread; the status line names the file written, the error banner says
 * why none was. Exports the raster, not the screen, so a PNG has the raster's own size.
 */
final class ExperimentExports {

    private final TaskExecutor files;
    private final UserMessages messages;

    ExperimentExports(TaskExecutor files, UserMessages messages) {
        this.files = files;
        this.messages = messages;
    }

    /** Writes the raster as a PNG; with none yet there is nothing to write, and the banner says so. */
    void png(Raster raster, Path file) {
        if (raster == null) {
            messages.error("there is no picture to export yet");
            return;
        }
        write(() -> PngWriter.write(raster, file));
    }

    /** Runs a write on the file executor and reports the file it wrote. */
    void write(Callable<Path> write) {
        BackgroundTask.wrap(write)
                .onSuccess(written -> messages.status("saved " + written))
                .onFailure(messages::error)
                .executeWith(files);
    }
}
