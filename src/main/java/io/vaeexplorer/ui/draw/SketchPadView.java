package io.vaeexplorer.ui.draw;

import io.vaeexplorer.explore.DigitNormaliser;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.FxDelay;
import io.vaeexplorer.ui.fx.RasterImages;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * A pad to draw a digit on with the mouse or a pen (pens and touch arrive as mouse events), and the 28 x 28
 * MNIST-style image of the drawing ({@link DigitNormaliser}), ready to be encoded.
 *
 * <p>Ink is white on black, as MNIST's stored values are (1 ink, 0 paper): what is drawn, the preview of what the
 * encoder gets, and the decoder's images all look alike. The drawing lives in a float buffer of one value per
 * logical pixel (not read back from the canvas, which would need a snapshot per update); the canvas only shows it.
 *
 * <p>The image is published at the end of each stroke and, while drawing, at most every
 * {@link #LIVE_UPDATE_MILLIS} ms. Normalising the pad is cheap, so it runs on the FX thread; whatever a listener
 * does with an image (encoding) belongs on the inference worker.
 */
public final class SketchPadView extends VBox {

    /** Logical width and height of the pad, ten times MNIST's 28. */
    public static final int PAD_SIZE = 280;
    /**
     * Brush radius in pad pixels. MNIST strokes are about 2-3 px wide in the 20-px box; a digit drawn about 200
     * px tall scales by 1/10, so a brush about 24 px wide gives strokes like theirs.
     */
    static final double BRUSH_RADIUS = 12;
    /** Inside this fraction of the radius the brush is solid; outside it fades out (anti-aliased, soft edge). */
    private static final double BRUSH_CORE = 0.5;
    static final long LIVE_UPDATE_MILLIS = 50;
    static final int PREVIEW_SCALE = 3;

    /**
     * One normalised drawing: {@code 28 x 28} levels in [0, 1], row-major. Immutable: the array is copied in and
     * out, so a listener may keep or hand on what it gets.
     */
    public record Sketch(float[] pixels) {

        public static final Sketch EMPTY = new Sketch(new float[DigitNormaliser.SIZE * DigitNormaliser.SIZE]);

        public Sketch {
            if (pixels.length != DigitNormaliser.SIZE * DigitNormaliser.SIZE) {
                throw new IllegalArgumentException("a sketch has " + DigitNormaliser.SIZE * DigitNormaliser.SIZE
                        + " pixels, got " + pixels.length);
            }
            pixels = pixels.clone();
        }

        /** A copy of the levels, for the encoder. */
        @Override
        public float[] pixels() {
            return pixels.clone();
        }

        /** True when no ink was drawn (or the pad was cleared): nothing worth encoding. */
        public boolean isEmpty() {
            for (float v : pixels) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        }

        /** An 8-bit raster for display (1 is white). */
        public Raster toRaster() {
            byte[] grey = new byte[pixels.length];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = (byte) Math.round(pixels[i] * 255f);
            }
            return Raster.grey(DigitNormaliser.SIZE, DigitNormaliser.SIZE, grey);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sketch other && Arrays.equals(pixels, other.pixels);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pixels);
        }

        @Override
        public String toString() {
            return isEmpty() ? "Sketch[empty]" : "Sketch[28x28]";
        }
    }

    private final float[] ink = new float[PAD_SIZE * PAD_SIZE];
    private final WritableImage inkImage = new WritableImage(PAD_SIZE, PAD_SIZE);
    private final Canvas pad = new Canvas(PAD_SIZE, PAD_SIZE);
    private final Canvas preview = new Canvas(DigitNormaliser.SIZE * PREVIEW_SCALE,
            DigitNormaliser.SIZE * PREVIEW_SCALE);
    private final Label hint = new Label("Draw a digit here");
    private final ReadOnlyObjectWrapper<Sketch> image = new ReadOnlyObjectWrapper<>(this, "image", Sketch.EMPTY);
    private final ObjectProperty<Consumer<float[]>> onUseAsA = new SimpleObjectProperty<>(this, "onUseAsA");
    private final ObjectProperty<Consumer<float[]>> onUseAsB = new SimpleObjectProperty<>(this, "onUseAsB");
    private final ObjectProperty<Consumer<Sketch>> onNewImage = new SimpleObjectProperty<>(this, "onNewImage");
    /** A timer, not an animation: a running animation would keep the window pulsing while the pen rests. */
    private final FxDelay liveUpdate = new FxDelay(Platform::runLater, this::publishIfDirty);

    private boolean drawing;
    private boolean dirty;
    private double lastX;
    private double lastY;
    private long lastPublishNanos = System.nanoTime() - LIVE_UPDATE_MILLIS * 1_000_000;

    public SketchPadView() {
        super(6);
        setPadding(new Insets(8));
        setAlignment(Pos.TOP_CENTER);
        setId("sketch-pad-view");

        Label title = new Label("Draw a digit");
        title.setStyle("-fx-font-weight: bold;");

        pad.setId("sketch-pad");
        pad.setCursor(Cursor.CROSSHAIR);
        pad.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        pad.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        pad.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        hint.setTextFill(Color.gray(0.55));
        hint.setMouseTransparent(true);
        StackPane framed = new StackPane(pad, hint);
        framed.setMaxSize(PAD_SIZE + 2, PAD_SIZE + 2);
        framed.setStyle("-fx-border-color: #888; -fx-border-width: 1;");

        preview.setId("sketch-preview");
        Tooltip.install(preview, new Tooltip("The 28 x 28 image the encoder gets: cropped, scaled to 20 px and "
                + "centred by mass, as MNIST's digits were"));
        Label previewLabel = new Label("28 x 28");
        VBox previewBox = new VBox(2, preview, previewLabel);
        previewBox.setAlignment(Pos.TOP_CENTER);

        Button clear = new Button("Clear");
        clear.setId("sketch-clear");
        clear.setOnAction(e -> clear());
        Button asA = useButton("as A", "sketch-as-a", onUseAsA, "Use this drawing as end A of the interpolation");
        Button asB = useButton("as B", "sketch-as-b", onUseAsB, "Use this drawing as end B of the interpolation");
        VBox buttons = new VBox(6, clear, asA, asB);
        buttons.setFillWidth(true);
        for (Button b : new Button[] {clear, asA, asB}) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        HBox bottom = new HBox(12, previewBox, buttons);
        bottom.setAlignment(Pos.TOP_CENTER);

        getChildren().addAll(title, framed, bottom);
        hint.visibleProperty().bind(Bindings.createBooleanBinding(() -> image.get().isEmpty(), image));
        repaintPad(0, 0, PAD_SIZE, PAD_SIZE);
        drawPreview(Sketch.EMPTY);
    }

    /** The newest normalised drawing; {@link Sketch#EMPTY}-equal when nothing is drawn. Never null. */
    public ReadOnlyObjectProperty<Sketch> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public Sketch getImage() {
        return image.get();
    }

    /** Called with the pixels of the current image when "as A" is pressed; the button is off while unset. */
    public ObjectProperty<Consumer<float[]>> onUseAsAProperty() {
        return onUseAsA;
    }

    public void setOnUseAsA(Consumer<float[]> action) {
        onUseAsA.set(action);
    }

    /** As {@link #onUseAsAProperty()}, for end B. */
    public ObjectProperty<Consumer<float[]>> onUseAsBProperty() {
        return onUseAsB;
    }

    public void setOnUseAsB(Consumer<float[]> action) {
        onUseAsB.set(action);
    }

    /**
     * Called on the FX thread with every image published: during and at the end of each stroke, and an empty one
     * on {@link #clear()}. Meant for encoding it (through the inference worker: never block here).
     */
    public ObjectProperty<Consumer<Sketch>> onNewImageProperty() {
        return onNewImage;
    }

    public void setOnNewImage(Consumer<Sketch> action) {
        onNewImage.set(action);
    }

    /** Wipes the pad and publishes the empty image (the callback fires even if the pad was empty already). */
    public void clear() {
        liveUpdate.cancel();
        drawing = false;
        Arrays.fill(ink, 0f);
        repaintPad(0, 0, PAD_SIZE, PAD_SIZE);
        dirty = true;
        publishIfDirty();
    }

    /** The pad's canvas (for layout and tests). */
    public Canvas pad() {
        return pad;
    }

    /** Ink at a pad pixel, 0..1 (tests). */
    float inkAt(int x, int y) {
        return ink[y * PAD_SIZE + x];
    }

    private Button useButton(String text, String id, ObjectProperty<Consumer<float[]>> action, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        BooleanBinding nothingToUse = Bindings.createBooleanBinding(
                () -> action.get() == null || image.get().isEmpty(), action, image);
        b.disableProperty().bind(nothingToUse);
        b.setOnAction(e -> {
            Consumer<float[]> consumer = action.get();
            if (consumer != null && !image.get().isEmpty()) {
                consumer.accept(image.get().pixels());
            }
        });
        return b;
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        drawing = true;
        lastX = e.getX();
        lastY = e.getY();
        stroke(lastX, lastY, lastX, lastY); // a click leaves a dot
        liveUpdateSoon();
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (!drawing) {
            return;
        }
        stroke(lastX, lastY, e.getX(), e.getY());
        lastX = e.getX();
        lastY = e.getY();
        liveUpdateSoon();
        e.consume();
    }

    private void released(MouseEvent e) {
        if (!drawing) {
            return;
        }
        drawing = false;
        liveUpdate.cancel();
        publishIfDirty();
        e.consume();
    }

    /**
     * Publishes now if the last image is at least the interval old, else once the interval is up: a steady
     * stream while drawing, never more than one per interval, and never dropping the newest ink.
     */
    private void liveUpdateSoon() {
        if (liveUpdate.isPending()) {
            return;
        }
        long waitedMillis = (System.nanoTime() - lastPublishNanos) / 1_000_000;
        if (waitedMillis >= LIVE_UPDATE_MILLIS) {
            publishIfDirty();
        } else {
            liveUpdate.schedule(LIVE_UPDATE_MILLIS - waitedMillis);
        }
    }

    private void publishIfDirty() {
        if (!dirty) {
            return;
        }
        dirty = false;
        lastPublishNanos = System.nanoTime();
        Sketch sketch = new Sketch(DigitNormaliser.normalise(ink, PAD_SIZE, PAD_SIZE));
        image.set(sketch);
        drawPreview(sketch);
        Consumer<Sketch> listener = onNewImage.get();
        if (listener != null) {
            listener.accept(sketch);
        }
    }

    /**
     * Inks the capsule of the brush swept from (x0, y0) to (x1, y1): each pixel takes the brush's level at its
     * distance from the segment, keeping the darker of old and new ink (overlapping strokes do not pile up).
     */
    private void stroke(double x0, double y0, double x1, double y1) {
        double r = BRUSH_RADIUS;
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r));
        int maxX = Math.min(PAD_SIZE - 1, (int) Math.ceil(Math.max(x0, x1) + r));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r));
        int maxY = Math.min(PAD_SIZE - 1, (int) Math.ceil(Math.max(y0, y1) + r));
        if (minX > maxX || minY > maxY) {
            return; // wholly off the pad
        }
        double dx = x1 - x0;
        double dy = y1 - y0;
        double lengthSquared = dx * dx + dy * dy;
        boolean changed = false;
        for (int y = minY; y <= maxY; y++) {
            double py = y + 0.5;
            for (int x = minX; x <= maxX; x++) {
                double px = x + 0.5;
                double t = lengthSquared == 0 ? 0
                        : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / lengthSquared));
                double ex = px - (x0 + t * dx);
                double ey = py - (y0 + t * dy);
                float level = brush(Math.sqrt(ex * ex + ey * ey));
                int i = y * PAD_SIZE + x;
                if (level > ink[i]) {
                    ink[i] = level;
                    changed = true;
                }
            }
        }
        if (changed) {
            dirty = true;
            repaintPad(minX, minY, maxX - minX + 1, maxY - minY + 1);
        }
    }

    /** Solid core, then a smoothstep fade to nothing at the radius. */
    private static float brush(double distance) {
        double core = BRUSH_CORE * BRUSH_RADIUS;
        if (distance <= core) {
            return 1f;
        }
        if (distance >= BRUSH_RADIUS) {
            return 0f;
        }
        double u = 1 - (distance - core) / (BRUSH_RADIUS - core);
        return (float) (u * u * (3 - 2 * u));
    }

    /** Copies a region of the ink buffer into the image and onto the canvas. */
    private void repaintPad(int x, int y, int w, int h) {
        int[] argb = new int[w * h];
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                int g = Math.round(ink[(y + row) * PAD_SIZE + x + col] * 255f);
                argb[row * w + col] = 0xff000000 | (g << 16) | (g << 8) | g;
            }
        }
        inkImage.getPixelWriter().setPixels(x, y, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        GraphicsContext g = pad.getGraphicsContext2D();
        g.setImageSmoothing(false);
        g.drawImage(inkImage, x, y, w, h, x, y, w, h);
    }

    private void drawPreview(Sketch sketch) {
        GraphicsContext g = preview.getGraphicsContext2D();
        g.setImageSmoothing(false);
        g.drawImage(RasterImages.toImage(sketch.toRaster()), 0, 0, preview.getWidth(), preview.getHeight());
    }
}
