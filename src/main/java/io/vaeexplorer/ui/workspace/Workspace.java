package io.vaeexplorer.ui.workspace;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the window works on: the open data set and the current model. Every feature reads it; the main
 * view-model and the training view-model change it. It is state, not a view-model: it holds no feature and no
 * feature holds it back, so each feature receives it instead of the main view-model.
 *
 * <p>New weights reach the inference workers before any listener hears of them, so a listener that decodes at
 * once decodes with the weights it was told about. FX thread only.
 */
public final class Workspace {

    private final InferenceWorker[] workers;
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper imageWord = new ReadOnlyStringWrapper(this, "imageWord", Dataset.DIGIT_WORD);
    private final ReadOnlyStringWrapper classWord = new ReadOnlyStringWrapper(this, "classWord", Dataset.DIGIT_WORD);
    private final ReadOnlyObjectWrapper<Checkpoint> checkpoint = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<WeightSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ModelConfig> config = new ReadOnlyObjectWrapper<>();

    /** @param workers the inference threads that decode with the current weights */
    public Workspace(InferenceWorker... workers) {
        this.workers = workers.clone();
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** Names of the classes of the current data set, for legends and pickers. */
    public ObservableList<String> classNames() {
        return FXCollections.unmodifiableObservableList(classNames);
    }

    /** What labels and prompts call one image of the open set: "digit" for digits (and before any set), "image". */
    public ReadOnlyStringProperty imageWordProperty() {
        return imageWord.getReadOnlyProperty();
    }

    /** What labels and prompts call one class of the open set: "digit" for digits (and before any set), "class". */
    public ReadOnlyStringProperty classWordProperty() {
        return classWord.getReadOnlyProperty();
    }

    /** The model as last saved, loaded or finished training (with its history). */
    public ReadOnlyObjectProperty<Checkpoint> checkpointProperty() {
        return checkpoint.getReadOnlyProperty();
    }

    /** The weights inference uses now: the newest published while training, else the checkpoint's. */
    public ReadOnlyObjectProperty<WeightSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** Makes a loaded data set the open one. */
    public void openDataset(Dataset loaded) {
        classNames.setAll(loaded.classNames());
        imageWord.set(loaded.imageWord());
        classWord.set(loaded.classWord());
        dataset.set(loaded);
    }

    /** Records the model that is current now (its weights are shown with {@link #showWeights}). */
    public void setCheckpoint(Checkpoint current) {
        checkpoint.set(current);
    }

    /** Shows newer weights: the workers get them first, then the listeners of the snapshot, then those of the config. */
    public void showWeights(WeightSnapshot newer) {
        for (InferenceWorker worker : workers) {
            worker.setSnapshot(newer);
        }
        snapshot.set(newer);
        config.set(newer.config());
    }

    /**
     * Why a model cannot be used with the open data set (its images are of another size), or null when it can.
     *
     * @param what how the message names the model, e.g. its file name
     */
    public String sizeMismatch(String what, ModelConfig model) {
        Dataset data = dataset.get();
        return data == null ? null : model.sizeMismatch(what, "the open data set", data.channels(), data.rows(),
                data.cols());
    }
}
