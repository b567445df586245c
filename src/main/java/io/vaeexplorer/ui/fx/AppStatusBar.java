package io.vaeexplorer.ui.fx;

import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.training.TrainingState;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;

/**
 * The window's bottom line: what is going on, with the progress of a data load, and on the right the device, the
 * model and the training state.
 */
public final class AppStatusBar extends StatusBar {

    /**
     * @param status one line on what is going on
     * @param device the device training runs on; empty until it is known
     * @param model the current model's architecture; null when there is none
     * @param state the state of the training run
     */
    public AppStatusBar(ObservableValue<String> status, ObservableValue<String> device,
                        ObservableValue<ModelConfig> model, ObservableValue<TrainingState> state) {
        setId("status-bar");
        textProperty().bind(status);
        // the message gives way in a narrow window (paths can be long); the whole of it shows on hover
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(status);
        setTooltip(whole);
        getRightItems().addAll(
                label("status-device", device.map(d -> d.isEmpty() ? "device: ..." : d)),
                new Separator(Orientation.VERTICAL),
                label("status-model", model.map(ModelConfig::describe).orElse("no model")),
                new Separator(Orientation.VERTICAL),
                label("status-state", state.map(s -> s.name().toLowerCase(Locale.ROOT))));
    }

    /**
     * Shows a data load under way: the bar fills with the share of pictures decoded (it moves without a share
     * until the first one is), and a Cancel button stops the load.
     *
     * @param loading true while a data folder loads
     * @param progress the share decoded, 0 to 1
     * @param cancel stops the load
     */
    public void showDataLoad(ObservableValue<Boolean> loading, ObservableValue<Number> progress, Runnable cancel) {
        // the status bar shows its progress bar for any value but 0, and a moving one for a negative value
        progressProperty().bind(Bindings.createDoubleBinding(() -> {
            if (!Boolean.TRUE.equals(loading.getValue())) {
                return 0.0;
            }
            double share = progress.getValue() == null ? 0 : progress.getValue().doubleValue();
            return share > 0 ? share : ProgressBar.INDETERMINATE_PROGRESS;
        }, loading, progress));
        Button stop = new Button("Cancel");
        stop.setId("status-data-cancel");
        stop.setOnAction(e -> cancel.run());
        stop.visibleProperty().bind(loading.map(Boolean.TRUE::equals));
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setMinWidth(Region.USE_PREF_SIZE);
        getRightItems().add(0, stop);
    }

    private static Label label(String id, ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
