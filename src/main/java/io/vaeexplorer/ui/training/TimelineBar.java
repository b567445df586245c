package io.vaeexplorer.ui.training;

import io.vaeexplorer.ui.fx.RasterImages;
import io.vaeexplorer.ui.fx.SaveDialog;
import io.vaeexplorer.ui.plane.TrainingTimeline;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * A slider under the plane that scrubs back through the run's timeline while training goes on: the plane shows
 * the test codes as they were at that moment, with the reconstructions of the first test images beside it.
 * "Live" returns to the current codes (and follows them again).
 *
 * <p>Its parts stay on one line while the plane is wide enough; below that the moment (where the slider is and
 * its reconstructions) moves to a second line, so no label or button is ever cut short. Only the strip of
 * reconstructions gives way (clipped at its right end) when even that line is too narrow.
 */
public final class TimelineBar extends Pane {

    private static final double GAP = 8;
    /** Narrower than this, the slider is too short to pick one of many moments. */
    static final double SLIDER_MIN_WIDTH = 100;

    private final TrainingTimeline timeline;
    private final IntegerProperty shownFrame;
    private final Slider slider = new Slider(0, 0, 0);
    private final ToggleButton live = new ToggleButton("Live");
    private final Label where = new Label("timeline: starts with a training run");
    private final ImageView reconstructions = new ImageView();
    private final HBox scrub;
    private final HBox moment;
    private final HBox exports;
    private boolean updating;

    /**
     * @param timeline the run's moments (the plane's)
     * @param shownFrame the index of the frame the plane shows; -1 for the live codes
     * @param exportGif writes the timeline as an animated GIF to the file chosen
     * @param exportPng writes moments of the timeline as one PNG strip to the file chosen
     */
    public TimelineBar(TrainingTimeline timeline, IntegerProperty shownFrame, Consumer<Path> exportGif,
                       Consumer<Path> exportPng) {
        this.timeline = timeline;
        this.shownFrame = shownFrame;
        setId("timeline-bar");
        setPadding(new Insets(2, 8, 2, 8));
        slider.setId("timeline-slider");
        live.setId("timeline-live");
        where.setId("timeline-label");
        where.setMinWidth(Region.USE_PREF_SIZE);
        slider.setMinWidth(SLIDER_MIN_WIDTH);
        slider.setMajorTickUnit(1);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        HBox.setHgrow(slider, Priority.ALWAYS);
        reconstructions.setFitHeight(28);
        reconstructions.setPreserveRatio(true);
        reconstructions.setSmooth(false);
        live.setSelected(true);
        live.setOnAction(e -> {
            if (live.isSelected()) {
                shownFrame.set(-1);
            } else {
                showFrame((int) Math.round(slider.getValue()));
            }
            refresh();
        });
        slider.valueProperty().addListener((obs, was, now) -> {
            if (!updating) {
                live.setSelected(false);
                showFrame((int) Math.round(now.doubleValue()));
            }
        });
        timeline.frames().addListener((ListChangeListener<TrainingTimeline.Frame>) c -> refresh());
        shownFrame.addListener((obs, was, now) -> refresh());
        Button gif = new Button("GIF\u2026");
        gif.setId("timeline-gif");
        gif.setTooltip(new Tooltip("Export the timeline as an animated GIF"));
        gif.disableProperty().bind(Bindings.isEmpty(timeline.frames()));
        gif.setOnAction(e -> SaveDialog.choose(this, "Export the training timeline", "training.gif", "Animated GIF",
                "*.gif").ifPresent(exportGif));
        Button png = new Button("PNG\u2026");
        png.setId("timeline-png");
        png.setTooltip(new Tooltip("Export eight moments of the timeline as one PNG strip"));
        png.disableProperty().bind(Bindings.isEmpty(timeline.frames()));
        png.setOnAction(e -> SaveDialog.choose(this, "Export the training timeline as a strip", "training.png",
                "PNG image", "*.png").ifPresent(exportPng));
        Label title = new Label("Timeline");
        for (Region r : new Region[] {title, live, gif, png}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        scrub = new HBox(GAP, title, slider, live);
        scrub.setAlignment(Pos.CENTER_LEFT);
        // the strip may be clipped when nothing else fits: its min width is its pane's, zero
        Pane strip = new Pane(reconstructions);
        strip.setId("timeline-reconstructions");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(strip.widthProperty());
        clip.heightProperty().bind(strip.heightProperty());
        strip.setClip(clip);
        moment = new HBox(GAP, where, strip);
        moment.setAlignment(Pos.CENTER_LEFT);
        exports = new HBox(6, gif, png);
        exports.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(scrub, moment, exports);
        refresh();
    }

    /** True when the timeline's parts are all on one line at this width (else the moment is on a second). */
    boolean oneLine() {
        return fitsOneLine(getWidth());
    }

    private boolean fitsOneLine(double width) {
        double inside = width - snappedLeftInset() - snappedRightInset();
        return inside >= scrub.minWidth(-1) + moment.prefWidth(-1) + exports.prefWidth(-1) + 2 * GAP;
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        double widest = Math.max(scrub.minWidth(-1) + GAP + exports.prefWidth(-1), moment.minWidth(-1));
        return snappedLeftInset() + widest + snappedRightInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + scrub.prefWidth(-1) + moment.prefWidth(-1) + exports.prefWidth(-1) + 2 * GAP
                + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        double first = Math.max(scrub.prefHeight(-1), exports.prefHeight(-1));
        double lines = width < 0 || fitsOneLine(width) ? Math.max(first, moment.prefHeight(-1))
                : first + GAP / 2 + moment.prefHeight(-1);
        return snappedTopInset() + lines + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double inside = getWidth() - left - snappedRightInset();
        double exportsWidth = exports.prefWidth(-1);
        if (fitsOneLine(getWidth())) {
            double height = getHeight() - top - snappedBottomInset();
            double momentWidth = moment.prefWidth(-1);
            double scrubWidth = inside - momentWidth - exportsWidth - 2 * GAP;
            layoutInArea(scrub, left, top, scrubWidth, height, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(moment, left + scrubWidth + GAP, top, momentWidth, height, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(exports, left + inside - exportsWidth, top, exportsWidth, height, 0, HPos.LEFT, VPos.CENTER);
        } else {
            double first = Math.max(scrub.prefHeight(-1), exports.prefHeight(-1));
            double scrubWidth = Math.max(scrub.minWidth(-1), inside - exportsWidth - GAP);
            layoutInArea(scrub, left, top, scrubWidth, first, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(exports, left + scrubWidth + GAP, top, exportsWidth, first, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(moment, left, top + first + GAP / 2, Math.max(moment.minWidth(-1), inside),
                    moment.prefHeight(-1), 0, HPos.LEFT, VPos.CENTER);
        }
    }

    public Slider slider() {
        return slider;
    }

    private void showFrame(int index) {
        int frames = timeline.frames().size();
        if (frames == 0) {
            return;
        }
        shownFrame.set(Math.max(0, Math.min(frames - 1, index)));
    }

    /** Keeps the slider's range, position and label in step with the frames and the shown index. */
    private void refresh() {
        updating = true;
        try {
            int frames = timeline.frames().size();
            slider.setDisable(frames < 2);
            slider.setMax(Math.max(0, frames - 1));
            int index = shownFrame.get();
            if (index >= frames) {
                index = frames - 1;
                shownFrame.set(index);
            }
            boolean following = index < 0;
            live.setSelected(following);
            int shown = following ? frames - 1 : index;
            slider.setValue(Math.max(0, shown));
            if (frames == 0) {
                where.setText("timeline: starts with a training run");
                reconstructions.setImage(null);
                return;
            }
            TrainingTimeline.Frame frame = timeline.frames().get(shown);
            where.setText((following ? "live, " : "") + "step " + frame.step() + " (" + (shown + 1) + "/" + frames + ")");
            reconstructions.setImage(frame.reconstructions() == null ? null : RasterImages.toImage(frame.reconstructions()));
        } finally {
            updating = false;
        }
    }
}
