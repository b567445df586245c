package io.vaeexplorer.ui.gallery;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.ui.fx.UserMessages;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The side-by-side comparison's view-model: which models to compare on which test images, the comparison
 * computed in the background by {@link ComparisonBuilder}, the newest request's result and a line on where it
 * stands. FX thread only.
 *
 * <p>It runs on a task executor of its own, not on an inference worker: a worker holds one network, the current
 * model's, and keeps its jobs short so that dragging stays smooth; a comparison builds a network for each of two
 * to four other models and encodes the whole test set with each.
 */
public final class ComparisonViewModel {

    /** Test images every model reconstructs, the same ones for all. */
    public static final int RECONSTRUCTIONS = 8;
    static final String HINT = "Tick two to four models in the table and press Compare.";

    private final TaskExecutor tasks;
    private final UserMessages messages;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(HINT);
    private final ReadOnlyObjectWrapper<ComparisonBuilder.Result> result = new ReadOnlyObjectWrapper<>();
    private long request;

    /**
     * @param tasks where comparisons are computed, one after another
     * @param messages receives why a comparison cannot start or failed
     */
    public ComparisonViewModel(TaskExecutor tasks, UserMessages messages) {
        this.tasks = tasks;
        this.messages = messages;
    }

    /** Where the comparison stands: a hint, the models being compared, or the shared scale of the one shown. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The comparison on screen; null until the first one is done. */
    public ReadOnlyObjectProperty<ComparisonBuilder.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Starts computing the comparison of these models on these test images; the newest request wins. */
    public void compare(List<GalleryEntry> entries, LabeledImages test) {
        if (entries.size() < 2 || entries.size() > 4) {
            messages.error("pick two to four models to compare (" + entries.size() + " picked)");
            return;
        }
        if (test == null) {
            messages.error("no data set is open to compare the models on");
            return;
        }
        List<String> names = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (GalleryEntry e : entries) {
            names.add(e.name());
            checkpoints.add(e.checkpoint());
        }
        long mine = ++request;
        status.set("comparing " + String.join(", ", names) + " ...");
        BackgroundTask.wrap(() -> ComparisonBuilder.build(names, checkpoints, test, RECONSTRUCTIONS, InferenceWorker.ENGINE::load))
                .onSuccess(built -> {
                    if (mine == request) {
                        show(built);
                    }
                })
                .onFailure(message -> {
                    if (mine == request) {
                        status.set("");
                    }
                    messages.error("comparison failed: " + message);
                })
                .executeWith(tasks);
    }

    private void show(ComparisonBuilder.Result built) {
        result.set(built);
        status.set(String.format("%d models on one scale: plane [%.2f, %.2f] in both axes", built.columns().size(),
                built.bounds()[0], built.bounds()[1]));
    }
}
