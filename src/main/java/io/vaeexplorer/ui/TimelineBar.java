package io.vaeexplorer.ui;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A slider under the plane that scrubs back through the run's timeline while training goes on: the plane shows
 * the test codes as they were at that moment, with the reconstructions of the first test images beside it.
 * "Live" returns to the current codes (and follows them again).
 */
public final class TimelineBar extends HBox {

    private final ExplorerModel model;
    private final Slider slider = new Slider(0, 0, 0);
    private final ToggleButton live = new ToggleButton("Live");
    private final Label where = new Label("timeline: starts with a training run");
    private final ImageView reconstructions = new ImageView();
    private boolean updating;

    public TimelineBar(ExplorerModel model) {
        super(8);
        this.model = model;
        setId("timeline-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(2, 8, 2, 8));
        slider.setId("timeline-slider");
        live.setId("timeline-live");
        where.setId("timeline-label");
        where.setMinWidth(170);
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
                model.timelineIndexProperty().set(-1);
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
        model.timeline().frames().addListener((ListChangeListener<TrainingTimeline.Frame>) c -> refresh());
        model.timelineIndexProperty().addListener((obs, was, now) -> refresh());
        javafx.scene.control.Button gif = new javafx.scene.control.Button("GIF\u2026");
        gif.setId("timeline-gif");
        gif.setTooltip(new javafx.scene.control.Tooltip("Export the timeline as an animated GIF"));
        gif.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.timeline().frames()));
        gif.setOnAction(e -> SaveDialog.choose(this, "Export the training timeline", "training.gif", "Animated GIF",
                "*.gif").ifPresent(model::exportTimelineGif));
        javafx.scene.control.Button png = new javafx.scene.control.Button("PNG\u2026");
        png.setId("timeline-png");
        png.setTooltip(new javafx.scene.control.Tooltip("Export eight moments of the timeline as one PNG strip"));
        png.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.timeline().frames()));
        png.setOnAction(e -> SaveDialog.choose(this, "Export the training timeline as a strip", "training.png",
                "PNG image", "*.png").ifPresent(model::exportTimelinePng));
        getChildren().addAll(new Label("Timeline"), slider, live, where, reconstructions, gif, png);
        refresh();
    }

    public Slider slider() {
        return slider;
    }

    private void showFrame(int index) {
        int frames = model.timeline().frames().size();
        if (frames == 0) {
            return;
        }
        model.timelineIndexProperty().set(Math.max(0, Math.min(frames - 1, index)));
    }

    /** Keeps the slider's range, position and label in step with the frames and the shown index. */
    private void refresh() {
        updating = true;
        try {
            int frames = model.timeline().frames().size();
            slider.setDisable(frames < 2);
            slider.setMax(Math.max(0, frames - 1));
            int index = model.timelineIndexProperty().get();
            if (index >= frames) {
                index = frames - 1;
                model.timelineIndexProperty().set(index);
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
            TrainingTimeline.Frame frame = model.timeline().frames().get(shown);
            where.setText((following ? "live, " : "") + "step " + frame.step() + " (" + (shown + 1) + "/" + frames + ")");
            reconstructions.setImage(frame.reconstructions() == null ? null : RasterImages.toImage(frame.reconstructions()));
        } finally {
            updating = false;
        }
    }
}
