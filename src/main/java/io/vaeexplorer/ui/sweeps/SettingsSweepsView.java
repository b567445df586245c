package io.vaeexplorer.ui.sweeps;

import io.vaeexplorer.sweep.SweepPlan;
import io.vaeexplorer.sweep.SweepResult;
import io.vaeexplorer.ui.fx.SaveDialog;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Settings sweeps: type the axes to vary (or pick a preset), run them one after another in the background with
 * a progress bar and a cancel button each, then read the results in a sortable table and a chart of the final
 * test loss per setting, and export them as CSV. Finished models join the gallery.
 */
public final class SettingsSweepsView extends SplitPane {

    private final SettingsSweepsViewModel sweeps;
    private final TableView<SweepRow> runs = new TableView<>();
    private final TableView<SweepResult> results = new TableView<>();
    private final BarChart<String, Number> chart;

    public SettingsSweepsView(SettingsSweepsViewModel sweeps) {
        this.sweeps = sweeps;
        setId("sweeps");
        setOrientation(Orientation.VERTICAL);

        TextField spec = new TextField();
        spec.setId("sweep-spec");
        spec.textProperty().bindBidirectional(sweeps.specProperty());
        spec.setPrefColumnCount(36);
        spec.setPromptText("latent=2,20 hidden=400;64,32 beta=1,4 loss=bce,mse objective=elbo,recon,kl");
        Button run = button("Run sweep", "sweep-run", sweeps::start);
        Button ablations = button("Ablations (ELBO / recon only / KL only)", "sweep-ablations",
                () -> sweeps.startPreset(SweepPlan.Preset.ABLATIONS));
        Button latents = button("Latent 2 vs 20", "sweep-latents", () -> sweeps.startPreset(SweepPlan.Preset.LATENTS));
        Button conditional = button("Plain vs conditional", "sweep-conditional",
                () -> sweeps.startPreset(SweepPlan.Preset.CONDITIONAL));
        conditional.setTooltip(new Tooltip("Trains the panel's model twice: plain, and told each image's class (a"
                + " conditional VAE); needs a data set with classes"));
        Button cancelAll = button("Cancel all", "sweep-cancel-all", sweeps::cancelAll);
        Button export = button("Export CSV\u2026", "sweep-export", this::chooseAndExport);
        run.disableProperty().bind(sweeps.runningProperty());
        ablations.disableProperty().bind(sweeps.runningProperty());
        latents.disableProperty().bind(sweeps.runningProperty());
        conditional.disableProperty().bind(sweeps.runningProperty());
        cancelAll.disableProperty().bind(sweeps.runningProperty().not());
        export.disableProperty().bind(Bindings.isEmpty(sweeps.results()));
        HBox specRow = new HBox(8, new Label("Sweep"), spec, run, cancelAll, export);
        specRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(spec, Priority.ALWAYS);
        Label presetsLabel = new Label();
        presetsLabel.setId("sweep-presets-label");
        presetsLabel.textProperty().bind(sweeps.epochsProperty().map(epochs -> "Presets (" + epochs
                + (epochs.intValue() == 1 ? " epoch" : " epochs") + " each, other settings from the panel):"));
        HBox presetRow = new HBox(8, presetsLabel, ablations, latents, conditional);
        presetRow.setAlignment(Pos.CENTER_LEFT);

        runs.setId("sweep-runs");
        runs.setItems(sweeps.rows());
        runs.setPlaceholder(new Label("Queued runs show here with their progress."));
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runs.getColumns().add(rowText("run", 170, SweepRow::name));
        TableColumn<SweepRow, String> state = new TableColumn<>("state");
        state.setCellValueFactory(c -> c.getValue().statusProperty().asString());
        state.setPrefWidth(90);
        runs.getColumns().add(state);
        TableColumn<SweepRow, Double> progress = new TableColumn<>("progress");
        progress.setCellValueFactory(c -> c.getValue().progressProperty().asObject());
        progress.setCellFactory(ProgressBarTableCell.forTableColumn());
        progress.setPrefWidth(120);
        runs.getColumns().add(progress);
        TableColumn<SweepRow, SweepRow> cancel = new TableColumn<>("");
        cancel.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        cancel.setCellFactory(column -> new CancelCell());
        cancel.setPrefWidth(80);
        runs.getColumns().add(cancel);
        TableColumn<SweepRow, String> detail = new TableColumn<>("now");
        detail.setCellValueFactory(c -> c.getValue().detailProperty());
        detail.setPrefWidth(300);
        runs.getColumns().add(detail);

        results.setId("sweep-results");
        results.setItems(sweeps.results());
        results.setPlaceholder(new Label("Finished runs land here; click a header to sort."));
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.getColumns().add(resultText("run", 170, SweepResult::name));
        results.getColumns().add(resultNumber("test -ELBO", r -> r.test().negElbo()));
        results.getColumns().add(resultNumber("recon", r -> r.test().reconstruction()));
        results.getColumns().add(resultNumber("KL", r -> r.test().kl()));
        results.getColumns().add(resultNumber("IWAE log p(x)", SweepResult::iwaeLogLikelihood));
        results.getColumns().add(resultNumber("train s", SweepResult::trainSeconds));
        results.getColumns().add(resultText("configuration", 300, r -> r.model().describe()));

        CategoryAxis settingAxis = new CategoryAxis();
        settingAxis.setLabel("setting");
        NumberAxis lossAxis = new NumberAxis();
        lossAxis.setLabel("final test -ELBO (nats)");
        chart = new BarChart<>(settingAxis, lossAxis);
        chart.setId("sweep-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setTitle("Final test loss per setting (lower is better)");
        sweeps.results().addListener((ListChangeListener<SweepResult>) c -> refreshChart());

        VBox top = new VBox(6, specRow, presetRow, runs);
        top.setPadding(new Insets(6));
        VBox.setVgrow(runs, Priority.ALWAYS);
        SplitPane bottom = new SplitPane(results, chart);
        bottom.setDividerPositions(0.55);
        getItems().addAll(top, bottom);
        setDividerPositions(0.45);
    }

    public TableView<SweepRow> runsTable() {
        return runs;
    }

    public TableView<SweepResult> resultsTable() {
        return results;
    }

    public BarChart<String, Number> chart() {
        return chart;
    }

    private void refreshChart() {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (SweepResult r : sweeps.results()) {
            series.getData().add(new XYChart.Data<>(r.name(), r.test().negElbo()));
        }
        chart.getData().setAll(List.of(series));
    }

    private void chooseAndExport() {
        SaveDialog.choose(this, "Export the sweep's results", "sweep.csv", "CSV", "*.csv").ifPresent(sweeps::exportCsv);
    }

    /** A cancel button for a run that has not ended yet. */
    private final class CancelCell extends TableCell<SweepRow, SweepRow> {
        private final Button button = new Button("Cancel");

        @Override
        protected void updateItem(SweepRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            button.setId("sweep-cancel-" + row.index());
            button.setOnAction(e -> sweeps.cancel(row.index()));
            button.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> row.statusProperty().get().isFinal(), row.statusProperty()));
            setGraphic(button);
        }
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TableColumn<SweepRow, String> rowText(String title, double width, Function<SweepRow, String> value) {
        TableColumn<SweepRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<SweepResult, String> resultText(String title, double width,
                                                               Function<SweepResult, String> value) {
        TableColumn<SweepResult, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** A numeric column that sorts as numbers; unmeasured values (NaN) show as a dash. */
    private static TableColumn<SweepResult, Double> resultNumber(String title, Function<SweepResult, Double> value) {
        TableColumn<SweepResult, Double> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "-" : String.format("%.2f", v));
            }
        });
        column.setPrefWidth(90);
        return column;
    }
}
