package io.vaeexplorer.ui.draw;

import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.render.GreyRaster;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.experiments.ExperimentRasterView;
import io.vaeexplorer.ui.experiments.ExperimentsViewModel;
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

    /** What the model made of one drawing: its posterior and its reconstruction. */
    record Encoded(float[] mu, float[] sigma, GreyRaster reconstruction) {
    }

    private final AppViewModel model;
    private final SketchPadView pad = new SketchPadView();
    private final ExperimentRasterView reconstruction;
    private final javafx.beans.property.ReadOnlyObjectWrapper<GreyRaster> reconstructed =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final Label posterior = new Label("Draw a digit on the black pad.");
    private long encodes;

    public DrawDigitView(AppViewModel model, ExperimentsViewModel experiments) {
        super(16);
        this.model = model;
        setId("draw-digit");
        setPadding(new Insets(8));
        reconstruction = new ExperimentRasterView(reconstructed.getReadOnlyProperty(), 6, "its reconstruction shows here");
        reconstruction.setId("sketch-reconstruction");
        reconstruction.setPrefSize(28 * 6 + 8, 28 * 6 + 8);
        posterior.setId("sketch-posterior");
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

        pad.setOnNewImage(this::encode);
        pad.setOnUseAsA(pixels -> experiments.useDrawingAs(true, pixels));
        pad.setOnUseAsB(pixels -> experiments.useDrawingAs(false, pixels));
        // another model (or a newer snapshot of the training one) sees the drawing afresh
        model.workspace().snapshotProperty().addListener((obs, was, now) -> {
            if (!pad.getImage().isEmpty()) {
                encode(pad.getImage());
            }
        });
    }

    public SketchPadView pad() {
        return pad;
    }

    /** Drawings encoded so far (for tests). */
    public long encodes() {
        return encodes;
    }

    private void encode(SketchPadView.Sketch sketch) {
        if (sketch.isEmpty()) {
            model.plane().sketchPosteriorProperty().set(null);
            reconstructed.set(null);
            posterior.setText("Draw a digit on the black pad.");
            return;
        }
        ModelConfig config = model.workspace().configProperty().get();
        if (config == null) {
            return;
        }
        if (config.imageSize() != sketch.pixels().length) {
            posterior.setText("this model takes " + config.imageRows() + "x" + config.imageCols()
                    + " images; the pad draws 28x28");
            return;
        }
        float[] pixels = sketch.pixels();
        model.interactiveWorker().submit("sketch", m -> {
            float[][] q = m.encode(pixels, 1);
            ModelConfig c = m.config();
            GreyRaster recon = ImageTiler.tile(m.reconstruct(pixels, 1), 1, c.imageRows(), c.imageCols(), 1, 0, 1);
            return new Encoded(q[0], q[1], recon);
        }, encoded -> {
            encodes++;
            model.plane().sketchPosteriorProperty().set(new Posterior(encoded.mu(), encoded.sigma()));
            reconstructed.set(encoded.reconstruction());
            posterior.setText(describe(encoded));
        }, model::reportError);
    }

    private static String describe(Encoded e) {
        StringBuilder text = new StringBuilder("mu    ");
        int shown = Math.min(4, e.mu().length);
        for (int i = 0; i < shown; i++) {
            text.append(String.format("%7.2f", e.mu()[i]));
        }
        text.append(e.mu().length > shown ? " ..." : "").append("\nsigma ");
        for (int i = 0; i < shown; i++) {
            text.append(String.format("%7.2f", e.sigma()[i]));
        }
        return text.append(e.mu().length > shown ? " ..." : "").toString();
    }
}
