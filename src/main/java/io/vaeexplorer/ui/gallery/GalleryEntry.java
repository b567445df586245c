package io.vaeexplorer.ui.gallery;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelScore;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One model in the gallery: its checkpoint, where it came from and where it is saved, its score on the test set
 * (filled in by the gallery in the background) and whether it is picked for comparison. A run that failed is
 * listed too, with its configuration and why it failed, so that it is neither lost nor mistaken for a model.
 * Touch it on the FX thread only.
 */
public final class GalleryEntry {

    /** Where the entry's score stands. */
    public enum ScoreState {
        QUEUED("queued"),
        SCORING("scoring..."),
        SCORED(""),
        CANCELLED("not scored"),
        UNSCORABLE("n/a"),
        FAILED_RUN("failed");

        private final String text;

        ScoreState(String text) {
            this.text = text;
        }

        /** What a score column shows in this state (empty when it shows the number). */
        public String text() {
            return text;
        }
    }

    private final ReadOnlyStringWrapper name;
    private final String source;
    private final ModelConfig config;
    private final Checkpoint checkpoint;
    private final ReadOnlyObjectWrapper<Path> file;
    private final String failure;
    private final ReadOnlyObjectWrapper<ModelScore> score = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper scoreProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ScoreState> scoreState;
    private final BooleanProperty compared = new SimpleBooleanProperty(false);

    /**
     * A model that can be used, scored and compared.
     *
     * @param source how it arrived: "trained", "loaded", "shipped", "folder", "sweep"
     * @param file where it is saved, or null
     */
    public GalleryEntry(String name, String source, Checkpoint checkpoint, Path file) {
        this(name, source, checkpoint.config(), checkpoint, file, "");
    }

    private GalleryEntry(String name, String source, ModelConfig config, Checkpoint checkpoint, Path file,
                         String failure) {
        this.name = new ReadOnlyStringWrapper(name);
        this.source = source;
        this.config = config;
        this.checkpoint = checkpoint;
        this.file = new ReadOnlyObjectWrapper<>(file);
        this.failure = failure;
        this.scoreState = new ReadOnlyObjectWrapper<>(failure.isEmpty() ? ScoreState.QUEUED : ScoreState.FAILED_RUN);
    }

    /** A run that failed: listed with its configuration and the reason, never scored or used. */
    public static GalleryEntry failedRun(String name, ModelConfig config, String why) {
        return new GalleryEntry(name, "failed", config, null, null, why == null || why.isBlank() ? "failed" : why);
    }

    public String name() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    void setName(String newName) {
        name.set(newName);
    }

    public String source() {
        return source;
    }

    /** The weights and history; null for a failed run. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** True for a run that failed: it has no model to use. */
    public boolean failed() {
        return !failure.isEmpty();
    }

    /** Why the run failed; empty for a model. */
    public String failure() {
        return failure;
    }

    /** Where the model is saved, or null. */
    public Path file() {
        return file.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    void setFile(Path newFile) {
        file.set(newFile);
    }

    public ModelConfig config() {
        return config;
    }

    /** The configuration in a few words, e.g. "MLP 784-400-2, BCE, ELBO beta=1.0". */
    public String configuration() {
        return config.describe();
    }

    /** Epochs trained; 0 for a failed run. */
    public int epochsDone() {
        return checkpoint == null ? 0 : checkpoint.epochsDone();
    }

    /** The device it trained on, as a person reads it; empty when unknown. */
    public String device() {
        return checkpoint == null ? "" : checkpoint.device();
    }

    /** Seconds spent training over all epochs of its history. */
    public double trainingSeconds() {
        double total = 0;
        if (checkpoint != null) {
            for (EpochRecord r : checkpoint.history()) {
                total += r.seconds();
            }
        }
        return total;
    }

    public ReadOnlyObjectProperty<ModelScore> scoreProperty() {
        return score.getReadOnlyProperty();
    }

    void setScore(ModelScore value) {
        score.set(value);
        scoreProblem.set("");
        scoreState.set(ScoreState.SCORED);
    }

    /** Why the model could not be scored (e.g. trained on images of another size); empty when fine. */
    public ReadOnlyStringProperty scoreProblemProperty() {
        return scoreProblem.getReadOnlyProperty();
    }

    void setScoreProblem(String message) {
        scoreProblem.set(message);
        scoreState.set(ScoreState.UNSCORABLE);
    }

    public ReadOnlyObjectProperty<ScoreState> scoreStateProperty() {
        return scoreState.getReadOnlyProperty();
    }

    void setScoreState(ScoreState state) {
        scoreState.set(state);
    }

    /** Picked for the side-by-side comparison. */
    public BooleanProperty comparedProperty() {
        return compared;
    }

    @Override
    public String toString() {
        return name.get();
    }
}
