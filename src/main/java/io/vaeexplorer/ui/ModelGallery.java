package io.vaeexplorer.ui;

import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.model.Checkpoint;
import io.vaeexplorer.model.CheckpointIO;
import io.vaeexplorer.training.ModelScore;
import io.vaeexplorer.training.ModelScorer;
import io.vaeexplorer.training.ThreadPriority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every model trained or loaded since the app started, plus the saved ones found in a models folder, each scored
 * on the same test images in the background (test -ELBO parts and an IWAE bound) so they can be compared fairly.
 * Call its methods on the FX thread; scoring and folder scans run on one background thread of their own.
 */
public final class ModelGallery implements AutoCloseable {

    /** Samples per image and images for the IWAE column: about 1 s per model on two cores. */
    static final int IWAE_K = 50;
    static final int IWAE_IMAGES = 500;
    private static final long SCORE_SEED = 20_250_101L;

    private final Executor fx;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            ThreadPriority.backgroundDaemons("vae-gallery")); // scoring is background work
    private final ObservableList<GalleryEntry> entries = FXCollections.observableArrayList();
    private final Consumer<String> warnings;
    private LabeledImages testSet;
    private final java.util.concurrent.atomic.AtomicInteger scoring = new java.util.concurrent.atomic.AtomicInteger();

    /** @param warnings receives one-line problems (an unreadable file in the models folder) on the FX thread */
    public ModelGallery(Executor fx, Consumer<String> warnings) {
        this.fx = fx;
        this.warnings = warnings;
    }

    public ObservableList<GalleryEntry> entries() {
        return entries;
    }

    /** The entries picked for comparison, in gallery order. */
    public List<GalleryEntry> compared() {
        List<GalleryEntry> picked = new ArrayList<>();
        for (GalleryEntry e : entries) {
            if (e.comparedProperty().get()) {
                picked.add(e);
            }
        }
        return picked;
    }

    /**
     * Adds a model unless the same weights are already listed; returns its entry either way.
     *
     * @param file where it is saved, or null
     */
    public GalleryEntry add(String name, String source, Checkpoint checkpoint, Path file) {
        for (GalleryEntry e : entries) {
            if (e.checkpoint().weights() == checkpoint.weights()
                    || (file != null && file.toAbsolutePath().normalize().equals(e.file()))) {
                return e;
            }
        }
        GalleryEntry entry = new GalleryEntry(uniqueName(name), source, checkpoint,
                file == null ? null : file.toAbsolutePath().normalize());
        entries.add(entry);
        score(entry);
        return entry;
    }

    /** The test images models are scored on; entries not scored yet (or scored on other data) are (re)scored. */
    public void setTestSet(LabeledImages test) {
        if (test == testSet) {
            return;
        }
        testSet = test;
        for (GalleryEntry e : entries) {
            score(e);
        }
    }

    /** Lists the saved models ({@code *.vae}, up to two sub-folders deep, as sweeps save them) in the background. */
    public void scanFolder(Path folder) {
        background.execute(() -> {
            if (!Files.isDirectory(folder)) {
                return;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder, 3)) { // models/sweep-TIME/NN-run/model.vae
                files = walk.filter(p -> p.getFileName().toString().endsWith(".vae") && Files.isRegularFile(p))
                        .sorted().toList();
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> warnings.accept("could not list the models in " + folder + ": " + e.getMessage()));
                return;
            }
            for (Path file : files) {
                try {
                    Checkpoint loaded = CheckpointIO.load(file);
                    fx.execute(() -> add(displayName(folder, file), "folder", loaded, file));
                } catch (RuntimeException e) {
                    fx.execute(() -> warnings.accept("skipped " + file + ": " + e.getMessage()));
                }
            }
        });
    }

    /** A short name for a saved model: its folder's name for ".../name/model.vae", else the file's name. */
    static String displayName(Path root, Path file) {
        String fileName = file.getFileName().toString();
        Path parent = file.getParent();
        if (fileName.equals("model.vae") && parent != null && !parent.equals(root) && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        return fileName.endsWith(".vae") ? fileName.substring(0, fileName.length() - 4) : fileName;
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
        if (test == null) {
            return;
        }
        Checkpoint checkpoint = entry.checkpoint();
        scoring.incrementAndGet();
        background.execute(() -> {
            try {
                ModelScore score = ModelScorer.score(checkpoint.weights(), test, IWAE_K, IWAE_IMAGES, SCORE_SEED);
                fx.execute(() -> {
                    if (testSet == test) {
                        entry.setScore(score);
                    }
                });
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                fx.execute(() -> entry.setScoreProblem(message));
            } finally {
                scoring.decrementAndGet();
            }
        });
    }

    /** Models still being scored (each takes a second or two of CPU; benchmarks wait for none). */
    public int scoresPending() {
        return scoring.get();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
