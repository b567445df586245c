package io.vaeexplorer;

import io.vaeexplorer.cli.VaeCommand;
import io.vaeexplorer.ui.ExplorerLauncher;
import java.util.Locale;

/** Entry point of the jar: the explorer window without arguments, the command line with them. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            if (!hasDisplay()) {
                System.err.println("error: no display to open the explorer window on (DISPLAY is not set); run it on a "
                        + "desktop, under xvfb-run, or use the command line: ./run.sh --help");
                System.exit(1);
            }
            ExplorerLauncher.main(args);
            return;
        }
        System.exit(VaeCommand.execute(args));
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
