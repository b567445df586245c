package io.vaeexplorer.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MallocTuningTest {

    /** Applies the settings in a JVM of its own (they change the whole process) and prints how many took. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("applied " + MallocTuning.apply());
        }
    }

    private static String runProbe(Map<String, String> environment, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.add(Probe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MALLOC_"));
        builder.environment().putAll(environment);
        Process probe = builder.start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void glibcTakesEverySettingTheEnvironmentDoesNotGive() throws Exception {
        assumeTrue(Platform.isLinux(), "mallopt is glibc's");
        assertEquals("applied 3", runProbe(Map.of()));
        assertEquals("applied 2", runProbe(Map.of("MALLOC_TOP_PAD_", "1048576")),
                "a value from the environment is the user's and is kept");
        assertEquals("applied 0", runProbe(Map.of(), "-D" + MallocTuning.PROPERTY + "=glibc"),
                "glibc's own settings on request");
    }

    @Test
    void aChildProcessIsGivenTheSameSettings() {
        Map<String, String> env = MallocTuning.environment();
        assertEquals(Integer.toString(32 << 20), env.get("MALLOC_MMAP_THRESHOLD_"));
        assertEquals(Integer.toString(Integer.MAX_VALUE), env.get("MALLOC_TRIM_THRESHOLD_"));
        assertEquals(Integer.toString(256 << 20), env.get("MALLOC_TOP_PAD_"));
    }
}
