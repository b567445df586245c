package io.vaeexplorer.ui.gallery;

import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.core.TrainingPreset;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.training.TrainingState;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The model gallery: every model trained or loaded since the app started and every one in the models folder,
 * with its configuration, test -ELBO (reconstruction + KL), IWAE bound, training time and device; tick two to
 * four and compare them side by side.
 * The presets start the tutorials' comparison runs with one click each; finished runs join the table.
 * Using a model and training a preset are the app's to do: the view receives them as callbacks.
 */
public final class GalleryView extends SplitPane {

    /** A row whose model failed to load; the stylesheet colours its text. */
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final GalleryViewModel gallery;
    private final TableView<GalleryEntry> table = new TableView<>();
    private final ComparisonView comparison;
    private final Button compare = new Button("Compare ticked");

    /**
     * @param settings the panel's settings, which the presets change one thing of
     * @param trainingState the training run's state: no model is used and no preset starts while one trains
     * @param sweepRunning true while a settings sweep trains, which leaves no room for a preset's run
     * @param useModel makes a model the current one
     * @param trainPreset starts a run with one preset's change to the settings
     */
    public GalleryView(GalleryViewModel gallery, ObservableValue<TrainingSettings> settings,
                       ObservableValue<TrainingState> trainingState, ObservableValue<Boolean> sweepRunning,
                       Consumer<GalleryEntry> useModel, Consumer<TrainingPreset> trainPreset) {
        this.gallery = gallery;
        setId("gallery");
        setOrientation(Orientation.VERTICAL);
        comparison = new ComparisonView(gallery.comparison());

        table.setId("gallery-table");
        table.setEditable(true);
        table.setItems(gallery.entries());
        table.setPlaceholder(new Label("Models appear here as they are loaded or trained."));
        // columns keep their widths and the table scrolls sideways: squeezed columns cut their headers
        TableColumn<GalleryEntry, Boolean> ticked = new TableColumn<>("compare");
        ticked.setCellValueFactory(c -> c.getValue().comparedProperty());
        ticked.setCellFactory(CheckBoxTableCell.forTableColumn(ticked));
        ticked.setEditable(true);
        ticked.setPrefWidth(64);
        table.getColumns().add(ticked);
        TableColumn<GalleryEntry, String> name = new TableColumn<>("model");
        name.setCellValueFactory(c -> c.getValue().nameProperty());
        name.setPrefWidth(260);
        name.setEditable(false);
        table.getColumns().add(name);
        table.getColumns().add(text("from", 70, e -> e.source()));
        table.getColumns().add(text("configuration", 260, e -> e.configuration()));
        table.getColumns().add(text("epochs", 65, e -> e.failed() ? "-" : Integer.toString(e.epochsDone())));
        table.getColumns().add(score("test -ELBO", s -> s.test().negElbo()));
        table.getColumns().add(score("recon", s -> s.test().reconstruction()));
        table.getColumns().add(score("KL", s -> s.test().kl()));
        table.getColumns().add(score("IWAE log p(x)", ModelScore::iwaeLogLikelihood));
        table.getColumns().add(score("active units", s -> s.latentUse() == null ? Double.NaN
                : s.latentUse().activeUnits(), "%.0f"));
        table.getColumns().add(score("I(x;z)", s -> s.latentUse() == null ? Double.NaN
                : s.latentUse().mutualInformation()));
        table.getColumns().add(score("k-NN acc.", s -> s.latentUse() == null ? Double.NaN
                : s.latentUse().knnAccuracy(), "%.3f"));
        table.getColumns().add(text("train time", 85, e -> e.trainingSeconds() > 0
                ? String.format("%.0f s", e.trainingSeconds()) : "-"));
        table.getColumns().add(text("device", 150, e -> e.failed() ? e.failure() : e.device()));
        for (TableColumn<GalleryEntry, ?> column : table.getColumns()) {
            column.setMinWidth(headerWidth(column.getText()));
        }
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(GalleryEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setTooltip(entry == null || empty || !entry.failed() ? null
                        : new Tooltip("failed: " + entry.failure()));
                pseudoClassStateChanged(FAILED, entry != null && !empty && entry.failed());
            }
        });

        compare.setId("compare-button");
        compare.setOnAction(e -> gallery.compareTicked());
        updateCompareButton();
        gallery.entries().addListener((ListChangeListener<GalleryEntry>) change -> {
            while (change.next()) {
                for (GalleryEntry added : change.getAddedSubList()) {
                    added.comparedProperty().addListener((obs, was, now) -> updateCompareButton());
                }
            }
            updateCompareButton();
        });

        Button use = new Button("Use selected model");
        use.setId("use-model-button");
        BooleanBinding training = Bindings.createBooleanBinding(() -> trainingState.getValue()
                == TrainingState.RUNNING || trainingState.getValue() == TrainingState.PAUSED, trainingState);
        ObservableValue<GalleryEntry> selected = table.getSelectionModel().selectedItemProperty();
        BooleanBinding selectedFailed = Bindings.createBooleanBinding(
                () -> selected.getValue() != null && selected.getValue().failed(), selected);
        use.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(training)
                .or(selectedFailed));
        use.setOnAction(e -> useModel.accept(table.getSelectionModel().getSelectedItem()));

        Button rename = new Button("Rename\u2026");
        rename.setId("rename-model-button");
        rename.setTooltip(new Tooltip("Rename the selected model and its folder in " + gallery.modelsFolder()));
        rename.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !gallery.isManaged(selected.getValue()), selected));
        rename.setOnAction(e -> askAndRename(selected.getValue()));
        Button delete = new Button("Delete\u2026");
        delete.setId("delete-model-button");
        delete.setTooltip(new Tooltip("Delete the selected model from " + gallery.modelsFolder()
                + " (a failed run or a model saved elsewhere is only taken off this list)"));
        delete.disableProperty().bind(selected.map(entry -> false).orElse(true));
        delete.setOnAction(e -> askAndDelete(selected.getValue()));
        Button rescore = new Button("Score");
        rescore.setId("rescore-button");
        rescore.setTooltip(new Tooltip("Score the selected model (its scoring was cancelled)"));
        rescore.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.getValue() == null
                || selected.getValue().scoreStateProperty().get() != GalleryEntry.ScoreState.CANCELLED,
                selected, gallery.scoresPendingProperty()));
        rescore.setOnAction(e -> gallery.rescore(selected.getValue()));

        Label presetsLabel = new Label();
        presetsLabel.setId("presets-label");
        presetsLabel.textProperty().bind(settings.map(s -> "Train with one change ("
                + s.epochs() + (s.epochs() == 1 ? " epoch" : " epochs") + ", other settings from the panel):"));
        FlowPane presets = new FlowPane(6, 6, presetsLabel);
        presets.setAlignment(Pos.CENTER_LEFT);
        for (TrainingPreset preset : TrainingPreset.values()) {
            Button b = new Button(preset.label());
            b.setId("preset-" + preset.name().toLowerCase().replace('_', '-'));
            b.disableProperty().bind(training.or(BooleanExpression.booleanExpression(sweepRunning)));
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(settings.map(s -> preset.describe(s)));
            b.setTooltip(tip);
            b.setOnAction(e -> trainPreset.accept(preset));
            presets.getChildren().add(b);
        }

        Label scoring = new Label();
        scoring.setId("scoring-status");
        scoring.textProperty().bind(Bindings.createStringBinding(() -> {
            int pending = gallery.scoresPendingProperty().get();
            String now = gallery.scoringNowProperty().get();
            return pending == 0 ? "" : "scoring " + (now.isEmpty() ? "" : "\"" + now + "\" ") + "(" + pending
                    + (pending == 1 ? " model" : " models") + " to go)";
        }, gallery.scoresPendingProperty(), gallery.scoringNowProperty()));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Button cancelScoring = new Button("Cancel scoring");
        cancelScoring.setId("cancel-scoring-button");
        cancelScoring.setOnAction(e -> gallery.cancelScoring());
        HBox scoringRow = new HBox(8, spinner, scoring, cancelScoring);
        scoringRow.setAlignment(Pos.CENTER_LEFT);
        scoringRow.visibleProperty().bind(gallery.scoresPendingProperty().greaterThan(0));
        scoringRow.managedProperty().bind(scoringRow.visibleProperty());

        FlowPane actions = new FlowPane(8, 6, compare, use, rename, delete, rescore);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, actions, presets, scoringRow, table);
        top.setPadding(new Insets(6));
        VBox.setVgrow(table, Priority.ALWAYS);
        ScrollPane lower = new ScrollPane(comparison);
        lower.setFitToWidth(true);
        getItems().addAll(top, lower);
        setDividerPositions(0.45);
    }

    public TableView<GalleryEntry> table() {
        return table;
    }

    public ComparisonView comparison() {
        return comparison;
    }

    private void askAndRename(GalleryEntry entry) {
        if (entry == null) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(entry.name());
        dialog.setTitle("Rename model");
        dialog.setHeaderText("A new name for \"" + entry.name() + "\" (its folder is renamed too)");
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.showAndWait().ifPresent(name -> gallery.rename(entry, name));
    }

    private void askAndDelete(GalleryEntry entry) {
        if (entry == null) {
            return;
        }
        boolean onDisk = gallery.isManaged(entry);
        if (onDisk) {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete \"" + entry.name() + "\" and its file "
                    + entry.file() + "?", ButtonType.CANCEL, ButtonType.OK);
            confirm.setTitle("Delete model");
            confirm.setHeaderText(null);
            confirm.initOwner(getScene() == null ? null : getScene().getWindow());
            if (confirm.showAndWait().filter(ButtonType.OK::equals).isEmpty()) {
                return;
            }
        }
        gallery.delete(entry);
    }

    /** Width that shows a column's header in full (the table's default font, with the sort arrow's room). */
    private static double headerWidth(String title) {
        Text text = new Text(title);
        return Math.ceil(text.getLayoutBounds().getWidth()) + 24;
    }

    private void updateCompareButton() {
        int n = gallery.compared().size();
        compare.setDisable(n < 2 || n > 4);
        compare.setText(n == 0 ? "Compare ticked" : "Compare ticked (" + n + ")");
    }

    private static TableColumn<GalleryEntry, String> text(String title, double width,
                                                          Function<GalleryEntry, String> value) {
        TableColumn<GalleryEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setEditable(false);
        return column;
    }

    /** A number from the entry's score: blank while scoring, the problem's gist when it cannot be scored. */
    private static TableColumn<GalleryEntry, String> score(String title, Function<ModelScore, Double> value) {
        return score(title, value, "%.2f");
    }

    private static TableColumn<GalleryEntry, String> score(String title, Function<ModelScore, Double> value,
            String format) {
        TableColumn<GalleryEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> {
            GalleryEntry e = c.getValue();
            ObservableValue<String> text = Bindings.createStringBinding(() -> {
                ModelScore s = e.scoreProperty().get();
                if (s == null || e.scoreStateProperty().get() != GalleryEntry.ScoreState.SCORED) {
                    return e.scoreStateProperty().get().text();
                }
                double v = value.apply(s);
                return Double.isNaN(v) ? "-" : String.format(format, v);
            }, e.scoreProperty(), e.scoreProblemProperty(), e.scoreStateProperty());
            return text;
        });
        column.setPrefWidth(95);
        column.setEditable(false);
        column.setComparator((a, b) -> {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException notNumbers) {
                return a.compareTo(b);
            }
        });
        return column;
    }
}
