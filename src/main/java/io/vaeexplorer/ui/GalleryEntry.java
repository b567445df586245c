package io.vaeexplorer.ui;

import io.vaeexplorer.model.Checkpoint;
import io.vaeexplorer.model.EpochRecord;
import io.vaeexplorer.training.ModelScore;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One model in the gallery: its checkpoint, where it came from, its score on the test set (filled in by the
 * gallery in the background) and whether it is picked for comparison. Touch it on the FX thread only.
 */
public final class GalleryEntry {

    private final String name;
    private final String source;
    private final Checkpoint checkpoint;
    private final Path file;
    private final ReadOnlyObjectWrapper<ModelScore> score = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper scoreProblem = new ReadOnlyStringWrapper("");
    private final BooleanProperty compared = new SimpleBooleanProperty(false);

    /**
     * @param source how it arrived: "trained", "loaded", "shipped", "folder", "sweep"
     * @param file where it is saved, or null
     */
    public GalleryEntry(String name, String source, Checkpoint checkpoint, Path file) {
        this.name = name;
        this.source = source;
        this.checkpoint = checkpoint;
        this.file = file;
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public Path file() {
        return file;
    }

    /** The configuration in a few words, e.g. "MLP 784-400-2, BCE, ELBO beta=1.0". */
    public String configuration() {
        return checkpoint.config().describe();
    }

    /** Seconds spent training over all epochs of its history. */
    public double trainingSeconds() {
        double total = 0;
        for (EpochRecord r : checkpoint.history()) {
            total += r.seconds();
        }
        return total;
    }

    public ReadOnlyObjectProperty<ModelScore> scoreProperty() {
        return score.getReadOnlyProperty();
    }

    void setScore(ModelScore value) {
        score.set(value);
        scoreProblem.set("");
    }

    /** Why the model could not be scored (e.g. trained on images of another size); empty when fine. */
    public ReadOnlyStringProperty scoreProblemProperty() {
        return scoreProblem.getReadOnlyProperty();
    }

    void setScoreProblem(String message) {
        scoreProblem.set(message);
    }

    /** Picked for the side-by-side comparison. */
    public BooleanProperty comparedProperty() {
        return compared;
    }

    @Override
    public String toString() {
        return name;
    }
}
