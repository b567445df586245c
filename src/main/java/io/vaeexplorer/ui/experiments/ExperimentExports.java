package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.UserMessages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Writes an experiment's picture off the FX thread; the status line names the file written, the error banner says
 * why none was. Exports the raster, not the screen: a PNG has the raster's own size at 1x and every pixel of it a
 * 2 x 2 block at 2x (see {@link ExportSize}).
 */
final class ExperimentExports {

    private final TaskExecutor files;
    private final UserMessages messages;
    private final ExportSize size;

    ExperimentExports(TaskExecutor files, UserMessages messages, ExportSize size) {
        this.files = files;
        this.messages = messages;
        this.size = size;
    }

    /** How many times as wide and high as at 1x the next export is; read it on the FX thread. */
    int scale() {
        return size.scale();
    }

    /** Writes the raster as a PNG; with none yet there is nothing to write, and the banner says so. */
    void png(Raster raster, Path file) {
        if (raster == null) {
            messages.error("there is no picture to export yet");
            return;
        }
        int scale = size.scale();
        write(() -> PngWriter.write(ImageTiler.enlarge(raster, scale), file));
    }

    /**
     * Writes two rasters side by side, {@code gap} background columns apart and aligned at the top, as one PNG
     * (enlarged whole at 2x); with the left one missing there is nothing to write, and the banner says so.
     */
    void pngSideBySide(Raster left, Raster right, int gap, Path file) {
        if (left == null) {
            messages.error("there is no picture to export yet");
            return;
        }
        int scale = size.scale();
        write(() -> PngWriter.write(ImageTiler.enlarge(sideBySide(left, right, gap), scale), file));
    }

    /**
     * {@code left} and {@code right} on one background, {@code gap} columns apart, tops aligned; in colour when
     * either is.
     */
    static Raster sideBySide(Raster left, Raster right, int gap) {
        if (left.channels() != right.channels()) {
            left = left.toRgb();
            right = right.toRgb();
        }
        int channels = left.channels();
        int width = Math.addExact(Math.addExact(left.width(), gap), right.width());
        int height = Math.max(left.height(), right.height());
        byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
        Arrays.fill(pixels, (byte) ImageTiler.BACKGROUND);
        copyInto(left, pixels, width, 0);
        copyInto(right, pixels, width, left.width() + gap);
        return new Raster(width, height, channels, pixels);
    }

    private static void copyInto(Raster source, byte[] target, int targetWidth, int left) {
        int channels = source.channels();
        int rowBytes = source.width() * channels;
        for (int y = 0; y < source.height(); y++) {
            System.arraycopy(source.pixels(), y * rowBytes, target, (y * targetWidth + left) * channels, rowBytes);
        }
    }

    /** Runs a write on the file executor and reports the file it wrote. */
    void write(Callable<Path> write) {
        BackgroundTask.wrap(write)
                .onSuccess(written -> messages.status("saved " + written))
                .onFailure(messages::error)
                .executeWith(files);
    }
}
