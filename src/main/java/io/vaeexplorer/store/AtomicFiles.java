package io.vaeexplorer.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a crash, a kill or a full disk at any moment leaves either the previous file or the
 * complete new one, never a half-written one: the content goes to a hidden temporary file in the same folder,
 * is forced to disk, and is then renamed over the target (atomically where the file system can). Every file the
 * program writes (checkpoints, settings, PNG and CSV exports) goes through here.
 */
public final class AtomicFiles {

    /** Writes the whole content to the channel of the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Creates missing parent folders, writes, and renames over {@code file}; returns {@code file}. */
    public static Path write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true); // the data must be on disk before the rename makes it the file
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceFolder(folder);
            return file;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a stray hidden temporary file is harmless: nothing ever reads it
                }
            }
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder, hence best effort. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the file is complete either way; at worst a power cut brings back the previous one
        }
    }
}
