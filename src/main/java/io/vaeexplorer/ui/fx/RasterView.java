package io.vaeexplorer.ui.fx;

import io.vaeexplorer.render.Raster;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;

/**
 * Shows a raster, grey or colour, enlarged to the space it gets, pixels as crisp blocks (nearest neighbour, a
 * whole-number scale from 2 up), centred; a line of text stands in while there is none. Its export button asks for a
 * file and leaves the writing to a view-model, which exports the raster, not the screen.
 */
public final class RasterView extends Region {

    private final ReadOnlyObjectWrapper<Raster> raster = new ReadOnlyObjectWrapper<>(this, "raster");
    private final ImageView imageView = new ImageView();
    private final Label placeholder;
    private final double preferredScale;

    /**
     * @param source the raster to show, followed as it changes
     * @param preferredScale screen pixels per raster pixel the view asks for
     * @param waitingText shown while the raster is null
     */
    public RasterView(ObservableValue<Raster> source, double preferredScale, String waitingText) {
        this.preferredScale = preferredScale;
        this.placeholder = new Label(waitingText);
        imageView.setSmooth(false);
        imageView.setPreserveRatio(true);
        getChildren().addAll(imageView, placeholder);
        raster.addListener((obs, was, now) -> show(now));
        raster.bind(source);
        getStyleClass().add("experiment-raster");
    }

    public ReadOnlyObjectProperty<Raster> rasterProperty() {
        return raster.getReadOnlyProperty();
    }

    /** The image node (tests look at what is shown). */
    public ImageView imageView() {
        return imageView;
    }

    /**
     * A button, off while there is no raster, that asks for a PNG file and hands it to {@code export}.
     *
     * @param text the button's label
     * @param dialogTitle the save dialog's title, saying what is exported
     * @param suggestedFileName the file name the dialog starts with
     * @param export writes the raster to the chosen file (a view-model's export, off the FX thread)
     */
    public Button exportButton(String text, String dialogTitle, String suggestedFileName, Consumer<Path> export) {
        Button button = new Button(text);
        button.disableProperty().bind(raster.isNull());
        button.setOnAction(e -> SaveDialog.choose(this, dialogTitle, suggestedFileName, "PNG image", "*.png")
                .ifPresent(export));
        return button;
    }

    private void show(Raster now) {
        imageView.setImage(now == null ? null : RasterImages.toImage(now));
        placeholder.setVisible(now == null);
        requestLayout();
        // the preferred size follows the raster's
        requestParentLayout();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = getWidth() - left - snappedRightInset();
        double height = getHeight() - top - snappedBottomInset();
        placeholder.resizeRelocate(left, top, width, Math.min(height, placeholder.prefHeight(width)));
        Raster current = raster.get();
        if (current == null || width <= 0 || height <= 0) {
            return;
        }
        double scale = fitScale(width, height, current.width(), current.height());
        double w = current.width() * scale;
        double h = current.height() * scale;
        imageView.setFitWidth(w);
        imageView.setFitHeight(h);
        imageView.relocate(left + Math.floor((width - w) / 2), top + Math.floor((height - h) / 2));
    }

    /**
     * Screen pixels per raster pixel that show a {@code rasterWidth x rasterHeight} raster as large as fits the
     * space: whole numbers from 2 up, so no row or column is wider than another; below 2 the space lost would be
     * up to half, so small spaces take a fractional scale (still nearest neighbour). 0 for no space or no raster.
     */
    public static double fitScale(double width, double height, int rasterWidth, int rasterHeight) {
        if (!(width > 0) || !(height > 0) || rasterWidth <= 0 || rasterHeight <= 0) {
            return 0;
        }
        double scale = Math.min(width / rasterWidth, height / rasterHeight);
        return scale >= 2 ? Math.floor(scale) : scale;
    }

    @Override
    protected double computePrefWidth(double height) {
        Raster current = raster.get();
        double inner = current == null ? placeholder.prefWidth(-1) : current.width() * preferredScale;
        return snappedLeftInset() + inner + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        Raster current = raster.get();
        double inner = current == null ? placeholder.prefHeight(-1) : current.height() * preferredScale;
        return snappedTopInset() + inner + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + 20;
    }

    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + snappedBottomInset() + 20;
    }
}
