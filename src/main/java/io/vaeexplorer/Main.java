package io.vaeexplorer;

import io.vaeexplorer.cli.VaeCommand;
import io.vaeexplorer.concurrent.MallocTuning;
import io.vaeexplorer.store.AppFolder;
import io.vaeexplorer.ui.ExplorerApp;
import io.vaeexplorer.ui.ExplorerLauncher;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Entry point of the jar: the explorer window without arguments or with only {@code --data DIR} (the window opened
 * on that data), the command line otherwise.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        MallocTuning.apply();
        String data = windowData(args);
        if (args.length == 0 || data != null) {
            if (!hasDisplay()) {
                System.err.println("error: no display to open the explorer window on (DISPLAY is not set); run it on a "
                        + "desktop, under xvfb-run, or use the command line: ./run.sh --help");
                System.exit(1);
            }
            if (data != null) {
                System.setProperty(ExplorerApp.DATA_PROPERTY, data);
            }
            Path log = AppLog.start(AppFolder.path());
            if (log != null) {
                System.setProperty(ExplorerApp.LOG_PROPERTY, log.toString());
            }
            ExplorerLauncher.main(new String[0]);
            return;
        }
        System.exit(VaeCommand.execute(args));
    }

    /** The folder of {@code --data DIR} (or {@code --data=DIR}) when that is all the arguments say, else null. */
    static String windowData(String[] args) {
        if (args.length == 2 && args[0].equals("--data")) {
            return args[1];
        }
        if (args.length == 1 && args[0].startsWith("--data=")) {
            return args[0].substring("--data=".length());
        }
        return null;
    }

    private static boolean hasDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"));
    }
}
