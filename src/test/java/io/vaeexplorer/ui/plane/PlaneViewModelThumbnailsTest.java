package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.ui.workspace.Workspace;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plane's view-model choosing thumbnails and listing the legend, without controls: the tiles and the cells are
 * made on the calling thread. The codes are real MNIST test images at the first two principal components of their
 * pixels, as the plane shows the codes of a model with d > 2.
 */
class PlaneViewModelThumbnailsTest {

    private final PlaneFixture fixture = PlaneFixture.withoutModel(Runnable::run);
    private final Workspace workspace = fixture.workspace;
    private final PlaneViewModel plane = fixture.plane;

    @AfterEach
    void close() {
        fixture.close();
        assertTrue(fixture.errors.isEmpty(), String.join("; ", fixture.errors));
    }

    /** The first test images of the shipped MNIST on the plane at their first two principal components. */
    private LatentPoints mnistOnThePlane(int count) {
        Dataset data = SmallMnist.slice(10, count);
        workspace.openDataset(data);
        workspace.showWeights(PlaneFixture.weightsWithoutValues(2, 2));
        LabeledImages test = data.test();
        LatentPoints points = LatentPoints.of(count, test.imageSize(), test.pixels(),
                new float[count * test.imageSize()], test.labels(), 1);
        plane.showLatentFrame(new TrainingTimeline.Frame(0, points, null));
        return points;
    }

    /** The cell of a code at a cell size, as {x, y} cell numbers from the picks' grid (left and bottom edges). */
    private static long cellKey(double x, double y, double left, double bottom, double size) {
        long cx = (long) Math.floor((x - left) / size + 1e-9);
        long cy = (long) Math.floor((y - bottom) / size + 1e-9);
        return cx << 32 ^ (cy & 0xffffffffL);
    }

    @Test
    void whereCodesCrowdEachCellShowsItsLowestIndexAndNothingElse() {
        LatentPoints points = mnistOnThePlane(600);
        assertSame(ThumbnailPicks.NONE, plane.thumbnailsIn(new PlaneRegion(-100, 100, -100, 100), 50),
                "nothing while the option is off");
        plane.showThumbnailsProperty().set(true);
        ThumbnailAtlas atlas = plane.thumbnailAtlasProperty().get();
        assertNotNull(atlas, "the tiles are made once the option is on");
        assertNotNull(plane.thumbnailIndexProperty().get());
        assertEquals(56, atlas.drawnSide(), "twice the 28-pixel images");

        PlaneRegion region = PlaneViewport.robustBounds(points.xy(), points.count(), 0, 0, 1e-3);
        double scale = 500 / region.width(); // the codes across a 500-pixel plot: they crowd
        ThumbnailPicks picks = plane.thumbnailsIn(region, scale);
        double cell = picks.cellSize();
        assertTrue(cell * scale >= atlas.drawnSide() && cell * scale < 2 * atlas.drawnSide(),
                "cells a thumbnail wide or at most twice that: " + cell * scale + " px");
        assertTrue(picks.count() > 10 && picks.count() < points.count(), "a subsample: " + picks.count());
        long visibleCells = (long) (Math.ceil(region.width() / cell) + 1) * (long) (Math.ceil(region.height() / cell)
                + 1);
        assertTrue(picks.count() <= visibleCells, "no more picks than visible cells");

        // each pick is the lowest index in its cell, and its code lies in that cell
        Map<Long, Integer> lowest = new HashMap<>();
        double left = picks.cellLeft()[0];
        double bottom = picks.cellBottom()[0];
        for (int i = 0; i < points.count(); i++) {
            double x = points.xy()[2 * i];
            double y = points.xy()[2 * i + 1];
            if (region.contains(x, y)) {
                lowest.putIfAbsent(cellKey(x, y, left, bottom, cell), i);
            }
        }
        Set<Long> cells = new HashSet<>();
        for (int k = 0; k < picks.count(); k++) {
            int image = picks.images()[k];
            double x = points.xy()[2 * image];
            double y = points.xy()[2 * image + 1];
            assertTrue(x >= picks.cellLeft()[k] && x <= picks.cellLeft()[k] + cell && y >= picks.cellBottom()[k]
                    && y <= picks.cellBottom()[k] + cell, "image " + image + " lies outside its cell");
            long key = cellKey(picks.cellLeft()[k] + cell / 2, picks.cellBottom()[k] + cell / 2, left, bottom, cell);
            assertTrue(cells.add(key), "two thumbnails in one cell");
            assertEquals(lowest.get(key), image, "not the lowest index of its cell");
        }
        assertEquals(lowest.keySet(), cells, "every occupied visible cell shows one image");
    }

    @Test
    void theChoiceStaysPutWhileThePlanePansAndEveryCodeShowsWhenTheyAreSparse() {
        LatentPoints points = mnistOnThePlane(300);
        plane.showThumbnailsProperty().set(true);
        PlaneRegion all = PlaneViewport.robustBounds(points.xy(), points.count(), 0, 0, 1e-3);
        double scale = 400 / all.width();
        ThumbnailPicks before = plane.thumbnailsIn(all, scale);
        assertEquals(picksByCell(before), picksByCell(plane.thumbnailsIn(all, scale)), "the same picks twice");

        // panned a third of the way: the cells seen both times show the same images
        double dx = all.width() / 3;
        ThumbnailPicks panned = plane.thumbnailsIn(new PlaneRegion(all.xMin() + dx, all.xMax() + dx, all.yMin(),
                all.yMax()), scale);
        assertEquals(before.cellSize(), panned.cellSize());
        Map<List<Double>, Integer> first = picksByCell(before);
        Map<List<Double>, Integer> second = picksByCell(panned);
        int shared = 0;
        for (Map.Entry<List<Double>, Integer> e : second.entrySet()) {
            if (first.containsKey(e.getKey())) {
                assertEquals(first.get(e.getKey()), e.getValue(), "the cell at " + e.getKey() + " changed its image");
                shared++;
            }
        }
        assertTrue(shared > 0, "the two views share cells");

        // zoomed in far: every code has a cell of its own
        ThumbnailPicks sparse = plane.thumbnailsIn(all, scale * 10_000);
        Set<Integer> shown = new HashSet<>();
        for (int k = 0; k < sparse.count(); k++) {
            shown.add(sparse.images()[k]);
        }
        for (int i = 0; i < points.count(); i++) {
            if (all.contains(points.xy()[2 * i], points.xy()[2 * i + 1])) {
                assertTrue(shown.contains(i), "code " + i + " has no thumbnail though the codes are far apart");
            }
        }
    }

    private static Map<List<Double>, Integer> picksByCell(ThumbnailPicks picks) {
        Map<List<Double>, Integer> byCell = new HashMap<>();
        for (int k = 0; k < picks.count(); k++) {
            byCell.put(List.of(picks.cellLeft()[k], picks.cellBottom()[k]), picks.images()[k]);
        }
        return byCell;
    }

    @Test
    void theLegendListsTheClassesOrOneEntryForASetWithoutThem() {
        assertTrue(plane.legendNames().isEmpty(), "no data, no legend");
        Dataset digits = SmallMnist.slice(10, 20);
        workspace.openDataset(digits);
        assertEquals(digits.classNames(), plane.legendNames());
        plane.highlightedClassProperty().set(3);

        LabeledImages test = digits.test();
        Dataset unlabelled = new Dataset("shapes", test, test, List.of());
        workspace.openDataset(unlabelled);
        assertEquals(List.of(PlaneViewModel.ALL_IMAGES), plane.legendNames());
        assertEquals(-1, plane.highlightedClassProperty().get(), "another set ends the highlight");
    }
}
