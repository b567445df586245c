package io.vaeexplorer.ui.draw;

import io.vaeexplorer.ui.fx.RasterView;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * Draw a digit and see what the model makes of it: every stroke is encoded, its posterior mean and 1/2-sigma
 * ellipses appear on the latent plane, and its reconstruction shows beside the pad. "as A" / "as B" put the
 * drawing at an end of the interpolation.
 */
public final class DrawDigitView extends HBox {

    private final SketchPadView pad = new SketchPadView();

    /**
     * @param useAsA receives the drawing's pixels when "as A" is pressed
     * @param useAsB receives them when "as B" is pressed
     */
    public DrawDigitView(DrawViewModel draw, Consumer<float[]> useAsA, Consumer<float[]> useAsB) {
        super(16);
        setId("draw-digit");
        setPadding(new Insets(8));
        RasterView reconstruction = new RasterView(draw.reconstructionProperty(), 6,
                "its reconstruction shows here");
        reconstruction.setId("sketch-reconstruction");
        reconstruction.setPrefSize(28 * 6 + 8, 28 * 6 + 8);
        Label posterior = new Label();
        posterior.setId("sketch-posterior");
        posterior.textProperty().bind(draw.descriptionProperty());
        posterior.setFont(Font.font("monospace", 11));
        posterior.setWrapText(true);
        posterior.setMaxWidth(260);
        Label title = new Label("Reconstruction");
        Label where = new Label(
                "The diamond and the ellipses (1 and 2 sigma) on the plane show where the encoder puts the drawing.");
        where.setWrapText(true); // a narrow window wraps it rather than cutting it short
        where.setMaxWidth(320);
        VBox right = new VBox(8, title, reconstruction, posterior, where);
        right.setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(pad, right);

        pad.setOnNewImage(sketch -> draw.encode(sketch.isEmpty() ? null : sketch.pixels()));
        pad.setOnUseAsA(useAsA);
        pad.setOnUseAsB(useAsB);
    }

    public SketchPadView pad() {
        return pad;
    }
}
