package io.vaeexplorer.ui.training;

import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.fx.FileDialogs;
import io.vaeexplorer.ui.fx.SaveDialog;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/**
 * The run and file commands and when each can be used, shared by every control that offers them (the buttons
 * beside the settings, the window's menus), so that all of them are enabled alike and do the same thing. Start
 * also waits for a running sweep to end and for the settings to be valid; {@link #startHint()} says why it
 * cannot start. FX thread only.
 */
public final class TrainingCommands {

    private static final String MODEL_EXTENSION = ".vae";
    private static final String MODEL_TYPE_NAME = "VAE model";
    /** What Load model opens: the app's own files and safetensors files exported by it (or from PyTorch). */
    private static final FileChooser.ExtensionFilter LOADABLE_MODEL_TYPE =
            FileDialogs.type(MODEL_TYPE_NAME, "*" + MODEL_EXTENSION, "*.safetensors");
    static final String START_HINT = "Train a new model from scratch on the open data set with the settings above;"
            + " the views follow it as it learns";

    private final TrainingViewModel training;
    private final ModelFiles files;
    private final BooleanBinding startDisabled;
    private final BooleanBinding pauseDisabled;
    private final BooleanBinding resumeDisabled;
    private final BooleanBinding stopDisabled;
    private final BooleanBinding saveDisabled;
    private final BooleanBinding loadDisabled;
    private final StringBinding startHint;

    /**
     * @param files what the save, load and open commands do with the file or folder chosen
     * @param settingsProblems why the settings editors' texts were refused, one line per field; empty when all
     *                         were taken. Start stays disabled while it is not empty, since it would train with the
     *                         previous values.
     */
    public TrainingCommands(TrainingViewModel training, ModelFiles files, ObservableValue<String> settingsProblems) {
        this.training = training;
        this.files = files;
        ReadOnlyObjectProperty<TrainingState> state = training.trainingStateProperty();
        BooleanBinding running = Bindings.createBooleanBinding(() -> state.get() == TrainingState.RUNNING, state);
        BooleanBinding paused = Bindings.createBooleanBinding(() -> state.get() == TrainingState.PAUSED, state);
        BooleanBinding active = running.or(paused);
        ObservableBooleanValue sweepRunning = training.sweepRunningProperty();
        BooleanBinding settingsRefused = Bindings.createBooleanBinding(
                () -> settingsProblems.getValue() != null && !settingsProblems.getValue().isEmpty(), settingsProblems);

        startDisabled = active.or(sweepRunning).or(settingsRefused);
        startHint = Bindings.createStringBinding(() -> {
            if (active.get()) {
                return "a run is in progress: stop it before starting another";
            }
            if (sweepRunning.get()) {
                return "a sweep is running: cancel it on the Sweeps page or wait for it to finish";
            }
            if (settingsRefused.get()) {
                return "fix the settings first:\n" + settingsProblems.getValue();
            }
            return START_HINT;
        }, active, sweepRunning, settingsRefused, settingsProblems);
        pauseDisabled = running.not();
        resumeDisabled = paused.not();
        stopDisabled = active.not();
        // a model mid-run is not saved (its history would not match), and loading or switching data mid-run
        // would mix two models in the views
        saveDisabled = active.or(Bindings.not(training.hasModelProperty()));
        loadDisabled = active;
    }

    public BooleanBinding startDisabled() {
        return startDisabled;
    }

    /** What Start does, or why it cannot start now. */
    public StringBinding startHint() {
        return startHint;
    }

    public BooleanBinding pauseDisabled() {
        return pauseDisabled;
    }

    public BooleanBinding resumeDisabled() {
        return resumeDisabled;
    }

    public BooleanBinding stopDisabled() {
        return stopDisabled;
    }

    /** Whether the current model cannot be written now: there is none, or a run is under way. */
    public BooleanBinding saveDisabled() {
        return saveDisabled;
    }

    /** Whether no model may be loaded nor data opened now: a run is under way. */
    public BooleanBinding loadDisabled() {
        return loadDisabled;
    }

    public void start() {
        training.startTraining();
    }

    public void pause() {
        training.pauseTraining();
    }

    public void resume() {
        training.resumeTraining();
    }

    public void stop() {
        training.stopTraining();
    }

    /** Asks where to save the current model, then saves it there. */
    public void chooseAndSaveModel(Node owner) {
        SaveDialog.choose(owner, "Save model", "model" + MODEL_EXTENSION, MODEL_TYPE_NAME, "*" + MODEL_EXTENSION)
                .ifPresent(file -> files.saveModel().accept(withExtension(file, MODEL_EXTENSION)));
    }

    /** Asks for a model file, then makes it the current model. */
    public void chooseAndLoadModel(Node owner) {
        FileDialogs.open(owner, "Load model", LOADABLE_MODEL_TYPE).ifPresent(files.loadModel());
    }

    /** Asks for a data folder, then opens it. */
    public void chooseAndOpenData(Node owner) {
        FileDialogs.folder(owner, "Open a folder with the four MNIST-style IDX files").ifPresent(files.openDataset());
    }

    /** Some platforms' save dialogs do not add the filter's extension; the loaders know a file by it. */
    public static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        return name.endsWith(extension) ? file : file.resolveSibling(name + extension);
    }
}
