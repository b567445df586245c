package io.vaeexplorer.ui.draw;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.Posterior;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.ImageFolderLoader;
import io.vaeexplorer.explore.LatentModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.UserMessages;
import io.vaeexplorer.ui.workspace.ChosenClass;
import io.vaeexplorer.ui.workspace.Workspace;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the model makes of a drawing or a picture: each one is encoded on the interactive worker (a person waits
 * for it), its posterior goes to the plane and its reconstruction and posterior are shown beside it. New weights
 * encode it afresh.
 *
 * <p>Digit data ({@link #takesDrawings}) is drawn on the sketch pad; for any other data a picture file is opened
 * instead and prepared exactly as the loader prepares the set's own pictures, at the set's size and channels.
 * Either can be an end of the interpolation. FX thread only.
 */
public final class DrawViewModel {

    static final String DRAW_PROMPT = "Draw a digit on the black pad.";
    static final String OPEN_PROMPT = "Open a picture, or drop a picture file here.";

    /** Where a drawing or a picture goes to be an end of the interpolation. */
    @FunctionalInterface
    public interface InterpolationEnd {
        /** @param image the image as the model takes it, values in [0, 1] */
        void use(boolean endA, float[] image);
    }

    /** What the model made of one image: its posterior and its reconstruction. */
    private record Encoded(float[] mu, float[] sigma, Raster reconstruction) {
    }

    /** A picture file prepared as the open data set's pictures are. */
    private record Picture(Dataset data, float[] image) {
    }

    private final Workspace workspace;
    private final InferenceWorker interactiveWorker;
    private final TaskExecutor files;
    private final ObjectProperty<Posterior> sketchPosterior;
    private final InterpolationEnd interpolationEnd;
    private final UserMessages messages;
    private final ReadOnlyObjectWrapper<Raster> reconstruction = new ReadOnlyObjectWrapper<>(this, "reconstruction");
    private final ReadOnlyObjectWrapper<Raster> picture = new ReadOnlyObjectWrapper<>(this, "picture");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", DRAW_PROMPT);
    private final ReadOnlyBooleanWrapper digits = new ReadOnlyBooleanWrapper(this, "digits", true);
    /** The drawing on the pad; null for an empty pad. */
    private float[] drawing;
    /** The picture opened for the open data set; null while there is none. */
    private Picture opened;
    /** Counts encodes, so the answer for an image that was replaced meanwhile is dropped. */
    private long generation;

    /**
     * @param interactiveWorker encodes the drawings and pictures
     * @param files decodes picture files
     * @param sketchPosterior where the plane reads the posterior; null while there is none
     * @param interpolationEnd takes a drawing or picture as an end of the interpolation
     */
    public DrawViewModel(Workspace workspace, InferenceWorker interactiveWorker, TaskExecutor files,
            ObjectProperty<Posterior> sketchPosterior, InterpolationEnd interpolationEnd, UserMessages messages) {
        this.workspace = workspace;
        this.interactiveWorker = interactiveWorker;
        this.files = files;
        this.sketchPosterior = sketchPosterior;
        this.interpolationEnd = interpolationEnd;
        this.messages = messages;
        digits.set(takesDrawings(workspace.datasetProperty().get()));
        // a picture was prepared for the set that was open: another set has other pictures
        workspace.datasetProperty().addListener((obs, was, now) -> {
            digits.set(takesDrawings(now));
            opened = null;
            picture.set(null);
            encodeShown();
        });
        // another model (or a newer snapshot of the training one) sees the image afresh
        workspace.snapshotProperty().addListener((obs, was, now) -> {
            if (shownImage() != null) {
                encodeShown();
            }
        });
        // a conditional model is told another class: the image is another class's image to it
        workspace.decodeClassProperty().addListener((obs, was, now) -> {
            if (shownImage() != null && workspace.conditionClassesProperty().get() > 0) {
                encodeShown();
            }
        });
    }

    /**
     * Whether the sketch pad can draw images of this set: grey 28x28 digits with the classes 0 to 9, as MNIST. No
     * set yet counts as digits, the shipped set. Any other set takes picture files instead.
     */
    public static boolean takesDrawings(Dataset data) {
        return data == null || data.digits();
    }

    /** True while the open data set is digits, drawn on the pad; false while pictures are opened instead. */
    public ReadOnlyBooleanProperty digitsProperty() {
        return digits.getReadOnlyProperty();
    }

    /** The opened picture as the model sees it (the set's size and channels); null while there is none. */
    public ReadOnlyObjectProperty<Raster> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /** The decoder's image of the posterior mean; null while there is none. */
    public ReadOnlyObjectProperty<Raster> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    /** The posterior as a person reads it (the first dimensions of mu and sigma), or why there is none. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /**
     * Encodes a drawing (the pad's normalised pixels, values in [0, 1]); null for an empty pad, which clears the
     * posterior and the reconstruction.
     */
    public void encode(float[] pixels) {
        drawing = pixels == null ? null : pixels.clone();
        if (digits.get()) {
            encodeShown();
        }
    }

    /**
     * Opens a picture file: it is decoded off the FX thread, prepared as the open set's pictures are, shown and
     * encoded. A file that cannot be used leaves everything as it was and says why in the status line.
     */
    public void openPicture(Path file) {
        Dataset data = workspace.datasetProperty().get();
        if (data == null) {
            messages.status("open a data set before a picture: the picture is prepared as its pictures are");
            return;
        }
        if (digits.get()) {
            messages.status("digits are drawn on the pad; pictures open for other data sets");
            return;
        }
        if (data.rows() != data.cols()) {
            messages.status("pictures open as squares, and the images of " + data.name() + " are " + data.rows()
                    + "x" + data.cols());
            return;
        }
        int size = data.rows();
        int channels = data.channels();
        BackgroundTask.wrap(() -> ImageFolderLoader.prepare(file, size, channels)).onSuccess(image -> {
            if (workspace.datasetProperty().get() != data) {
                return; // another set opened meanwhile: the picture has the old one's size
            }
            opened = new Picture(data, image);
            picture.set(ImageTiler.single(image, new ImageShape(channels, size, size)));
            messages.status("opened " + file.getFileName() + " as a " + size + "x" + size + " "
                    + (channels == 1 ? "grey" : "colour") + " picture");
            encodeShown();
        }).onFailure(message -> messages.status("picture not opened: " + message)).executeWith(files);
    }

    /** Makes the opened picture an end of the interpolation; nothing while there is none. */
    public void usePictureAs(boolean endA) {
        if (opened != null) {
            interpolationEnd.use(endA, opened.image());
        }
    }

    /** Makes a drawing (the pad's pixels) an end of the interpolation. */
    public void useDrawingAs(boolean endA, float[] pixels) {
        interpolationEnd.use(endA, pixels);
    }

    /** The pad's drawing for digit data, the opened picture for other data; null when there is none. */
    private float[] shownImage() {
        return digits.get() ? drawing : opened == null ? null : opened.image();
    }

    private void encodeShown() {
        long mine = ++generation;
        float[] input = shownImage();
        if (input == null) {
            sketchPosterior.set(null);
            reconstruction.set(null);
            description.set(digits.get() ? DRAW_PROMPT : OPEN_PROMPT);
            return;
        }
        // the snapshot's own config: listeners of the snapshot hear of new weights before the config follows
        WeightSnapshot weights = workspace.snapshotProperty().get();
        if (weights == null) {
            description.set("no model yet to encode it: train or load one");
            return;
        }
        ModelConfig config = weights.config();
        String mismatch = digits.get()
                ? config.imageSize() == input.length ? null : "this model takes " + config.imageRows() + "x"
                        + config.imageCols() + " images; the pad draws 28x28"
                : config.sizeMismatch("this model", "the picture", opened.data().channels(), opened.data().rows(),
                        opened.data().cols());
        if (mismatch != null) {
            sketchPosterior.set(null);
            reconstruction.set(null);
            description.set(mismatch);
            return;
        }
        int channels = config.channels();
        ChosenClass chosen = workspace.chosenClass();
        interactiveWorker.submit("sketch", m -> {
            // a drawing comes without a class: a conditional model is told the chosen one
            LatentModel told = chosen.of(m);
            float[][] q = told.encode(input, 1);
            Raster recon = ImageTiler.single(told.reconstruct(input, 1), m.imageShape());
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
