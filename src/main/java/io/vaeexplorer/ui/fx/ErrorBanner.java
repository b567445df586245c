package io.vaeexplorer.ui.fx;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The last error as a red-tinted bar with a close button; hidden and taking no space when there is none. A banner
 * instead of modal alerts, so neither a person nor a test is ever blocked by a dialog.
 */
public final class ErrorBanner extends HBox {

    /**
     * @param error the last error, one line; empty when there is none
     * @param dismiss clears it (the close button)
     */
    public ErrorBanner(ReadOnlyStringProperty error, Runnable dismiss) {
        super(8);
        setId("error-banner");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().add("error-banner");

        Label text = new Label();
        text.setId("error-text");
        text.getStyleClass().add("error-text");
        text.textProperty().bind(error);
        text.setTextOverrun(OverrunStyle.ELLIPSIS);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Tooltip full = new Tooltip(); // the whole message when the bar is too narrow for it
        full.textProperty().bind(error);
        text.setTooltip(full);

        Button close = new Button("\u00d7");
        close.setId("error-close");
        close.setTooltip(new Tooltip("Dismiss"));
        close.setOnAction(e -> dismiss.run());

        BooleanBinding hasError = error.isNotEmpty();
        visibleProperty().bind(hasError);
        managedProperty().bind(hasError);
        getChildren().addAll(text, close);
    }
}
