package io.vaeexplorer.ui.training;

import io.vaeexplorer.training.TrainingState;
import io.vaeexplorer.ui.fx.FileDialogs;
import io.vaeexplorer.ui.fx.SaveDialog;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Start, pause, resume and stop a run, its progress, and the file commands (save and load a model, open a data
 * folder). Each button is enabled exactly when its command makes sense in the current training state; Start also
 * waits for a running sweep to end and for the settings to be valid, and its tooltip says why it cannot start.
 */
public final class TrainingControls extends VBox {

    private static final String MODEL_EXTENSION = ".vae";
    private static final String MODEL_TYPE_NAME = "VAE model";
    /** What Load model opens: the app's own files and safetensors files exported by it (or from PyTorch). */
    private static final FileChooser.ExtensionFilter LOADABLE_MODEL_TYPE =
            FileDialogs.type(MODEL_TYPE_NAME, "*" + MODEL_EXTENSION, "*.safetensors");
    /** Room for two file buttons in a row, the preferred width of their pane. */
    private static final double FILE_BUTTONS_WRAP = 230;
    static final String START_HINT = "Train a new model from scratch on the open data set with the settings above;"
            + " the views follow it as it learns";

    private final ModelFiles files;

    /** Controls without a settings panel: the settings are taken as they are. */
    public TrainingControls(TrainingViewModel training, ModelFiles files) {
        this(training, files, new SimpleStringProperty(""));
    }

    /**
     * @param files what the save, load and open buttons do with the file or folder chosen
     * @param settingsProblems why the settings editors' texts were refused, one line per field; empty when all
     *                         were taken. Start stays disabled while it is not empty, since it would train with the
     *                         previous values.
     */
    public TrainingControls(TrainingViewModel training, ModelFiles files, ObservableValue<String> settingsProblems) {
        super(8);
        this.files = files;
        setId("training-controls");

        ReadOnlyObjectProperty<TrainingState> state = training.trainingStateProperty();
        BooleanBinding running = Bindings.createBooleanBinding(() -> state.get() == TrainingState.RUNNING, state);
        BooleanBinding paused = Bindings.createBooleanBinding(() -> state.get() == TrainingState.PAUSED, state);
        BooleanBinding active = running.or(paused);
        ObservableBooleanValue sweepRunning = training.sweepRunningProperty();
        BooleanBinding settingsRefused = Bindings.createBooleanBinding(
                () -> settingsProblems.getValue() != null && !settingsProblems.getValue().isEmpty(), settingsProblems);

        Button start = button("Start", "start-button", training::startTraining);
        start.disableProperty().bind(active.or(sweepRunning).or(settingsRefused));
        Tooltip startTooltip = new Tooltip();
        startTooltip.setWrapText(true);
        startTooltip.setMaxWidth(360);
        startTooltip.textProperty().bind(Bindings.createStringBinding(() -> {
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
        }, active, sweepRunning, settingsRefused, settingsProblems));
        // a disabled control gets no mouse events, so the tooltip sits on a plain label around it that gets them
        Label startHolder = new Label(null, start);
        startHolder.setId("start-holder");
        startHolder.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        startHolder.setTooltip(startTooltip);
        Button pause = button("Pause", "pause-button", training::pauseTraining);
        pause.disableProperty().bind(running.not());
        Button resume = button("Resume", "resume-button", training::resumeTraining);
        resume.disableProperty().bind(paused.not());
        Button stop = button("Stop", "stop-button", training::stopTraining);
        stop.disableProperty().bind(active.not());
        HBox runButtons = new HBox(6, startHolder, pause, resume, stop);
        runButtons.setAlignment(Pos.CENTER_LEFT);

        GridPane progress = new GridPane();
        progress.setHgap(6);
        progress.setVgap(4);
        progress.addRow(0, new Label("epoch"), bar("epoch-progress", training.epochProgressProperty()));
        progress.addRow(1, new Label("run"), bar("run-progress", training.runProgressProperty()));

        // a model mid-run is not saved (its history would not match), and loading or switching data mid-run
        // would mix two models in the views
        Button save = button("Save model\u2026", "save-model-button", this::chooseAndSaveModel);
        save.disableProperty().bind(active.or(Bindings.not(training.hasModelProperty())));
        Button load = button("Load model\u2026", "load-model-button", this::chooseAndLoadModel);
        load.disableProperty().bind(active);
        Button openData = button("Open data\u2026", "open-data-button", this::chooseAndOpenData);
        openData.disableProperty().bind(active);
        // the three do not fit side by side in the settings column, so they wrap rather than cut their labels short
        FlowPane fileButtons = new FlowPane(6, 6, save, load, openData);
        fileButtons.setPrefWrapLength(FILE_BUTTONS_WRAP);
        fileButtons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(runButtons, progress, fileButtons);
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static ProgressBar bar(String id, ObservableValue<? extends Number> value) {
        ProgressBar bar = new ProgressBar();
        bar.setId(id);
        bar.progressProperty().bind(value);
        bar.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(bar, Priority.ALWAYS);
        return bar;
    }

    private void chooseAndSaveModel() {
        SaveDialog.choose(this, "Save model", "model" + MODEL_EXTENSION, MODEL_TYPE_NAME, "*" + MODEL_EXTENSION)
                .ifPresent(file -> files.saveModel().accept(withModelExtension(file)));
    }

    private void chooseAndLoadModel() {
        FileDialogs.open(this, "Load model", LOADABLE_MODEL_TYPE).ifPresent(files.loadModel());
    }

    private void chooseAndOpenData() {
        FileDialogs.folder(this, "Open a folder with the four MNIST-style IDX files").ifPresent(files.openDataset());
    }

    /** Some platforms' save dialogs do not add the filter's extension; the loader's filter expects it. */
    static Path withModelExtension(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(MODEL_EXTENSION) ? file : file.resolveSibling(name + MODEL_EXTENSION);
    }
}
