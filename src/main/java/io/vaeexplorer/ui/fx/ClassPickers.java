package io.vaeexplorer.ui.fx;

import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import org.controlsfx.control.SearchableComboBox;

/** Drop-downs of class names, as the experiments and the plane pick classes. */
public final class ClassPickers {

    private ClassPickers() {
    }

    /**
     * A drop-down of class names that stays usable for a hundred of them: typing filters the list, which scrolls;
     * each name shows its class colour, long ones cut short with the whole name in a tooltip. Disabled while there
     * are no classes.
     */
    public static ComboBox<String> dropDown(ObservableList<String> classNames) {
        // the picker shows a copy that follows the names with its selection cleared first: a searchable combo box
        // whose list shrinks below its selection reads its filtered items before they catch up, and throws
        ObservableList<String> shown = FXCollections.observableArrayList(classNames);
        ComboBox<String> picker = new SearchableComboBox<>(shown);
        classNames.addListener((ListChangeListener<String>) change -> {
            picker.getSelectionModel().clearSelection();
            shown.setAll(classNames);
        });
        picker.setCellFactory(list -> new ClassNameCell(shown));
        picker.setButtonCell(new ClassNameCell(shown));
        picker.setVisibleRowCount(12);
        picker.disableProperty().bind(Bindings.isEmpty(shown));
        return picker;
    }

    /** A drop-down of class names whose selection is the label held in the property, both ways. */
    public static ComboBox<String> selector(ObservableList<String> classNames, IntegerProperty label) {
        ComboBox<String> picker = dropDown(classNames);
        Runnable showLabel = () -> {
            if (label.get() >= 0 && label.get() < classNames.size()) {
                picker.getSelectionModel().select(label.get());
            }
        };
        showLabel.run();
        classNames.addListener((ListChangeListener<String>) change -> showLabel.run());
        label.addListener((obs, was, now) -> showLabel.run());
        picker.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            if (now.intValue() >= 0) {
                label.set(now.intValue());
            }
        });
        return picker;
    }
}
