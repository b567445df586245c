package io.vaeexplorer.ui.plane;

import io.vaeexplorer.render.Raster;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * How the latent space formed during a run: the test codes and a few reconstructions as they were at moments of
 * the run (every latent refresh while training, a few seconds apart, and every epoch's end). Kept to a bounded
 * number of frames: when full, every second frame of the older half is dropped, so early training stays sampled
 * but more coarsely. FX thread only.
 */
public final class TrainingTimeline {

    /** One moment of a run. */
    public record Frame(long step, LatentPoints points, Raster reconstructions) {
    }

    static final int MAX_FRAMES = 120;

    private final ObservableList<Frame> frames = FXCollections.observableArrayList();
    private final int capacity;

    public TrainingTimeline() {
        this(MAX_FRAMES);
    }

    TrainingTimeline(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("a timeline needs room for at least 4 frames");
        }
        this.capacity = capacity;
    }

    public ObservableList<Frame> frames() {
        return frames;
    }

    /** Records a moment; a frame of the same or an earlier step than the last one replaces nothing and is ignored. */
    public void add(Frame frame) {
        if (!frames.isEmpty() && frame.step() <= frames.get(frames.size() - 1).step()) {
            return;
        }
        if (frames.size() >= capacity) {
            thinOlderHalf();
        }
        frames.add(frame);
    }

    public void clear() {
        frames.clear();
    }

    private void thinOlderHalf() {
        int half = frames.size() / 2;
        ObservableList<Frame> kept = FXCollections.observableArrayList();
        for (int i = 0; i < frames.size(); i++) {
            if (i >= half || i == 0 || i % 2 == 0) {
                kept.add(frames.get(i));
            }
        }
        frames.setAll(kept);
    }
}
