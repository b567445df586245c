package io.vaeexplorer.ui;

import io.vaeexplorer.training.ModelScore;
import io.vaeexplorer.training.TrainingState;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The model gallery: every model of this session and of the models folder with its configuration, test -ELBO
 * (reconstruction + KL), IWAE bound, training time and device; tick two to four and compare them side by side.
 * The presets start the tutorials' comparison runs with one click each; finished runs join the table.
 */
public final class GalleryView extends SplitPane {

    private final ExplorerModel model;
    private final TableView<GalleryEntry> table = new TableView<>();
    private final ComparisonView comparison;
    private final Button compare = new Button("Compare ticked");

    public GalleryView(ExplorerModel model) {
        this.model = model;
        setId("gallery");
        setOrientation(Orientation.VERTICAL);
        comparison = new ComparisonView(model::reportError);

        table.setId("gallery-table");
        table.setEditable(true);
        table.setItems(model.gallery().entries());
        table.setPlaceholder(new Label("Models appear here as they are loaded or trained."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<GalleryEntry, Boolean> ticked = new TableColumn<>("compare");
        ticked.setCellValueFactory(c -> c.getValue().comparedProperty());
        ticked.setCellFactory(CheckBoxTableCell.forTableColumn(ticked));
        ticked.setEditable(true);
        ticked.setPrefWidth(64);
        table.getColumns().add(ticked);
        table.getColumns().add(text("model", 150, e -> e.name()));
        table.getColumns().add(text("from", 60, e -> e.source()));
        table.getColumns().add(text("configuration", 260, e -> e.configuration()));
        table.getColumns().add(text("epochs", 55, e -> Integer.toString(e.checkpoint().epochsDone())));
        table.getColumns().add(score("test -ELBO", s -> s.test().negElbo()));
        table.getColumns().add(score("recon", s -> s.test().reconstruction()));
        table.getColumns().add(score("KL", s -> s.test().kl()));
        table.getColumns().add(score("IWAE log p(x)", ModelScore::iwaeLogLikelihood));
        table.getColumns().add(text("train time", 75, e -> e.trainingSeconds() > 0
                ? String.format("%.0f s", e.trainingSeconds()) : "-"));
        table.getColumns().add(text("device", 150, e -> e.checkpoint().device()));

        compare.setId("compare-button");
        compare.setOnAction(e -> comparison.compare(model.gallery().compared(),
                model.datasetProperty().get() == null ? null : model.datasetProperty().get().test()));
        updateCompareButton();
        model.gallery().entries().addListener((ListChangeListener<GalleryEntry>) change -> {
            while (change.next()) {
                for (GalleryEntry added : change.getAddedSubList()) {
                    added.comparedProperty().addListener((obs, was, now) -> updateCompareButton());
                }
            }
            updateCompareButton();
        });

        Button use = new Button("Use selected model");
        use.setId("use-model-button");
        BooleanBinding training = Bindings.createBooleanBinding(() -> model.trainingStateProperty().get()
                == TrainingState.RUNNING || model.trainingStateProperty().get() == TrainingState.PAUSED,
                model.trainingStateProperty());
        use.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(training));
        use.setOnAction(e -> model.useGalleryEntry(table.getSelectionModel().getSelectedItem()));

        HBox actions = new HBox(8, compare, use, new Label("   train with one change:"));
        actions.setAlignment(Pos.CENTER_LEFT);
        for (TrainingPreset preset : TrainingPreset.values()) {
            Button b = new Button(preset.label());
            b.setId("preset-" + preset.name().toLowerCase().replace('_', '-'));
            b.disableProperty().bind(training);
            b.setOnAction(e -> model.trainPreset(preset));
            actions.getChildren().add(b);
        }
        VBox top = new VBox(6, actions, table);
        top.setPadding(new Insets(6));
        VBox.setVgrow(table, Priority.ALWAYS);
        javafx.scene.control.ScrollPane lower = new javafx.scene.control.ScrollPane(comparison);
        lower.setFitToWidth(true);
        getItems().addAll(top, lower);
        setDividerPositions(0.26);
    }

    public TableView<GalleryEntry> table() {
        return table;
    }

    public ComparisonView comparison() {
        return comparison;
    }

    private void updateCompareButton() {
        int n = model.gallery().compared().size();
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
        TableColumn<GalleryEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> {
            GalleryEntry e = c.getValue();
            ObservableValue<String> text = Bindings.createStringBinding(() -> {
                ModelScore s = e.scoreProperty().get();
                if (s == null) {
                    return e.scoreProblemProperty().get().isEmpty() ? "scoring..." : "n/a";
                }
                double v = value.apply(s);
                return Double.isNaN(v) ? "-" : String.format("%.2f", v);
            }, e.scoreProperty(), e.scoreProblemProperty());
            return text;
        });
        column.setPrefWidth(85);
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
