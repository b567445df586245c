package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.store.CheckpointException;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.MetricsCsv;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code train} command as a separate process that is killed (SIGKILL, SIGTERM) at random moments or whose
 * output folder is taken away: the checkpoint on disk must always be a complete, loadable one that never goes back
 * in time, and training must resume from it or finish in memory. Runs on a slice of the shipped MNIST (128 training
 * and 100 test images) so that one epoch, its test evaluation and its save take a fraction of a second.
 */
class CrashSafetyTest {

    /** A new process per kill; JVM and DJL start take 1-3 s of each launch on two cores. */
    private static final int KILLS = 20;
    /**
     * The "epoch N/M" line is printed just before the saver writes that epoch's checkpoint (about 2.6 MB for
     * 784-400-20, written, fsynced and renamed in a few to a few tens of milliseconds), so a kill this soon after the
     * line may land inside the save, or in its rename, or just after it.
     */
    private static final int SAVE_WINDOW_MICROS = 40_000;
    /** Kills aimed at the write itself wait at most this long after its temporary file shows up. */
    private static final int WRITE_WINDOW_MICROS = 1_000;
    private static final String[] TINY_MODEL = {"--hidden", "400", "--latent", "20", "--batch", "128", "--limit", "128"};

    @TempDir
    static Path temp;

    private static Path data;

    @BeforeAll
    static void tinyData() throws IOException {
        data = mnistSlice(temp.resolve("mnist-slice"), 128, 100);
    }

    /** A failed assertion must not leave a training process behind on a shared machine. */
    @AfterEach
    void killLeftovers() {
        Launch.STARTED.forEach(Process::destroyForcibly);
        Launch.STARTED.clear();
    }

    @Test
    void sigkillAtRandomMomentsNeverLeavesABrokenOrOlderCheckpointAndTrainingResumesFromTheLast() throws Exception {
        Path out = temp.resolve("killed");
        Path file = out.resolve(CheckpointIO.FILE_NAME);
        Random random = new Random(6);
        List<EpochRecord> history = List.of();
        long step = -1;
        int killsInsideSave = 0;
        List<Path> strayBefore = List.of();
        for (int kill = 1; kill <= KILLS; kill++) {
            // each launch resumes the checkpoint the last one left, as a restarted job would
            List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs", "1000",
                    "--seed", "3", "--out", out.toString()));
            if (Files.exists(file)) {
                args.addAll(List.of("--resume", out.toString()));
            } else {
                args.addAll(List.of(TINY_MODEL));
            }
            Launch launch = Launch.start(args, temp.resolve("stderr-" + kill + ".txt"));
            String when;
            if (kill % 5 == 0) {
                // some kills at any moment: starting, loading, training, evaluating
                long millis = random.nextInt(3000);
                Thread.sleep(millis);
                when = millis + " ms after launch";
            } else {
                int epochs = 1 + random.nextInt(3);
                launch.awaitEpochLines(epochs);
                if (kill % 2 == 0) {
                    // catch a save in the act, however fast this machine writes: kill once its temporary file exists,
                    // the first time at once (the write and fsync of megabytes outlast the kill), later a little after
                    boolean seen = awaitNewFile(out, strayBefore, 5000);
                    long drawn = random.nextInt(WRITE_WINDOW_MICROS);
                    long micros = kill == 2 ? 0 : drawn;
                    LockSupport.parkNanos(micros * 1000);
                    when = micros + " us after " + (seen ? "a temporary file appeared" : "waiting for a save in vain")
                            + " after epoch line " + epochs;
                } else {
                    long micros = random.nextInt(SAVE_WINDOW_MICROS);
                    LockSupport.parkNanos(micros * 1000);
                    when = micros + " us after epoch line " + epochs;
                }
            }
            launch.process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no flush
            assertTrue(launch.process.waitFor(30, TimeUnit.SECONDS), "killed process did not end");
            assertEquals(137, launch.process.exitValue(), "kill " + kill + " (" + when + ") found the run already ended: "
                    + launch.stderr());

            String context = "after kill " + kill + " (" + when + ")";
            List<Path> stray = strayFiles(out);
            for (Path p : stray) {
                String name = p.getFileName().toString();
                assertTrue((name.startsWith("." + CheckpointIO.FILE_NAME + ".")
                        || name.startsWith("." + MetricsCsv.FILE_NAME + ".")) && name.endsWith(".tmp"),
                        "unexpected file " + name + " " + context);
            }
            if (!strayBefore.containsAll(stray)) {
                killsInsideSave++; // a temporary file left behind: this kill hit a save before its rename
            }
            strayBefore = stray;
            if (history.isEmpty() && !Files.exists(file)) {
                continue; // killed before its first save was complete: nothing to load yet
            }
            assertTrue(Files.exists(file), "the checkpoint vanished " + context);
            Checkpoint loaded = load(out, context);
            // loading the folder must give model.vae itself, not a stray temporary file beside it
            assertEquals(load(file, context).history(), loaded.history(), context);
            List<EpochRecord> now = loaded.history();
            assertTrue(now.size() >= history.size() && now.subList(0, history.size()).equals(history),
                    "the checkpoint went back from " + history.size() + " to " + now.size() + " epochs " + context);
            assertTrue(loaded.weights().step() >= step, "step went back " + context);
            history = now;
            step = loaded.weights().step();
        }
        System.out.printf("CrashSafetyTest: %d kills, %d inside a save, checkpoint at epoch %d%n", KILLS,
                killsInsideSave, history.size());
        assertTrue(history.size() >= KILLS / 2, "too few epochs survived: " + history.size());
        assertTrue(killsInsideSave >= 1, "no kill landed inside a save; the test did not test what it claims");

        // a restart after the last kill finishes and continues the killed run's history
        Run resumed = Launch.runToEnd(List.of("train", "--data", data.toString(), "--resume", file.toString(),
                "--epochs", "2", "--out", out.toString(), "--json"), temp.resolve("stderr-resume.txt"));
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resuming after epoch " + history.size()), resumed.out());
        Checkpoint finished = CheckpointIO.load(out);
        List<EpochRecord> all = finished.history();
        assertEquals(history, all.subList(0, history.size()));
        assertEquals(IntStream.rangeClosed(1, history.size() + 2).boxed().toList(),
                all.stream().map(EpochRecord::epoch).toList());
        assertTrue(all.get(history.size()).step() > step, "the resumed run restarted its step count");
        assertEquals(history.size() + 2, resumed.json().get("epochs").getAsInt());
    }

    @Test
    void sigtermCancelsAndSavesTheWeightsOfThatMoment() throws Exception {
        Path out = temp.resolve("terminated");
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs", "1000",
                "--batch", "8", "--out", out.toString(), "--json"));
        args.addAll(List.of(TINY_MODEL).subList(0, 4));
        Launch launch = Launch.start(args, temp.resolve("stderr-term.txt"));
        launch.awaitEpochLines(2);
        Thread.sleep(30);
        // SIGTERM, as from a job scheduler (Ctrl-C runs the same shutdown); through the handle, because
        // Process.destroy() also closes the pipes and the last lines would be lost
        assertTrue(launch.process.toHandle().destroy());
        assertTrue(launch.process.waitFor(60, TimeUnit.SECONDS));
        String out1 = launch.drainStdout();
        assertEquals(143, launch.process.exitValue(), launch.stderr());
        assertTrue(launch.stderr().contains("cancelled; the checkpoint holds the weights at the moment of cancelling"),
                launch.stderr());
        assertTrue(out1.contains("checkpoint: " + out.resolve(CheckpointIO.FILE_NAME)), out1 + launch.stderr());
        Checkpoint saved = CheckpointIO.load(out);
        assertTrue(saved.history().size() >= 2, "epochs " + saved.history().size());
        assertTrue(saved.weights().step() >= saved.history().get(saved.history().size() - 1).step());
    }

    @Test
    void anOutputFolderReplacedByAFileMidRunGivesOneLineErrorsAndTheFinishedModelIsSavedElsewhere()
            throws Exception {
        Path out = temp.resolve("replaced");
        Path rescueParent = temp.resolve("tmp");
        // the folder is replaced after epoch 2's line; the run must still be going then, however fast it trains:
        // each of the epochs after it saves (with an fsync) before the next begins
        int epochs = 50;
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs",
                String.valueOf(epochs), "--out", out.toString(), "--json"));
        args.addAll(List.of(TINY_MODEL));
        Launch launch = Launch.start(args, temp.resolve("stderr-replaced.txt"));
        launch.awaitEpochLines(2);
        replaceFolderByFile(out);
        assertTrue(launch.process.waitFor(120, TimeUnit.SECONDS), "training did not finish");
        Run run = new Run(launch.process.exitValue(), launch.drainStdout(), launch.stderr());

        assertEquals(1, run.exit(), "a model that could not be saved where asked must not exit 0: " + run.err());
        JsonObject json = run.json();
        assertEquals("finished", json.get("state").getAsString());
        assertEquals(epochs, json.get("epochs").getAsInt());
        assertTrue(json.get("test_neg_elbo").getAsDouble() > 0);
        List<String> errors = run.err().lines().filter(l -> !l.startsWith("[W")).toList(); // libtorch's own notice
        assertTrue(errors.stream().allMatch(l -> l.startsWith("warning: cannot save " + out)
                        || l.startsWith("error: cannot save " + out)), run.err());
        String last = errors.get(errors.size() - 1);
        assertTrue(last.startsWith("error: cannot save " + out.resolve(CheckpointIO.FILE_NAME)) && last.contains(
                "saved to " + rescueParent), last);
        Path rescued = Path.of(json.get("out").getAsString());
        assertTrue(rescued.startsWith(rescueParent), rescued.toString());
        assertTrue(last.contains(rescued.toString()), last);
        assertTrue(run.out().contains("checkpoint: " + rescued), run.out());
        assertEquals(epochs, CheckpointIO.load(rescued).epochsDone());
        assertEquals("not a folder", Files.readString(out), "the file put in the folder's place was touched");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Moves the folder away and puts a plain file in its place; the saver may recreate it in between, so retry. */
    private static void replaceFolderByFile(Path folder) throws IOException {
        Path blocker = temp.resolve("blocker");
        for (int attempt = 0; ; attempt++) {
            Files.writeString(blocker, "not a folder");
            try {
                if (Files.isDirectory(folder)) {
                    Files.move(folder, temp.resolve("moved-away-" + attempt), StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(blocker, folder, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException raced) {
                if (attempt > 20) {
                    throw raced;
                }
            }
        }
    }

    /** Polls (a few tens of microseconds a round) until the folder holds a file not in {@code known}. */
    private static boolean awaitNewFile(Path folder, List<Path> known, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (!known.containsAll(strayFiles(folder))) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static List<Path> strayFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().equals(CheckpointIO.FILE_NAME)
                    && !p.getFileName().toString().equals(MetricsCsv.FILE_NAME)).toList();
        }
    }

    private static Checkpoint load(Path path, String context) {
        try {
            return CheckpointIO.load(path);
        } catch (CheckpointException e) {
            return fail("the checkpoint does not load " + context + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the first {@code train} and {@code test} images and labels of the shipped MNIST as plain IDX files:
     * real digits, but a test set small enough that evaluating it after every epoch costs milliseconds.
     */
    static Path mnistSlice(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        Path mnist = Path.of("assets", "mnist");
        copyIdx(mnist, DatasetLoader.TRAIN_IMAGES, dir, train, 28 * 28);
        copyIdx(mnist, DatasetLoader.TRAIN_LABELS, dir, train, 1);
        copyIdx(mnist, DatasetLoader.TEST_IMAGES, dir, test, 28 * 28);
        copyIdx(mnist, DatasetLoader.TEST_LABELS, dir, test, 1);
        return dir;
    }

    /** IDX: magic, dimension sizes (big-endian int32; the first is the count), then the items. */
    private static void copyIdx(Path from, String name, Path to, int count, int itemBytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(from.resolve(name + ".gz"))));
             DataOutputStream outStream = new DataOutputStream(Files.newOutputStream(to.resolve(name)))) {
            int magic = in.readInt();
            int dims = magic & 0xff;
            in.readInt(); // the full count
            outStream.writeInt(magic);
            outStream.writeInt(count);
            for (int d = 1; d < dims; d++) {
                outStream.writeInt(in.readInt());
            }
            outStream.write(in.readNBytes(count * itemBytes));
        }
    }

    /** A finished run of the command line. */
    record Run(int exit, String out, String err) {
        JsonObject json() {
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        }
    }

    /** The command line in its own JVM, started as run.sh starts it, with its stdout read line by line. */
    static final class Launch {

        static final List<Process> STARTED = new CopyOnWriteArrayList<>();
        final Process process;
        private final Path stderrFile;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer stdout = new StringBuffer();
        private final Thread reader;
        private int epochLinesSeen;

        private Launch(Process process, Path stderrFile) {
            this.process = process;
            this.stderrFile = stderrFile;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        stdout.append(line).append('\n');
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process was killed: its pipe closes
                }
            }, "crash-test-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Launch start(List<String> args, Path stderrFile) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // small heap (the weights and data are native memory) and a quick start: C1 only, serial GC
            command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dai.djl.offline=true", "-Djava.io.tmpdir=" + temp.resolve("tmp")));
            // the engine settings surefire gives this JVM (graph optimiser, log levels), but one thread: on a busy
            // two-core machine two OpenMP threads wait on each other and a step takes ten times as long
            for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
                String key = p.getKey().toString();
                if ((key.startsWith("ai.djl.") || key.startsWith("org.slf4j.")) && !key.endsWith("num_threads")) {
                    command.add("-D" + key + "=" + p.getValue());
                }
            }
            command.add("-Dai.djl.pytorch.num_threads=1");
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.vaeexplorer.Main"));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(stderrFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("DJL_OFFLINE", "true");
            Process process = builder.start();
            STARTED.add(process);
            closeQuietly(process.getOutputStream());
            return new Launch(process, stderrFile);
        }

        static Run runToEnd(List<String> args, Path stderrFile) throws Exception {
            Launch launch = start(args, stderrFile);
            try {
                assertTrue(launch.process.waitFor(120, TimeUnit.SECONDS), "the run did not end");
                return new Run(launch.process.exitValue(), launch.drainStdout(), launch.stderr());
            } finally {
                launch.process.destroyForcibly();
            }
        }

        /** Waits until the run has printed {@code n} epoch lines in all; fails if it ends or stalls first. */
        void awaitEpochLines(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (epochLinesSeen < n) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("epoch ")) {
                    epochLinesSeen++;
                } else if (line == null && (!process.isAlive() || System.nanoTime() > deadline)) {
                    process.destroyForcibly();
                    fail("the run printed " + epochLinesSeen + " of " + n + " epoch lines, then "
                            + (process.isAlive() ? "stalled" : "ended") + ":\n" + stdout + stderr());
                }
            }
        }

        String drainStdout() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return stdout.toString();
        }

        String stderr() {
            try {
                return Files.readString(stderrFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(stderr unreadable: " + e + ")";
            }
        }

        private static void closeQuietly(OutputStream stream) {
            try {
                stream.close();
            } catch (IOException e) {
                // nothing to send it anyway
            }
        }
    }
}
