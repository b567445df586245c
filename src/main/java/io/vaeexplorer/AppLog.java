package io.vaeexplorer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The window's log file, {@code vae-explorer.log} in the app's folder: warnings and errors of the app and its
 * libraries, and whatever the native PyTorch library prints. A window started from a desktop has no terminal, so
 * without the file those messages would be lost.
 *
 * <p>On Linux the process's standard error itself (file descriptor 2) is pointed at the file, because libtorch
 * writes its warnings there from C++, past anything Java could catch; elsewhere Java's {@code System.err} is.
 */
final class AppLog {

    static final String FILE_NAME = "vae-explorer.log";
    /** A log larger than this is moved to {@code vae-explorer.log.1} (replacing the older one) at start-up. */
    static final long ROTATE_BYTES = 5L << 20;

    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int STDERR = 2;

    private interface LibC extends Library {
        int open(String path, int flags, int mode);

        int dup2(int from, int to);

        int close(int fd);
    }

    private AppLog() {
    }

    /**
     * Sends standard error to the log file in {@code folder} from here on, and sets the app's loggers to warnings
     * with their time. Must run before the first logger is made.
     *
     * @return the log file, or null when it could not be opened (messages then stay on standard error)
     */
    static Path start(Path folder) {
        configureLoggers();
        Path file = folder.resolve(FILE_NAME);
        try {
            Files.createDirectories(folder);
            rotateIfLarge(file);
            System.err.println("vae-explorer: warnings and errors go to " + file);
            redirectStandardError(file);
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println("warning: no log file (" + e.getMessage() + "); messages stay on this terminal");
            return null;
        }
        System.err.println("--- " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                + " VAE latent-space explorer started (Java " + System.getProperty("java.version") + ")");
        return file;
    }

    /** slf4j-simple's settings, unless given on the command line: warnings and errors, with date and time. */
    static void configureLoggers() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Keeps one older log beside the current one, so a log never grows without bound. */
    static void rotateIfLarge(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
            Files.move(file, file.resolveSibling(FILE_NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void redirectStandardError(Path file) throws IOException {
        if (Platform.isLinux()) {
            LibC libc = Native.load("c", LibC.class);
            int fd = libc.open(file.toString(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (fd < 0 || libc.dup2(fd, STDERR) < 0) {
                throw new IOException("cannot open " + file + " for the log");
            }
            libc.close(fd);
            // System.err writes to descriptor 2, which is now the file
            return;
        }
        System.setErr(new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8));
    }
}
