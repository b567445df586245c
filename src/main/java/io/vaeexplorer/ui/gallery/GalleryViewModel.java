package io.vaeexplorer.ui.gallery;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.training.ModelScorer;
import io.vaeexplorer.ui.fx.UserMessages;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every model trained or loaded since the app started, plus the saved ones found in the models folder, each scored
 * once on the same test images in the background (test -ELBO parts and an IWAE bound) so they can be compared
 * fairly. Runs that failed are listed too. Models saved in the models folder can be renamed and deleted here,
 * and the ticked ones compared side by side ({@link #comparison()}).
 *
 * <p>Call its methods on the FX thread. Scoring and file work run as {@link BackgroundTask}s, one after another in
 * the order asked, on a task executor of the gallery's own rather than the app's file executor, so that exports
 * never wait behind a queue of models to score. Cancelling the scoring bumps a generation count that queued and
 * running jobs check, so the queue needs no thread handling of its own.
 */
public final class GalleryViewModel implements AutoCloseable {

    /** Samples per image and images for the IWAE column (the sweeps' defaults, so their numbers are the same). */
    public static final int IWAE_K = 50;
    public static final int IWAE_IMAGES = 500;
    private static final long SCORE_SEED = 20_250_101L;

    private final TaskExecutor tasks;
    private final TaskExecutor comparisonTasks;
    private final ComparisonViewModel comparison;
    private final ObservableList<GalleryEntry> entries = FXCollections.observableArrayList();
    private final UserMessages messages;
    private final Path modelsFolder;
    private boolean closed;
    private LabeledImages testSet;
    /** The neighbours of the k-NN accuracy; null scores without the latent space's use. */
    private LabeledImages trainingSet;
    private boolean labelled;
    /** Scoring jobs queued before this generation were cancelled; jobs check it before and while they run. */
    private final AtomicLong scoringGeneration = new AtomicLong();
    private final ReadOnlyIntegerWrapper scoresPending = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper scoringNow = new ReadOnlyStringWrapper("");
    /** The pending count for threads other than the FX thread (tests and benchmarks wait on it). */
    private volatile int pendingForOtherThreads;

    /**
     * @param tasks where scoring and file work run, one after another; the gallery's own, closed with it
     * @param comparisonTasks where comparisons are computed; the gallery's own, closed with it
     * @param messages receives one-line problems (an unreadable file in the models folder, say)
     * @param modelsFolder where runs are saved; only models in it can be renamed or deleted
     */
    public GalleryViewModel(TaskExecutor tasks, TaskExecutor comparisonTasks, UserMessages messages,
                            Path modelsFolder) {
        this.tasks = tasks;
        this.comparisonTasks = comparisonTasks;
        this.messages = messages;
        this.modelsFolder = modelsFolder.toAbsolutePath().normalize();
        this.comparison = new ComparisonViewModel(comparisonTasks, messages);
    }

    public ObservableList<GalleryEntry> entries() {
        return entries;
    }

    public Path modelsFolder() {
        return modelsFolder;
    }

    /** The entries picked for comparison, in gallery order (failed runs have nothing to compare). */
    public List<GalleryEntry> compared() {
        List<GalleryEntry> picked = new ArrayList<>();
        for (GalleryEntry e : entries) {
            if (e.comparedProperty().get() && !e.failed()) {
                picked.add(e);
            }
        }
        return picked;
    }

    /** The side-by-side comparison of ticked models. */
    public ComparisonViewModel comparison() {
        return comparison;
    }

    /** Compares the ticked models on the test images they are scored on. */
    public void compareTicked() {
        comparison.compare(compared(), testSet);
    }

    /**
     * Adds a model unless the same weights are already listed; returns its entry either way.
     *
     * @param file where it is saved, or null
     */
    public GalleryEntry add(String name, String source, Checkpoint checkpoint, Path file) {
        return add(name, source, checkpoint, file, null);
    }

    /**
     * As {@link #add(String, String, Checkpoint, Path)}, with a score already measured on the same test images with
     * the same IWAE settings (a sweep measures its runs so): the model is not scored a second time, and the sweep's
     * table and the gallery show one number for it.
     */
    public GalleryEntry add(String name, String source, Checkpoint checkpoint, Path file, ModelScore known) {
        for (GalleryEntry e : entries) {
            if (!e.failed() && (e.checkpoint().weights() == checkpoint.weights()
                    || (file != null && file.toAbsolutePath().normalize().equals(e.file())))) {
                return e;
            }
        }
        GalleryEntry entry = new GalleryEntry(uniqueName(name), source, checkpoint,
                file == null ? null : file.toAbsolutePath().normalize());
        entries.add(entry);
        if (known != null) {
            entry.setScore(known);
        } else {
            score(entry);
        }
        return entry;
    }

    /** Lists a run that failed, with why; it is never scored or used. */
    public GalleryEntry addFailed(String name, ModelConfig config, String why) {
        GalleryEntry entry = GalleryEntry.failedRun(uniqueName(name), config, why);
        entries.add(entry);
        return entry;
    }

    /** The test images models are scored on; entries not scored yet (or scored on other data) are (re)scored. */
    public void setTestSet(LabeledImages test) {
        setData(null, test, false);
    }

    /**
     * The data models are scored on: the test images, and the training images whose codes are the neighbours of
     * the k-NN accuracy (null to leave the latent space's use out); {@code labelled} when labels mean classes.
     */
    public void setData(LabeledImages train, LabeledImages test, boolean labelled) {
        if (test == testSet && train == trainingSet) {
            return;
        }
        testSet = test;
        trainingSet = train;
        this.labelled = labelled;
        for (GalleryEntry e : entries) {
            score(e);
        }
    }

    /** Models waiting to be scored or being scored. */
    public ReadOnlyIntegerProperty scoresPendingProperty() {
        return scoresPending.getReadOnlyProperty();
    }

    /** The name of the model being scored; empty when none is. */
    public ReadOnlyStringProperty scoringNowProperty() {
        return scoringNow.getReadOnlyProperty();
    }

    /** Models still being scored, for a thread other than the FX thread to wait on (a benchmark does). */
    public int scoresPending() {
        return pendingForOtherThreads;
    }

    private void setPending(int count) {
        scoresPending.set(count);
        pendingForOtherThreads = count;
    }

    /** Stops scoring: the model being scored stops at its next batch, the queued ones are left unscored. */
    public void cancelScoring() {
        scoringGeneration.incrementAndGet();
        for (GalleryEntry e : entries) {
            GalleryEntry.ScoreState state = e.scoreStateProperty().get();
            if (state == GalleryEntry.ScoreState.QUEUED || state == GalleryEntry.ScoreState.SCORING) {
                e.setScoreState(GalleryEntry.ScoreState.CANCELLED);
            }
        }
        setPending(0);
        scoringNow.set("");
    }

    /** Scores a model again (one whose scoring was cancelled, say). */
    public void rescore(GalleryEntry entry) {
        if (entry != null && !entry.failed() && entries.contains(entry)) {
            score(entry);
        }
    }

    /** Lists the saved models ({@code *.vae}, up to two sub-folders deep, as sweeps save them) in the background. */
    public void scanFolder(Path folder) {
        execute(BackgroundTask.wrap(() -> savedModels(folder))
                .onSuccess(files -> files.forEach(file -> load(folder, file)))
                .onFailure(message -> messages.error("could not list the models in " + folder + ": " + message)));
    }

    private static List<Path> savedModels(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder, 3)) { // models/sweep-TIME/NN-run/model.vae
            return walk.filter(p -> p.getFileName().toString().endsWith(".vae") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    private void load(Path folder, Path file) {
        execute(BackgroundTask.wrap(() -> CheckpointIO.load(file))
                .onSuccess(loaded -> add(displayName(folder, file), "folder", loaded, file))
                .onFailure(message -> messages.error("skipped " + file + ": " + message)));
    }

    /**
     * Saves a finished run to its own folder in the models folder, atomically, and lists it under the folder's
     * name (which is how it is listed again after a restart). A failure to save still lists the run, unsaved, and
     * says why.
     *
     * @param onSaved receives the entry on the FX thread once it is listed
     */
    public void saveRun(String wantedName, Checkpoint checkpoint, Consumer<GalleryEntry> onSaved) {
        String folderName = safeFileName(wantedName);
        execute(BackgroundTask.wrap(() -> saveInOwnFolder(folderName, checkpoint))
                .onSuccess(file -> onSaved.accept(add(displayName(modelsFolder, file), "trained", checkpoint, file)))
                .onFailure(message -> {
                    GalleryEntry entry = add(wantedName, "trained", checkpoint, null);
                    messages.error("the run could not be saved in " + modelsFolder + ": " + message);
                    onSaved.accept(entry);
                }));
    }

    private Path saveInOwnFolder(String folderName, Checkpoint checkpoint) throws IOException {
        Files.createDirectories(modelsFolder);
        Path folder = modelsFolder.resolve(folderName);
        for (int n = 2; Files.exists(folder); n++) {
            folder = modelsFolder.resolve(folderName + "-" + n);
        }
        return CheckpointIO.save(checkpoint, folder);
    }

    /** True when the entry is saved in the models folder, so renaming and deleting it are the gallery's to do. */
    public boolean isManaged(GalleryEntry entry) {
        Path file = entry == null ? null : entry.file();
        return file != null && file.startsWith(modelsFolder) && !file.equals(modelsFolder);
    }

    /**
     * Renames a saved model: its folder (or, for a loose file, the file) in the models folder is moved to the new
     * name in the background; the entry follows once the move is done. A name that is empty, has a path separator
     * or is taken is refused with a message.
     */
    public void rename(GalleryEntry entry, String newName) {
        String wanted = newName == null ? "" : newName.strip();
        if (!isManaged(entry)) {
            messages.error("only models saved in " + modelsFolder + " can be renamed");
            return;
        }
        if (wanted.isEmpty() || !wanted.equals(safeFileName(wanted)) || wanted.startsWith(".")) {
            messages.error("'" + newName + "' cannot be a model's name: use letters, digits, spaces, '-', '_' or '.'");
            return;
        }
        if (wanted.equals(entry.name())) {
            return;
        }
        if (nameTaken(wanted)) {
            messages.error("a model named '" + wanted + "' is already listed");
            return;
        }
        Path file = entry.file();
        boolean ownFolder = file.getFileName().toString().equals(CheckpointIO.FILE_NAME)
                && !file.getParent().equals(modelsFolder);
        Path from = ownFolder ? file.getParent() : file;
        Path to = from.resolveSibling(ownFolder ? wanted : wanted + ".vae");
        Path moved = ownFolder ? to.resolve(CheckpointIO.FILE_NAME) : to;
        execute(BackgroundTask.run(() -> {
            if (Files.exists(to)) {
                throw new IOException(to + " already exists");
            }
            move(from, to);
        }).onSuccess(done -> {
            entry.setFile(moved);
            entry.setName(wanted);
        }).onFailure(message -> messages.error("could not rename " + from + ": " + message)));
    }

    /**
     * Deletes a saved model from the models folder (its file and metrics log, and its folder when nothing else is
     * left in it) and removes it from the list. Failed runs and models saved elsewhere are only removed from the list.
     */
    public void delete(GalleryEntry entry) {
        if (entry == null || !entries.contains(entry)) {
            return;
        }
        if (!isManaged(entry)) {
            entries.remove(entry);
            return;
        }
        Path file = entry.file();
        execute(BackgroundTask.run(() -> {
            Files.deleteIfExists(file);
            Files.deleteIfExists(CheckpointIO.metricsFile(file));
            Path folder = file.getParent();
            if (folder != null && !folder.equals(modelsFolder) && folder.startsWith(modelsFolder)) {
                try {
                    Files.deleteIfExists(folder);
                } catch (DirectoryNotEmptyException keep) {
                    // other files live there (a sweep's CSV, say): they are not the gallery's to delete
                }
            }
        }).onSuccess(done -> entries.remove(entry))
                .onFailure(message -> messages.error("could not delete " + file + ": " + message)));
    }

    /** A short name for a saved model: its folder's name for ".../name/model.vae", else the file's name. */
    public static String displayName(Path root, Path file) {
        String fileName = file.getFileName().toString();
        Path parent = file.getParent();
        if (fileName.equals(CheckpointIO.FILE_NAME) && parent != null && !parent.equals(root)
                && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        return fileName.endsWith(".vae") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    /** The name with anything a file system may refuse replaced by '-'. */
    static String safeFileName(String name) {
        String cleaned = name.strip().replaceAll("[^A-Za-z0-9 ._=-]", "-");
        return cleaned.isEmpty() ? "model" : cleaned;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private String uniqueName(String wanted) {
        String name = wanted;
        for (int n = 2; nameTaken(name); n++) {
            name = wanted + " (" + n + ")";
        }
        return name;
    }

    private boolean nameTaken(String name) {
        for (GalleryEntry e : entries) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void score(GalleryEntry entry) {
        LabeledImages test = testSet;
        LabeledImages train = trainingSet;
        boolean classes = labelled;
        if (test == null || entry.failed() || closed) {
            return;
        }
        Checkpoint checkpoint = entry.checkpoint();
        long generation = scoringGeneration.get();
        entry.setScoreState(GalleryEntry.ScoreState.QUEUED);
        setPending(scoresPending.get() + 1);
        execute(BackgroundTask.wrap(() -> {
            if (scoringGeneration.get() != generation) {
                return null; // cancelled while queued
            }
            tasks.callback(() -> {
                if (scoringGeneration.get() == generation) {
                    entry.setScoreState(GalleryEntry.ScoreState.SCORING);
                    scoringNow.set(entry.name());
                }
            });
            return ModelScorer.score(checkpoint.weights(), train, classes, test, IWAE_K, IWAE_IMAGES, SCORE_SEED,
                    () -> scoringGeneration.get() != generation);
        }).onSuccess(score -> {
            if (score != null && testSet == test && scoringGeneration.get() == generation) {
                entry.setScore(score);
            }
        }).onFailure(entry::setScoreProblem).onFinished(() -> {
            // a cancel reset the count already
            if (scoringGeneration.get() == generation) {
                setPending(Math.max(0, scoresPending.get() - 1));
                if (scoresPending.get() == 0) {
                    scoringNow.set("");
                }
            }
        }));
    }

    /** Runs work on the gallery's task executor; after {@link #close()} (the window closed) it is dropped. */
    private void execute(BackgroundTask<?> task) {
        if (!closed) {
            task.executeWith(tasks);
        }
    }

    @Override
    public void close() {
        closed = true;
        scoringGeneration.incrementAndGet();
        tasks.close();
        comparisonTasks.close();
    }
}
