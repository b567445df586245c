package io.vaeexplorer.ui.workspace;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the window works on: the open data set, the current model and, for a conditional model, the class it decodes
 * at. Every feature reads it; the main
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
    private final ReadOnlyIntegerWrapper conditionClasses = new ReadOnlyIntegerWrapper(this, "conditionClasses", 0);
    private final IntegerProperty decodeClass = new SimpleIntegerProperty(this, "decodeClass", 0);
    private final ObservableList<String> decodeClassNames = FXCollections.observableArrayList();

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

    /**
     * The number of classes the current model is told (a conditional model), 0 for a plain model or none. Changes
     * after the snapshot and the config.
     */
    public ReadOnlyIntegerProperty conditionClassesProperty() {
        return conditionClasses.getReadOnlyProperty();
    }

    /**
     * The class a conditional model decodes at wherever a decode starts from a latent vector (the plane, its
     * manifold, the experiments) and encodes at where an image comes without a class (a drawing, an opened
     * picture); 0 (the default) to {@link #conditionClassesProperty()} - 1. A plain model ignores it and keeps
     * it for the next conditional one; a conditional model that lacks the class brings it back to 0.
     */
    public IntegerProperty decodeClassProperty() {
        return decodeClass;
    }

    /** The class chosen now, for a job that runs later on an inference worker. */
    public ChosenClass chosenClass() {
        return new ChosenClass(Math.max(0, decodeClass.get()));
    }

    /**
     * Names of the current conditional model's classes, one per class it knows: the open data set's names, "class
     * N" where the set has no name for it; empty for a plain model.
     */
    public ObservableList<String> decodeClassNames() {
        return FXCollections.unmodifiableObservableList(decodeClassNames);
    }

    /** Makes a loaded data set the open one. */
    public void openDataset(Dataset loaded) {
        classNames.setAll(loaded.classNames());
        nameDecodeClasses();
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
        int classes = newer.config().conditionClasses();
        if (classes > 0 && decodeClass.get() >= classes || decodeClass.get() < 0) {
            decodeClass.set(0);
        }
        conditionClasses.set(classes);
        nameDecodeClasses();
    }

    private void nameDecodeClasses() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < conditionClasses.get(); c++) {
            names.add(c < classNames.size() ? classNames.get(c) : "class " + c);
        }
        if (!names.equals(decodeClassNames)) {
            decodeClassNames.setAll(names);
        }
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
