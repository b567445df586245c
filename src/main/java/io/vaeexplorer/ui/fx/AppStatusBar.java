package io.vaeexplorer.ui.fx;

import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.ui.AppViewModel;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;

/** The window's bottom line: what is going on, and on the right the device, the model and the training state. */
public final class AppStatusBar extends StatusBar {

    public AppStatusBar(AppViewModel model) {
        setId("status-bar");
        textProperty().bind(model.statusProperty());
        // the message gives way in a narrow window (paths can be long); the whole of it shows on hover
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(model.statusProperty());
        setTooltip(whole);
        getRightItems().addAll(
                label("status-device", model.training().deviceProperty().map(d -> d.isEmpty() ? "device: ..." : d)),
                new Separator(Orientation.VERTICAL),
                label("status-model", model.workspace().configProperty().map(ModelConfig::describe).orElse("no model")),
                new Separator(Orientation.VERTICAL),
                label("status-state", model.training().trainingStateProperty().map(s -> s.name().toLowerCase(Locale.ROOT))));
    }

    private static Label label(String id, ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
