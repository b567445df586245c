package io.vaeexplorer.ui.draw;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.workspace.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the model makes of a drawing: each one is encoded on the interactive worker (a person waits for it while
 * drawing), its posterior goes to the plane and its reconstruction and posterior are shown beside the pad. New
 * weights encode the drawing afresh. FX thread only.
 */
public final class DrawViewModel {

    static final String DRAW_PROMPT = "Draw a digit on the black pad.";

    /** What the model made of one drawing: its posterior and its reconstruction. */
    private record Encoded(float[] mu, float[] sigma, Raster reconstruction) {
    }

    private final Workspace workspace;
    private final InferenceWorker interactiveWorker;
    private final ObjectProperty<Posterior> sketchPosterior;
    private final UserMessages messages;
    private final ReadOnlyObjectWrapper<Raster> reconstruction = new ReadOnlyObjectWrapper<>(this, "reconstruction");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", DRAW_PROMPT);
    /** The drawing shown now; null for an empty pad. */
    private float[] drawing;
    /** Counts drawings, so the answer for one that was replaced meanwhile is dropped. */
    private long generation;

    /**
     * @param interactiveWorker encodes the drawings
     * @param sketchPosterior where the plane reads the drawing's posterior; null while there is none
     */
    public DrawViewModel(Workspace workspace, InferenceWorker interactiveWorker, ObjectProperty<Posterior> sketchPosterior,
            UserMessages messages) {
        this.workspace = workspace;
        this.interactiveWorker = interactiveWorker;
        this.sketchPosterior = sketchPosterior;
        this.messages = messages;
        // another model (or a newer snapshot of the training one) sees the drawing afresh
        workspace.snapshotProperty().addListener((obs, was, now) -> {
            if (drawing != null) {
                encode(drawing);
            }
        });
    }

    /** The decoder's image of the drawing's posterior mean; null while there is none. */
    public ReadOnlyObjectProperty<Raster> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    /** The drawing's posterior as a person reads it (the first dimensions of mu and sigma), or why there is none. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /**
     * Encodes a drawing (the pad's normalised pixels, values in [0, 1]); null for an empty pad, which clears the
     * posterior and the reconstruction.
     */
    public void encode(float[] pixels) {
        long mine = ++generation;
        drawing = pixels == null ? null : pixels.clone();
        if (drawing == null) {
            sketchPosterior.set(null);
            reconstruction.set(null);
            description.set(DRAW_PROMPT);
            return;
        }
        // the snapshot's own config: listeners of the snapshot hear of new weights before the config follows
        WeightSnapshot weights = workspace.snapshotProperty().get();
        if (weights == null) {
            return;
        }
        ModelConfig config = weights.config();
        if (config.imageSize() != drawing.length) {
            description.set("this model takes " + config.imageRows() + "x" + config.imageCols()
                    + " images; the pad draws 28x28");
            return;
        }
        float[] input = drawing;
        interactiveWorker.submit("sketch", m -> {
            float[][] q = m.encode(input, 1);
            Raster recon = ImageTiler.single(m.reconstruct(input, 1), m.imageShape());
            return new Encoded(q[0], q[1], recon);
        }, encoded -> {
            if (mine == generation) {
                sketchPosterior.set(new Posterior(encoded.mu(), encoded.sigma()));
                reconstruction.set(encoded.reconstruction());
                description.set(describe(encoded));
            }
        }, messages::error);
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
