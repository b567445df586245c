package io.vaeexplorer.ui.training;

import javafx.beans.property.SimpleStringProperty;
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

/**
 * Start, pause, resume and stop a run, its progress, and the file commands (save and load a model, open a data
 * folder). Each button is enabled exactly when its command can be used (see {@link TrainingCommands}); Start's
 * tooltip says why it cannot start.
 */
public final class TrainingControls extends VBox {

    /** Room for two file buttons in a row, the preferred width of their pane. */
    private static final double FILE_BUTTONS_WRAP = 230;

    /** Controls without a settings panel: the settings are taken as they are. */
    public TrainingControls(TrainingViewModel training, ModelFiles files) {
        this(new TrainingCommands(training, files, new SimpleStringProperty("")), training);
    }

    /** Controls for the commands, with the run's progress from the training view-model. */
    public TrainingControls(TrainingCommands commands, TrainingViewModel training) {
        super(8);
        setId("training-controls");

        Button start = button("Start", "start-button", commands::start);
        start.disableProperty().bind(commands.startDisabled());
        Tooltip startTooltip = new Tooltip();
        startTooltip.setWrapText(true);
        startTooltip.setMaxWidth(360);
        startTooltip.textProperty().bind(commands.startHint());
        // a disabled control gets no mouse events, so the tooltip sits on a plain label around it that gets them
        Label startHolder = new Label(null, start);
        startHolder.setId("start-holder");
        startHolder.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        startHolder.setTooltip(startTooltip);
        Button pause = button("Pause", "pause-button", commands::pause);
        pause.disableProperty().bind(commands.pauseDisabled());
        Button resume = button("Resume", "resume-button", commands::resume);
        resume.disableProperty().bind(commands.resumeDisabled());
        Button stop = button("Stop", "stop-button", commands::stop);
        stop.disableProperty().bind(commands.stopDisabled());
        HBox runButtons = new HBox(6, startHolder, pause, resume, stop);
        runButtons.setAlignment(Pos.CENTER_LEFT);

        GridPane progress = new GridPane();
        progress.setHgap(6);
        progress.setVgap(4);
        progress.addRow(0, new Label("epoch"), bar("epoch-progress", training.epochProgressProperty()));
        progress.addRow(1, new Label("run"), bar("run-progress", training.runProgressProperty()));

        Button save = button("Save model\u2026", "save-model-button", () -> commands.chooseAndSaveModel(this));
        save.disableProperty().bind(commands.saveDisabled());
        Button load = button("Load model\u2026", "load-model-button", () -> commands.chooseAndLoadModel(this));
        load.disableProperty().bind(commands.loadDisabled());
        Button openData = button("Open data\u2026", "open-data-button", () -> commands.chooseAndOpenData(this));
        openData.disableProperty().bind(commands.loadDisabled());
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
}
