package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.ui.fx.ClassPickers;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;

/** The controls the experiment views share, bound two-way to the experiments' properties. */
final class ExperimentControls {

    private ExperimentControls() {
    }

    /** An editable spinner of whole numbers in [min, max], two-way bound to the property. */
    static Spinner<Integer> intSpinner(IntegerProperty property, int min, int max) {
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, clamp(property.get(), min, max));
        Spinner<Integer> spinner = new Spinner<>(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(90);
        ObjectProperty<Integer> boxed = property.asObject();
        // bidirectional bindings hold their ends weakly: the spinner keeps the boxed view of the property alive
        spinner.getProperties().put(ExperimentControls.class, boxed);
        factory.valueProperty().bindBidirectional(boxed);
        return spinner;
    }

    /**
     * A spinner of indices below a count that changes (test images, latent dimensions); a count of 0 means not
     * known yet and leaves the spinner unbounded.
     */
    static Spinner<Integer> indexSpinner(IntegerProperty property, ObservableIntegerValue count) {
        Spinner<Integer> spinner = intSpinner(property, 0, Integer.MAX_VALUE);
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                (SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory();
        count.addListener((obs, was, now) -> factory.setMax(upperIndex(now.intValue())));
        factory.setMax(upperIndex(count.get()));
        return spinner;
    }

    /** A slider of whole numbers, two-way with the property; the property holds the rounded value. */
    static Slider intSlider(IntegerProperty property, int min, int max, int tickUnit) {
        Slider slider = new Slider(min, max, clamp(property.get(), min, max));
        slider.setMajorTickUnit(tickUnit);
        slider.setMinorTickCount(0);
        slider.setBlockIncrement(tickUnit);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.valueProperty().addListener((obs, was, now) -> property.set((int) Math.round(now.doubleValue())));
        property.addListener((obs, was, now) -> {
            if ((int) Math.round(slider.getValue()) != now.intValue()) {
                slider.setValue(now.intValue());
            }
        });
        return slider;
    }

    /** A slider two-way bound to a double property. */
    static Slider doubleSlider(DoubleProperty property, double min, double max) {
        Slider slider = new Slider(min, max, property.get());
        slider.valueProperty().bindBidirectional(property);
        return slider;
    }

    /** A picker of the data set's class names with a prompt that follows {@code prompt}; choosing one calls back with its label. */
    static ComboBox<String> classPicker(ObservableList<String> classNames, ObservableValue<String> prompt,
            IntConsumer onPick) {
        ComboBox<String> picker = ClassPickers.dropDown(classNames);
        picker.promptTextProperty().bind(prompt);
        picker.setOnAction(e -> {
            int label = picker.getSelectionModel().getSelectedIndex();
            if (label >= 0) {
                onPick.accept(label);
            }
        });
        return picker;
    }

    /** A picker of class names whose selection is the label held in the property, both ways. */
    static ComboBox<String> classSelector(ObservableList<String> classNames, IntegerProperty label) {
        return ClassPickers.selector(classNames, label);
    }

    /** The experiments' last failure, in red; empty while all is well. */
    static Label errorLabel(ObservableStringValue error) {
        Label label = new Label();
        label.getStyleClass().add("problem-text");
        label.setWrapText(true);
        label.textProperty().bind(error);
        return label;
    }

    /** A caption followed by its control, on one line. */
    static HBox labelled(String caption, Node control) {
        HBox row = new HBox(6, new Label(caption), control);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A caption that follows {@code caption} before a control. */
    static HBox labelled(ObservableValue<String> caption, Node control) {
        Label label = new Label();
        label.textProperty().bind(caption);
        HBox row = new HBox(6, label, control);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** The word with its first letter a capital: "Digit", "Class". */
    static StringBinding capitalised(ObservableStringValue word) {
        return Bindings.createStringBinding(() -> {
            String text = word.get();
            return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }, word);
    }

    private static int upperIndex(int count) {
        return count <= 0 ? Integer.MAX_VALUE : count - 1;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
