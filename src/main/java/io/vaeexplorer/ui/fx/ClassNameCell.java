package io.vaeexplorer.ui.fx;

import java.util.List;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Rectangle;

/**
 * A class name in a list or picker: the class's colour, then the name cut short ({@link ClassNames#shortened}),
 * with the whole name in a tooltip when it was cut; a column of a hundred of them stays narrow this way.
 */
public class ClassNameCell extends ListCell<String> {

    private final List<String> names;
    private final Rectangle swatch = new Rectangle(10, 10);
    private final Tooltip fullName = new Tooltip();

    /** @param names every class name, index = label: the colour of a name is its label's */
    public ClassNameCell(List<String> names) {
        this.names = names;
        getStyleClass().add("class-name-cell");
        swatch.setStrokeWidth(0.5);
    }

    @Override
    protected void updateItem(String name, boolean empty) {
        super.updateItem(name, empty);
        if (empty || name == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        int label = names.indexOf(name);
        swatch.setFill(ClassColors.color(Math.max(0, label)));
        swatch.setStroke(ClassColors.color(Math.max(0, label)).darker());
        setGraphic(swatch);
        String shown = ClassNames.shortened(name);
        setText(shown);
        if (shown.equals(name)) {
            setTooltip(null);
        } else {
            fullName.setText(name);
            setTooltip(fullName);
        }
    }
}
