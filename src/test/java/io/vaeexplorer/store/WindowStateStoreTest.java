package io.vaeexplorer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.core.WindowState;
import io.vaeexplorer.ui.ExplorerApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window's state kept between launches, in its own file beside the settings. Whatever is in that file, the
 * explorer must start: a damaged file gives the default window and a one-line warning naming it. No JavaFX
 * toolkit is started here.
 */
class WindowStateStoreTest {

    private static final WindowState ARRANGED = new WindowState(new WindowState.Bounds(120, 64, 1180, 700.5), true,
            Map.of(ExplorerApp.PLANE_SPLIT, List.of(0.61), ExplorerApp.CENTRE_SPLIT, List.of(0.5)), "/data/exports",
            Map.of(ExplorerApp.THUMBNAILS_SWITCH, true, ExplorerApp.DENSITY_SWITCH, false));

    @TempDir
    Path temp;

    @Test
    void aSavedStateLoadsBackExactlyAndAMissingFileGivesNoneWithoutAWarning() throws IOException {
        WindowStateStore store = new WindowStateStore(temp.resolve("nested").resolve("window.json"));
        WindowStateStore.Loaded missing = store.load();
        assertEquals(WindowState.NONE, missing.state());
        assertNull(missing.warning());

        store.save(ARRANGED);
        WindowStateStore.Loaded loaded = store.load();
        assertEquals(ARRANGED, loaded.state());
        assertNull(loaded.warning());
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertEquals(List.of(store.file()), files.toList(), "the atomic save left a temporary file");
        }
    }

    @Test
    void itLivesBesideTheSettingsFileWhichKeepsItsFormat() throws IOException {
        TrainingSettings custom = new TrainingSettings(ModelKind.CONV, 8, "16,32,128", Likelihood.MSE, 0.5f,
                Objective.RECON_ONLY, 3e-4f, 64, 4, 42, 1000, "/data/fashion");
        SettingsStore settings = new SettingsStore(temp.resolve(".vae-explorer").resolve("settings.json"));
        settings.save(custom);
        String settingsJson = Files.readString(settings.file());

        WindowStateStore store = WindowStateStore.besideSettings(settings);
        store.save(ARRANGED);

        assertEquals(settings.file().toAbsolutePath().resolveSibling("window.json"), store.file());
        assertEquals(settingsJson, Files.readString(settings.file()), "the settings file was changed");
        assertEquals(custom, settings.load().settings());
        assertNull(settings.load().warning());
        assertEquals(ARRANGED, store.load().state());
    }

    @Test
    void aFileCutShortAtAnyPointGivesNoneAndAWarning() throws IOException {
        WindowStateStore store = new WindowStateStore(temp.resolve("window.json"));
        store.save(ARRANGED);
        byte[] whole = Files.readAllBytes(store.file());
        for (int length = 0; length < whole.length; length++) {
            Files.write(store.file(), Arrays.copyOf(whole, length));
            WindowStateStore.Loaded loaded = store.load();
            if (loaded.warning() == null) {
                // a prefix can still be a whole JSON value only by ending where the object ends
                assertEquals(ARRANGED, loaded.state(), "cut to " + length);
            } else {
                assertNoneWithWarning(store, "cut to " + length + " of " + whole.length + " bytes");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"bounds\": {\"x\": 0, \"y\": 0, \"width\": -5, \"height\": 700}}",     // no window is that narrow
        "{\"bounds\": {\"x\": 0, \"y\": 0, \"width\": 0, \"height\": 700}}",
        "{\"bounds\": {\"x\": NaN, \"y\": 0, \"width\": 900, \"height\": 700}}",
        "{\"bounds\": {\"x\": 0, \"y\": 0, \"width\": Infinity, \"height\": 700}}",
        "{\"bounds\": \"big\"}",                                                   // a string for an object
        "{\"dividers\": {\"plane-split\": [1.5]}}",                                // beyond the pane
        "{\"dividers\": {\"plane-split\": [-0.1]}}",
        "{\"dividers\": {\"plane-split\": [0.7, 0.3]}}",                           // out of order
        "{\"dividers\": {\"plane-split\": [null]}}",
        "{\"dividers\": {\"plane-split\": null}}",
        "{\"dividers\": [0.5]}",                                                   // a list for a map
        "{\"dividers\": {\"plane-split\": [\"half\"]}}",
        "{\"lastFolder\": {\"path\": \"/tmp\"}}",
        "[1, 2, 3]",
        "\"window\"",
        "null",
        "42",
        "   ",
        "{\"maximized\": true, garbage",
        "{\"maximized\": true}}}",
    })
    void wrongTypesAndImpossibleValuesGiveNoneAndAWarning(String content) throws IOException {
        WindowStateStore store = new WindowStateStore(temp.resolve("window.json"));
        Files.writeString(store.file(), content);
        assertNoneWithWarning(store, content);
    }

    @Test
    void binaryGarbageGivesNoneAndAWarning() throws IOException {
        WindowStateStore store = new WindowStateStore(temp.resolve("window.json"));
        Random random = new Random(11);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2048)];
            random.nextBytes(garbage);
            Files.write(store.file(), garbage);
            assertNoneWithWarning(store, "random bytes #" + i);
        }
        Files.write(store.file(), new byte[512]);
        assertNoneWithWarning(store, "zeros");
    }

    @Test
    void anOlderOrNewerFileWithFieldsMissingOrUnknownKeepsWhatItHas() throws IOException {
        WindowStateStore store = new WindowStateStore(temp.resolve("window.json"));
        Files.writeString(store.file(), "{\"maximized\": true, \"someFutureField\": {\"x\": [1]}}");
        WindowStateStore.Loaded loaded = store.load();
        assertNull(loaded.warning());
        assertEquals(new WindowState(null, true, Map.of(), null), loaded.state());
        assertEquals(Map.of(), loaded.state().switches(), "a file from before the switches has none on");
    }

    private static void assertNoneWithWarning(WindowStateStore store, String what) {
        WindowStateStore.Loaded loaded = store.load();
        assertEquals(WindowState.NONE, loaded.state(), what);
        String warning = loaded.warning();
        assertNotNull(warning, "no warning for " + what);
        assertTrue(warning.contains(store.file().toString()), "the warning does not name the file: " + warning);
        assertFalse(warning.contains("\n") || warning.contains("\r"), "not one line: " + warning);
    }
}
