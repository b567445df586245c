package io.vaeexplorer.ui.fx;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * A split pane whose dividers stay at the fractions a person chose while the window changes size. A plain
 * SplitPane shares a change of size out evenly among its parts, and a part held at its minimum leaves its share to
 * the others, so a window made smaller and then larger again leaves the dividers elsewhere (a thin loss chart, a
 * wide empty column). Here the chosen fractions change only when a divider is dragged or {@link #place} is called,
 * and are put back after every change of size; where a part's minimum does not allow them, the pane gives way
 * until there is room again.
 */
public final class ProportionalSplitPane extends SplitPane {

    private double[] chosen;
    private double laidOutSize = -1;

    public ProportionalSplitPane(Orientation orientation, double[] positions, Node... items) {
        super(items);
        setOrientation(orientation);
        place(positions);
        addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getTarget() instanceof Node target && onDivider(target)) {
                chosen = getDividerPositions();
            }
        });
    }

    /** Moves the dividers and keeps the new positions as the chosen ones. */
    void place(double... positions) {
        chosen = positions.clone();
        setDividerPositions(positions);
    }

    /** The chosen positions: what the pane shows while it has room for them. */
    double[] chosen() {
        return chosen.clone();
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        double size = getOrientation() == Orientation.HORIZONTAL ? getWidth() : getHeight();
        if (size != laidOutSize) {
            // the skin has shared the change of size out its own way: back to the chosen fractions
            laidOutSize = size;
            if (chosen.length == getDividers().size()) {
                setDividerPositions(chosen);
                super.layoutChildren();
            }
        }
    }

    private boolean onDivider(Node node) {
        for (Node n = node; n != null && n != this; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
        }
        return false;
    }
}
