package io.vaeexplorer.ui.plane;

import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.RasterImages;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The decoder's image for the selected latent vector, large and unsmoothed, with the vector's values under it.
 * The image is {@link #SIZE} pixels square where there is room and shrinks with a narrow column, down to
 * {@link #MIN_SIZE}.
 */
public final class DecodedImageView extends VBox {

    static final double SIZE = 280;
    static final double MIN_SIZE = 140;

    private final Canvas canvas = new Canvas(SIZE, SIZE);
    private final Label zLabel = new Label();
    private Raster shown;
    // reused for every decode: a drag brings many a second
    private final WritableImage enlarged = new WritableImage((int) SIZE, (int) SIZE);
    private final int[] enlargedPixels = new int[(int) SIZE * (int) SIZE];

    public DecodedImageView(PlaneViewModel plane) {
        super(6);
        setPadding(new Insets(8));
        setAlignment(Pos.TOP_CENTER);
        canvas.setId("decoded-image");
        zLabel.setId("decoded-z");
        zLabel.setWrapText(true);
        zLabel.setMaxWidth(SIZE);
        Label title = new Label("Decoded image at the marker");
        title.setStyle("-fx-font-weight: bold;");
        title.setId("decoded-title");
        title.setWrapText(true);
        getChildren().addAll(title, canvas, zLabel);
        plane.decodedImageProperty().addListener((obs, old, raster) -> draw(raster));
        plane.selectedZProperty().addListener((obs, old, z) -> zLabel.setText(describe(z)));
        draw(plane.decodedImageProperty().get());
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + MIN_SIZE + snappedRightInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.max(super.computePrefWidth(height), snappedLeftInset() + SIZE + snappedRightInset());
    }

    /** Fits the image's square to the width given, then lays out as a column. */
    @Override
    protected void layoutChildren() {
        double side = Math.floor(Math.max(MIN_SIZE, Math.min(SIZE, getWidth() - snappedLeftInset()
                - snappedRightInset())));
        if (side != canvas.getWidth()) {
            canvas.setWidth(side);
            canvas.setHeight(side);
            zLabel.setMaxWidth(side);
            draw(shown);
        }
        super.layoutChildren();
    }

    /** The raster on screen, for tests. */
    public Raster shown() {
        return shown;
    }

    public Canvas canvas() {
        return canvas;
    }

    private void draw(Raster raster) {
        shown = raster;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double side = canvas.getWidth();
        g.setFill(Color.gray(0.15));
        g.fillRect(0, 0, side, side);
        if (raster != null) {
            RasterImages.enlargeInto(raster, enlarged, enlargedPixels);
            if (side == SIZE) {
                g.drawImage(enlarged, 0, 0);
            } else {
                g.setImageSmoothing(false); // the decoder's pixels stay sharp squares
                g.drawImage(enlarged, 0, 0, side, side);
            }
        }
    }

    private static String describe(float[] z) {
        if (z == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("z = (");
        for (int i = 0; i < z.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (i == 8 && z.length > 10) {
                sb.append("... ").append(z.length - 8).append(" more");
                break;
            }
            sb.append(String.format(Locale.ROOT, "%.2f", z[i]));
        }
        return sb.append(')').toString();
    }
}
