package io.vaeexplorer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings file that persists between launches. Whatever a crash, a disk problem or a hand edit left there,
 * the explorer must start, with the defaults and a one-line warning naming the file. Plain file handling: no
 * JavaFX toolkit is started here.
 */
class SettingsStoreTest {

    private static final TrainingSettings CUSTOM = new TrainingSettings(ModelKind.CONV, 8, "16,32,128",
            Likelihood.MSE, 0.5f, Objective.RECON_ONLY, 3e-4f, 64, 4, 42, 1000, "/data/fashion");

    @TempDir
    Path temp;

    @Test
    void savedSettingsLoadBackExactlyAndAMissingFileGivesTheDefaultsWithoutAWarning() throws IOException {
        SettingsStore store = new SettingsStore(temp.resolve("nested").resolve("settings.json"));
        SettingsStore.Loaded missing = store.load();
        assertEquals(TrainingSettings.defaults(), missing.settings());
        assertNull(missing.warning());

        store.save(CUSTOM);
        SettingsStore.Loaded loaded = store.load();
        assertEquals(CUSTOM, loaded.settings());
        assertNull(loaded.warning());
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertEquals(List.of(store.file()), files.toList(), "the atomic save left a temporary file");
        }
    }

    @Test
    void aFileCutShortAtAnyPointGivesTheDefaultsAndAWarning() throws IOException {
        Path file = temp.resolve("settings.json");
        SettingsStore store = new SettingsStore(file);
        store.save(CUSTOM);
        byte[] whole = Files.readAllBytes(file);
        // every proper prefix, as a crash of an editor or a full disk could leave it (the store itself is atomic)
        for (int length = 0; length < whole.length; length++) {
            Files.write(file, Arrays.copyOf(whole, length));
            assertDefaultsWithWarning(store, "cut to " + length + " of " + whole.length + " bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"latent\": \"two\"}",                          // a string for a number
        "{\"beta\": true}",                               // a boolean for a number
        "{\"batchSize\": 1.5}",                           // a fraction for a whole number
        "{\"seed\": {\"value\": 1}}",                     // an object for a number
        "{\"hidden\": [400]}",                            // a list for text
        "{\"kind\": {}}",                                 // an object for a name
        "[1, 2, 3]",                                      // not an object at all
        "\"settings\"",
        "null",
        "42",
        "{\"latent\": -4, garbage",                       // broken syntax
        "{\"latent\": 2}}}",
        "{\"latent\": 0}",                                // parses, but out of range
        "{\"kind\": \"MLP\", \"latent\": 2, \"hidden\": \"400,abc\", \"reconstruction\": \"BCE\", \"beta\": 1,"
            + " \"objective\": \"ELBO\", \"learningRate\": 0.001, \"batchSize\": 128, \"epochs\": 10, \"seed\": 1}",
        "{\"kind\": \"MLP\", \"latent\": 2, \"hidden\": \"400\", \"reconstruction\": \"BCE\", \"beta\": -1,"
            + " \"objective\": \"ELBO\", \"learningRate\": 0.001, \"batchSize\": 128, \"epochs\": 10, \"seed\": 1}",
        "{\"kind\": \"MLP\", \"latent\": 2, \"hidden\": \"400\", \"reconstruction\": \"BCE\", \"beta\": 1,"
            + " \"objective\": \"ELBO\", \"learningRate\": NaN, \"batchSize\": 128, \"epochs\": 10, \"seed\": 1}",
        "{\"kind\": \"MLP\", \"latent\": 2, \"hidden\": \"400\", \"reconstruction\": \"BCE\", \"beta\": 1,"
            + " \"objective\": \"ELBO\", \"learningRate\": 0.001, \"batchSize\": 0, \"epochs\": 10, \"seed\": 1}",
        "   ",
    })
    void wrongTypesAndInvalidValuesGiveTheDefaultsAndAWarning(String content) throws IOException {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, content);
        assertDefaultsWithWarning(new SettingsStore(file), content);
    }

    @Test
    void binaryGarbageGivesTheDefaultsAndAWarning() throws IOException {
        Path file = temp.resolve("settings.json");
        SettingsStore store = new SettingsStore(file);
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            Files.write(file, garbage);
            assertDefaultsWithWarning(store, "random bytes #" + i);
        }
        Files.write(file, new byte[1024]); // zeros, as a file system may show a file whose data never reached disk
        assertDefaultsWithWarning(store, "zeros");
        byte[] utf16 = "{\"latent\": 2}".getBytes(StandardCharsets.UTF_16);
        Files.write(file, utf16);
        assertDefaultsWithWarning(store, "UTF-16");
    }

    @Test
    void aFolderWhereTheFileShouldBeGivesTheDefaultsAWarningAndASaveErrorAndIsLeftAlone() throws IOException {
        // runs as root here, so an unreadable file cannot be made with permissions; a folder cannot be read as one
        Path file = temp.resolve("settings.json");
        Files.createDirectories(file.resolve("inside"));
        SettingsStore store = new SettingsStore(file);
        assertDefaultsWithWarning(store, "a folder");

        assertThrows(IOException.class, () -> store.save(CUSTOM));
        assertTrue(Files.isDirectory(file.resolve("inside")), "the save replaced the folder");
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of(file), files.toList(), "a failed save left a temporary file");
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeGivesTheDefaultsAndASaveError() throws IOException {
        Path notAFolder = Files.writeString(temp.resolve(".vae-explorer"), "a file");
        SettingsStore store = new SettingsStore(notAFolder.resolve("settings.json"));
        assertEquals(TrainingSettings.defaults(), store.load().settings());
        assertThrows(IOException.class, () -> store.save(CUSTOM));
        assertEquals("a file", Files.readString(notAFolder));
    }

    @Test
    void anOlderFileWithFieldsMissingOrUnknownKeepsWhatItHas() throws IOException {
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"kind\": \"MLP\", \"latent\": 5, \"hidden\": \"300\", \"beta\": 2.0,"
                + " \"learningRate\": 0.002, \"batchSize\": 32, \"epochs\": 3, \"seed\": 9, \"limit\": 0,"
                + " \"someFutureSetting\": {\"x\": [1, 2]}}");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertNull(loaded.warning());
        TrainingSettings d = TrainingSettings.defaults();
        assertEquals(new TrainingSettings(ModelKind.MLP, 5, "300", d.reconstruction(), 2f, d.objective(), 0.002f,
                32, 3, 9, 0, d.dataFolder()), loaded.settings());
    }

    @Test
    void theConditionalSwitchIsKeptAndAFileFromBeforeItLoadsAsPlain() throws IOException {
        Path file = temp.resolve("settings.json");
        SettingsStore store = new SettingsStore(file);
        store.save(CUSTOM.withConditional(true));
        assertTrue(Files.readString(file).contains("\"conditional\": true"), Files.readString(file));
        assertEquals(CUSTOM.withConditional(true), store.load().settings());

        // a file written before the switch existed: every other field as saved, and a plain model
        Files.writeString(file, "{\"kind\": \"MLP\", \"latent\": 3, \"hidden\": \"400\", \"reconstruction\":"
                + " \"BCE\", \"beta\": 1.0, \"objective\": \"ELBO\", \"learningRate\": 0.001, \"batchSize\": 128,"
                + " \"epochs\": 10, \"seed\": 1, \"limit\": 0, \"dataFolder\": \"\", \"klSchedule\": \"constant\"}");
        SettingsStore.Loaded old = store.load();
        assertNull(old.warning());
        assertFalse(old.settings().conditional());
        assertEquals(TrainingSettings.defaults().withLatent(3), old.settings());
    }

    @Test
    void anUnknownNameStillGivesUsableSettings() throws IOException {
        // Gson reads an enum constant it does not know as null, and the store fills in the default for it
        Path file = temp.resolve("settings.json");
        Files.writeString(file, "{\"kind\": \"RNN\", \"latent\": 3, \"hidden\": \"400\", \"beta\": 1,"
                + " \"learningRate\": 0.001, \"batchSize\": 128, \"epochs\": 10, \"seed\": 1}");
        TrainingSettings settings = new SettingsStore(file).load().settings();
        assertEquals(ModelKind.MLP, settings.kind());
        assertNotNull(settings.modelConfig(28, 28));
    }

    private static void assertDefaultsWithWarning(SettingsStore store, String what) {
        SettingsStore.Loaded loaded = store.load();
        assertEquals(TrainingSettings.defaults(), loaded.settings(), what);
        String warning = loaded.warning();
        assertNotNull(warning, "no warning for " + what);
        assertTrue(warning.contains(store.file().toString()), "the warning does not name the file: " + warning);
        assertTrue(warning.endsWith("using the defaults"), warning);
        assertFalse(warning.contains("\n") || warning.contains("\r"), "not one line: " + warning);
    }
}
