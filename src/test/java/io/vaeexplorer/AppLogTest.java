package io.vaeexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AppLogTest {

    @TempDir
    Path temp;

    /** What a window process does with its log: run in a JVM of its own, since it takes over standard error. */
    public static final class Probe {
        private interface LibC extends Library {
            long write(int fd, byte[] bytes, long count);
        }

        public static void main(String[] args) {
            AppLog.start(Path.of(args[0]));
            System.err.println("printed by Java");
            LoggerFactory.getLogger("probe").warn("a logged warning");
            LoggerFactory.getLogger("probe").info("a logged detail");
            byte[] text = "written by native code\n".getBytes(StandardCharsets.US_ASCII);
            Native.load("c", LibC.class).write(2, text, text.length);
        }
    }

    @Test
    void warningsJavaOutputAndNativeMessagesAllReachTheLogFile() throws Exception {
        assumeTrue(Platform.isLinux(), "standard error is redirected natively on Linux only");
        Path folder = temp.resolve("app");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Probe.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        String terminal = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, probe.exitValue(), terminal);
        Path log = folder.resolve(AppLog.FILE_NAME);
        assertTrue(terminal.contains("warnings and errors go to " + log), terminal);
        assertFalse(terminal.contains("printed by Java"), "nothing after the redirect reaches the terminal");
        String logged = Files.readString(log);
        for (String line : List.of("VAE latent-space explorer started", "printed by Java", "WARN probe - a logged"
                + " warning", "written by native code")) {
            assertTrue(logged.contains(line), line + " in\n" + logged);
        }
        assertFalse(logged.contains("a logged detail"), "below warnings nothing is logged");
    }

    @Test
    void aLargeLogMakesWayForANewOneKeepingOneOlder() throws IOException {
        Path log = temp.resolve(AppLog.FILE_NAME);
        Files.write(log, new byte[(int) AppLog.ROTATE_BYTES + 1]);
        AppLog.rotateIfLarge(log);
        assertFalse(Files.exists(log));
        assertEquals(AppLog.ROTATE_BYTES + 1, Files.size(temp.resolve(AppLog.FILE_NAME + ".1")));
        Files.writeString(log, "small");
        AppLog.rotateIfLarge(log);
        assertEquals("small", Files.readString(log));
    }
}
