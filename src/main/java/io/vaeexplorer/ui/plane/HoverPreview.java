package io.vaeexplorer.ui.plane;

import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.RasterImages;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/** The test image under the cursor with its class and index, in a small box beside the cursor. */
final class HoverPreview extends VBox {

    /** Size of the preview image, pixels. */
    static final int SIZE = 56;
    /** Distance from the cursor to the box's nearest corner, pixels. */
    private static final double OFFSET = 16;

    private final ImageView image = new ImageView();
    private final Label label = new Label();

    HoverPreview() {
        super(2);
        getChildren().addAll(image, label);
        setId("plane-preview");
        image.setId("plane-preview-image");
        label.setId("plane-preview-label");
        image.setFitWidth(SIZE);
        image.setFitHeight(SIZE);
        image.setSmooth(false);
        label.setFont(Font.font(11));
        setPadding(new Insets(3));
        getStyleClass().add("plane-preview");
        setManaged(false);
        setVisible(false);
        setMouseTransparent(true);
    }

    void show(Raster raster, String text) {
        image.setImage(RasterImages.toImage(raster));
        label.setText(text);
        setVisible(true);
        autosize();
    }

    void hide() {
        setVisible(false);
        image.setImage(null);
    }

    /**
     * Places the box below and right of the cursor, or on the other side of it where the box would leave the area.
     *
     * @param x the cursor in the parent's coordinates
     * @param y the cursor in the parent's coordinates
     */
    void placeBeside(double x, double y, double areaWidth, double areaHeight) {
        double w = getWidth();
        double h = getHeight();
        double left = x + OFFSET;
        double top = y + OFFSET;
        if (left + w > areaWidth) {
            left = x - OFFSET - w;
        }
        if (top + h > areaHeight) {
            top = y - OFFSET - h;
        }
        relocate(Math.max(0, left), Math.max(0, top));
    }
}
