package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    @TempDir
    Path temp;

    @Test
    void aWorkingSetUpGetsALineForEachPartAndExitsCleanly() {
        CliTest.Run run = CliTest.run("doctor", "--app-folder", temp.resolve("app").toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        for (String topic : List.of("platform", "Java", "PyTorch", "device", "data", "app folder", "disk (app)",
                "disk (runs)", "display", "JavaFX")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ok   " + topic)), topic + " in\n" + run.out());
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("PyTorch") && l.contains("native library")), run.out());
        assertEquals("everything the app needs is in place", lines.get(lines.size() - 1));
    }

    @Test
    void javafxIsReportedAsModulesOrAsTheClassPathWithTheWayToModules() {
        DoctorCommand.Finding named = DoctorCommand.javafx(String.class.getModule());
        assertFalse(named.problem());
        assertTrue(named.detail().startsWith("modules") && named.detail().contains("java.base"), named.detail());

        DoctorCommand.Finding unnamed = DoctorCommand.javafx(DoctorCommandTest.class.getModule());
        assertFalse(unnamed.problem());
        assertTrue(unnamed.detail().contains("class path") && unnamed.detail().contains("./run.sh"), unnamed.detail());
    }

    @Test
    void anAppFolderTheAppCannotUseIsAProblemSaidInASentence() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        DoctorCommand.Finding finding = DoctorCommand.appFolder(file);
        assertTrue(finding.problem());
        assertTrue(finding.line().startsWith("!!   app folder"), finding.line());
        assertTrue(finding.detail().contains("is not a folder the app can write to"), finding.detail());

        CliTest.Run run = CliTest.run("doctor", "--app-folder", file.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().strip().endsWith("1 problem found (the lines marked !!)"), run.out());
    }

    @Test
    void aFolderNotMadeYetIsNoProblemAndAFilledOneReportsItsCache() throws IOException {
        assertFalse(DoctorCommand.appFolder(temp.resolve("later")).problem());
        Path app = Files.createDirectories(temp.resolve("app"));
        Files.write(Files.createDirectories(app.resolve("cache")).resolve("set.images"), new byte[3 << 20]);
        DoctorCommand.Finding finding = DoctorCommand.appFolder(app);
        assertFalse(finding.problem());
        assertTrue(finding.detail().contains("settings not saved yet, picture cache 0.0 GB"), finding.detail());
        assertFalse(DoctorCommand.freeDisk("disk", temp).problem() && Files.getFileStore(temp).getUsableSpace()
                >= DoctorCommand.LOW_DISK_BYTES);
    }
}
