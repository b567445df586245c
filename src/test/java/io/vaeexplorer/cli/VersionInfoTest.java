package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.core.AppVersion;
import java.util.List;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;

class VersionInfoTest {

    @Test
    void theVersionLinesNameTheAppTheLibrariesAndTheJavaRuntime() {
        Attributes manifest = new Attributes();
        manifest.putValue("Implementation-Title", AppVersion.TITLE);
        manifest.putValue("Implementation-Version", "1.2.3");
        manifest.putValue("DJL-Version", "0.32.0");
        manifest.putValue("PyTorch-Version", "2.5.1");
        manifest.putValue("JavaFX-Version", "21.0.11");
        List<String> lines = VersionInfo.lines(manifest);
        assertEquals("VAE latent-space explorer 1.2.3", lines.get(0));
        assertEquals("DJL 0.32.0, PyTorch 2.5.1, JavaFX 21.0.11", lines.get(1));
        assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version")), lines.get(2));
    }

    @Test
    void aBuildWithoutAJarSaysSoInsteadOfFailing() {
        List<String> lines = VersionInfo.lines(null);
        assertEquals("VAE latent-space explorer (development build)", lines.get(0));
        assertEquals("DJL unknown, PyTorch unknown, JavaFX unknown", lines.get(1));
    }

    @Test
    void everyCommandAnswersVersion() {
        for (String command : List.of("train", "eval", "render", "sweep", "bench")) {
            CliTest.Run run = CliTest.run(command, "--version");
            assertEquals(0, run.exit(), command + ": " + run.err());
            assertTrue(run.out().startsWith("VAE latent-space explorer"), command + ": " + run.out());
        }
    }
}
