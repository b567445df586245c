package io.vaeexplorer.ui.plane;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.ui.fx.UserMessages;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The plane's thumbnails option: while it is on, the test images' tiles ({@link ThumbnailAtlas}, once per data set)
 * and the index of the codes' cells ({@link ThumbnailIndex}, once per set of codes) are made in the background,
 * and a redraw asks only for the picks of the visible cells. FX thread only.
 */
final class PlaneThumbnails {

    private final ReadOnlyObjectProperty<Dataset> dataset;
    private final ReadOnlyObjectProperty<LatentPoints> points;
    private final TaskExecutor executor;
    private final UserMessages messages;
    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<ThumbnailAtlas> atlas = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ThumbnailIndex> index = new ReadOnlyObjectWrapper<>();
    /** The newest requests; an older one still queued skips its work. */
    private final AtomicLong atlasRequest = new AtomicLong();
    private final AtomicLong indexRequest = new AtomicLong();

    /** @param executor where tiles and indices are made */
    PlaneThumbnails(ReadOnlyObjectProperty<Dataset> dataset, ReadOnlyObjectProperty<LatentPoints> points,
                    TaskExecutor executor, UserMessages messages) {
        this.dataset = dataset;
        this.points = points;
        this.executor = executor;
        this.messages = messages;
        shown.addListener((obs, was, on) -> refresh());
        dataset.addListener((obs, was, now) -> {
            atlas.set(null);
            refresh();
        });
        points.addListener((obs, was, now) -> refresh());
    }

    BooleanProperty shownProperty() {
        return shown;
    }

    ReadOnlyObjectProperty<ThumbnailAtlas> atlasProperty() {
        return atlas.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ThumbnailIndex> indexProperty() {
        return index.getReadOnlyProperty();
    }

    /**
     * The images to draw as thumbnails in a visible region, at most one per cell of about a thumbnail's size;
     * {@link ThumbnailPicks#NONE} while the option is off or the tiles and the index are still being made. An index
     * of the previous codes of the same set serves until the new one is ready, so thumbnails do not blink while a
     * model trains.
     *
     * @param pixelsPerUnit the view's scale, screen pixels per plane unit
     */
    ThumbnailPicks pick(PlaneRegion visible, double pixelsPerUnit) {
        ThumbnailAtlas tiles = atlas.get();
        ThumbnailIndex cells = index.get();
        LatentPoints now = points.get();
        if (!shown.get() || tiles == null || cells == null || now == null || visible == null
                || cells.points().count() != now.count() || tiles.count() != now.count()) {
            return ThumbnailPicks.NONE;
        }
        return cells.pick(visible.xMin(), visible.xMax(), visible.yMin(), visible.yMax(),
                tiles.drawnSide() / pixelsPerUnit);
    }

    private void refresh() {
        if (!shown.get()) {
            return;
        }
        Dataset data = dataset.get();
        if (data != null && (atlas.get() == null || !atlas.get().isOf(data.test()))) {
            LabeledImages test = data.test();
            long mine = atlasRequest.incrementAndGet();
            BackgroundTask.wrap(() -> atlasRequest.get() == mine ? ThumbnailAtlas.of(test) : null)
                    .onSuccess(made -> {
                        if (made != null && atlasRequest.get() == mine) {
                            atlas.set(made);
                        }
                    }).onFailure(message -> messages.error("thumbnails: " + message)).executeWith(executor);
        }
        LatentPoints codes = points.get();
        if (codes != null && (index.get() == null || index.get().points() != codes)) {
            long mine = indexRequest.incrementAndGet();
            BackgroundTask.wrap(() -> indexRequest.get() == mine ? ThumbnailIndex.of(codes) : null)
                    .onSuccess(made -> {
                        if (made != null && indexRequest.get() == mine) {
                            index.set(made);
                        }
                    }).onFailure(message -> messages.error("thumbnails: " + message)).executeWith(executor);
        }
    }
}
