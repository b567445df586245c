package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.ClassNames;
import io.vaeexplorer.ui.fx.RasterView;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;

/**
 * A grid with one row per class, each row's class name to its left and level with it. Where the rows are drawn too
 * low for a line of text, the names are left out rather than piled on each other.
 */
final class ClassGridView extends Region {

    /** The least height of a drawn row, in screen pixels, that its name is shown beside. */
    static final double MIN_NAMED_ROW = 11;
    private static final double GAP = 4;

    private final RasterView raster;
    private final ObservableList<String> rowNames;
    private final List<Label> names = new ArrayList<>();

    /**
     * @param grid the grid, tiled with {@link ExperimentsViewModel#PADDING} around its images
     * @param rowNames the class of each row, top to bottom
     * @param waitingText shown while there is no grid
     */
    ClassGridView(ObservableValue<Raster> grid, ObservableList<String> rowNames, String waitingText) {
        this.rowNames = rowNames;
        this.raster = new RasterView(grid, 2, waitingText);
        getChildren().add(raster);
        rowNames.addListener((ListChangeListener<String>) change -> nameRows());
        raster.rasterProperty().addListener((obs, was, now) -> requestLayout());
        nameRows();
    }

    /** The grid itself, for its export button and for tests. */
    RasterView raster() {
        return raster;
    }

    /** The names beside the rows, top to bottom (tests look at them). */
    List<Label> rowLabels() {
        return List.copyOf(names);
    }

    private void nameRows() {
        getChildren().removeAll(names);
        names.clear();
        for (int row = 0; row < rowNames.size(); row++) {
            String name = rowNames.get(row);
            Label label = new Label(ClassNames.shortened(name));
            label.getStyleClass().add("class-grid-row-name");
            if (!label.getText().equals(name)) {
                label.setTooltip(new Tooltip(name));
            }
            names.add(label);
        }
        getChildren().addAll(names);
        requestLayout();
    }

    private double namesWidth() {
        double widest = 0;
        for (Label label : names) {
            widest = Math.max(widest, label.prefWidth(-1));
        }
        return widest == 0 ? 0 : widest + GAP;
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = getWidth() - left - snappedRightInset();
        double height = getHeight() - top - snappedBottomInset();
        double namesWidth = namesWidth();
        raster.resizeRelocate(left + namesWidth, top, Math.max(0, width - namesWidth), height);
        raster.layout(); // places the image now, so the rows' places are known
        Raster shown = raster.rasterProperty().get();
        ImageView image = raster.imageView();
        boolean placed = shown != null && image.getImage() != null && image.getFitHeight() > 0 && !names.isEmpty();
        // the rows' pitch in raster pixels: the grid is PADDING, then per row an image and PADDING
        double pitch = placed ? (shown.height() - ExperimentsViewModel.PADDING) / (double) names.size() : 0;
        double scale = placed ? image.getFitHeight() / shown.height() : 0;
        boolean readable = placed && pitch * scale >= MIN_NAMED_ROW;
        double imageLeft = raster.getLayoutX() + image.getLayoutX();
        double imageTop = raster.getLayoutY() + image.getLayoutY();
        for (int row = 0; row < names.size(); row++) {
            Label label = names.get(row);
            label.setVisible(readable);
            if (!readable) {
                continue;
            }
            double labelWidth = label.prefWidth(-1);
            double labelHeight = label.prefHeight(labelWidth);
            double centre = imageTop + (ExperimentsViewModel.PADDING + row * pitch
                    + (pitch - ExperimentsViewModel.PADDING) / 2) * scale;
            label.resizeRelocate(Math.max(left, imageLeft - GAP - labelWidth), centre - labelHeight / 2, labelWidth,
                    labelHeight);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + namesWidth() + raster.prefWidth(height) + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + raster.prefHeight(-1) + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + namesWidth() + raster.minWidth(height) + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + raster.minHeight(-1) + snappedBottomInset();
    }
}
