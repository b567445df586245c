package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.store.CheckpointException;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk trouble during training: the output folder vanishes, turns into a file or was never writable. Training
 * must go on in memory, say so in one line, save again as soon as it can, and never end without the model on disk
 * somewhere. The folder is changed from a listener that runs just before the saver on the training thread, so each
 * case hits exactly the epochs it names.
 */
class CheckpointSaverTest {

    private static final int EPOCHS = 5;

    @TempDir
    static Path temp;

    private static Path dataDir;
    private static Dataset data;

    @BeforeAll
    static void tinyData() throws IOException {
        dataDir = CrashSafetyTest.mnistSlice(temp.resolve("mnist-slice"), 128, 100);
        data = DatasetLoader.load(dataDir);
    }

    @Test
    void aFolderReplacedByAFileWarnsOnceTrainingGoesOnAndALaterSaveSucceedsOnceItIsBack() throws Exception {
        Path folder = temp.resolve("replaced");
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CheckpointSaver saver = new CheckpointSaver(folder, new PrintStream(warnings, true, StandardCharsets.UTF_8),
                temp.resolve("rescue"));
        Map<Integer, Boolean> failingAfter = new ConcurrentHashMap<>();
        TrainingResult result = train(saver, failingAfter, epoch -> {
            if (epoch == 2) {
                deleteTree(folder);
                write(folder, "in the way"); // as if a user or a script put a file there
            } else if (epoch == 4) {
                deleteTree(folder); // gone again: the next save may create the folder anew
            }
        });

        assertEquals(TrainingState.FINISHED, result.state(), result.message());
        assertEquals(EPOCHS, result.checkpoint().history().size());
        assertEquals(Map.of(1, false, 2, true, 3, true, 4, false, 5, false), failingAfter);
        List<String> lines = warnings.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "one line per distinct problem, not one per epoch: " + lines);
        assertTrue(lines.get(0).startsWith("warning: cannot save " + folder.resolve(CheckpointIO.FILE_NAME) + ": ")
                && lines.get(0).contains("not a folder") && lines.get(0).contains("training goes on"), lines.get(0));
        assertFalse(saver.failing());
        assertEquals(EPOCHS, CheckpointIO.load(folder).epochsDone());
    }

    @Test
    void aFolderDeletedMidRunIsCreatedAgainByTheNextSaveWithoutAWarning() throws Exception {
        Path folder = temp.resolve("deleted");
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CheckpointSaver saver = new CheckpointSaver(folder, new PrintStream(warnings, true, StandardCharsets.UTF_8),
                temp.resolve("rescue"));
        Map<Integer, Boolean> failingAfter = new ConcurrentHashMap<>();
        TrainingResult result = train(saver, failingAfter, epoch -> {
            if (epoch == 3) {
                deleteTree(folder);
            }
        });

        assertEquals(TrainingState.FINISHED, result.state(), result.message());
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        assertFalse(failingAfter.containsValue(true), failingAfter.toString());
        assertEquals(EPOCHS, CheckpointIO.load(folder).epochsDone());
    }

    @Test
    void aFolderThatCannotBeCreatedFailsEverySaveAndTheRescueFolderGetsTheModel() throws Exception {
        // runs as root here, so permissions stop nothing: a regular file where a parent folder should be does
        Path blocker = write(temp.resolve("blocker-file"), "a file, not a folder");
        Path folder = blocker.resolve("run");
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Path rescueParent = temp.resolve("rescue");
        CheckpointSaver saver = new CheckpointSaver(folder, new PrintStream(warnings, true, StandardCharsets.UTF_8),
                rescueParent);
        Map<Integer, Boolean> failingAfter = new ConcurrentHashMap<>();
        TrainingResult result = train(saver, failingAfter, epoch -> { });

        assertEquals(TrainingState.FINISHED, result.state(), result.message());
        assertEquals(List.of(true), failingAfter.values().stream().distinct().toList());
        assertTrue(saver.lastError().startsWith("cannot save " + folder.resolve(CheckpointIO.FILE_NAME)),
                saver.lastError());
        assertEquals(1, warnings.toString(StandardCharsets.UTF_8).lines().count());
        Path rescued = saver.rescue(result.checkpoint());
        assertTrue(rescued.startsWith(rescueParent), rescued.toString());
        assertEquals(EPOCHS, CheckpointIO.load(rescued).epochsDone());

        // and when even the rescue folder cannot be made, the caller hears why
        CheckpointSaver hopeless = new CheckpointSaver(folder, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), blocker.resolve("tmp"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> hopeless.rescue(result.checkpoint()));
        assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
    }

    @Test
    void theCommandLineReportsAnUnwritableFolderInOneLineFinishesAndSavesTheModelElsewhere() throws Exception {
        Path blocker = write(temp.resolve("cli-blocker"), "a file, not a folder");
        Path folder = blocker.resolve("out");
        CliTest.Run run = CliTest.run("train", "--data", dataDir.toString(), "--hidden", "32", "--epochs", "2",
                "--batch", "64", "--out", folder.toString(), "--json");
        Path rescued = null;
        try {
            assertEquals(1, run.exit(), "a model that could not be saved where asked must not exit 0: " + run.err());
            List<String> errors = run.err().lines().toList();
            assertEquals(2, errors.size(), run.err());
            String expectedStart = "cannot save " + folder.resolve(CheckpointIO.FILE_NAME) + ": ";
            assertTrue(errors.get(0).startsWith("warning: " + expectedStart), errors.get(0));
            assertTrue(errors.get(1).startsWith("error: " + expectedStart), errors.get(1));
            JsonObject json = JsonParser.parseString(run.lastLine()).getAsJsonObject();
            assertEquals("finished", json.get("state").getAsString());
            assertEquals(2, json.get("epochs").getAsInt());
            rescued = Path.of(json.get("out").getAsString());
            assertTrue(errors.get(1).endsWith("the model was saved to " + rescued + " instead"), errors.get(1));
            assertTrue(run.out().contains("checkpoint: " + rescued), run.out());
            assertEquals(2, CheckpointIO.load(rescued).epochsDone());
        } finally {
            if (rescued != null) {
                deleteTree(rescued.getParent()); // the system's temporary folder is not ours to fill
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface BeforeSave {
        void epochEnded(int epoch) throws IOException;
    }

    /** Trains a small MLP; {@code beforeSave} runs on every epoch just before the saver sees it. */
    private static TrainingResult train(CheckpointSaver saver, Map<Integer, Boolean> failingAfter,
                                        BeforeSave beforeSave) throws Exception {
        TrainingService service = new TrainingService(new TrainingRequest(data, ModelConfig.mlp(2, List.of(32)),
                new TrainingConfig(EPOCHS, 64, 1e-3f, 1, 0)));
        service.addListener(event -> {
            if (event instanceof TrainingEvent.Epoch epoch) {
                try {
                    beforeSave.epochEnded(epoch.record().epoch());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        service.addListener(saver);
        service.addListener(event -> {
            if (event instanceof TrainingEvent.Epoch epoch) {
                failingAfter.put(epoch.record().epoch(), saver.failing());
            }
        });
        service.start();
        return service.result().get(90, TimeUnit.SECONDS);
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
