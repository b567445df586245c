package io.vaeexplorer.ui.plane;

import java.util.Arrays;

/**
 * Which test images get a thumbnail where the codes crowd: the plane is cut into square cells and each cell shows
 * at most one image, the one with the smallest index among the codes in it. Cells are anchored to the codes, not to
 * the screen, and their size is a power of two times a fixed unit, so panning never changes the choice and zooming
 * changes it only when the cells halve or double.
 *
 * <p>Built once per set of codes, off the FX thread: for each cell size, the smallest index in every occupied
 * cell. Picking then costs the number of visible cells (or of occupied cells, when fewer), whatever the number of
 * codes.
 */
public final class ThumbnailIndex {

    /** Cell sizes: the coarsest cell holds every code; each finer level halves the cell. */
    static final int LEVELS = 24;

    private final LatentPoints points;
    private final double originX;
    private final double originY;
    /** Side of the finest cell, plane units. */
    private final double unit;
    /** Occupied cells by level: the key's x and y cell, and the smallest image index in the cell. */
    private final CellMap[] levels = new CellMap[LEVELS];
    /** The finest level built: below it every code is alone in its cell already. */
    private final int finest;

    private ThumbnailIndex(LatentPoints points) {
        this.points = points;
        float[] xy = points.xy();
        int n = points.count();
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (int i = 0; i < n; i++) {
            float x = xy[2 * i];
            float y = xy[2 * i + 1];
            if (Float.isFinite(x) && Float.isFinite(y)) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                finite++;
            }
        }
        if (finite == 0) {
            minX = 0;
            minY = 0;
            maxX = 1;
            maxY = 1;
        }
        double extent = Math.max(maxX - minX, maxY - minY);
        if (!(extent > 0)) {
            extent = 1;
        }
        originX = minX;
        originY = minY;
        unit = extent / (1 << (LEVELS - 1));
        int[] cellX = new int[n];
        int[] cellY = new int[n];
        for (int i = 0; i < n; i++) {
            float x = xy[2 * i];
            float y = xy[2 * i + 1];
            if (Float.isFinite(x) && Float.isFinite(y)) {
                cellX[i] = (int) Math.floor((x - originX) / unit);
                cellY[i] = (int) Math.floor((y - originY) / unit);
            } else {
                cellX[i] = -1;
            }
        }
        int level = LEVELS - 1;
        for (; level >= 0; level--) {
            CellMap cells = new CellMap(Math.min(finite, 1 << Math.min(30, 2 * (LEVELS - 1 - level) + 2)));
            for (int i = 0; i < n; i++) {
                if (cellX[i] >= 0) {
                    cells.putIfAbsent(key(cellX[i] >> level, cellY[i] >> level), i);
                }
            }
            levels[level] = cells;
            if (cells.size() == finite) {
                break;
            }
        }
        finest = Math.max(0, level);
    }

    /** Indexes the codes; linear in their number times the levels needed, so call it off the FX thread. */
    public static ThumbnailIndex of(LatentPoints points) {
        return new ThumbnailIndex(points);
    }

    /** The codes this index was built from. */
    public LatentPoints points() {
        return points;
    }

    /**
     * The thumbnails to draw in a region of the plane.
     *
     * @param minCell the smallest cell side wanted, plane units (a thumbnail's side on screen over the scale); the
     *                cells chosen are at least this large and less than twice as large, unless every code is
     *                alone in a larger cell already
     */
    public ThumbnailPicks pick(double xMin, double xMax, double yMin, double yMax, double minCell) {
        if (!(minCell > 0) || !(xMax >= xMin) || !(yMax >= yMin)) {
            return ThumbnailPicks.NONE;
        }
        int level = (int) Math.ceil(Math.log(minCell / unit) / Math.log(2));
        level = Math.max(finest, Math.min(LEVELS - 1, level));
        double cell = unit * (1L << level);
        long lastCell = (1L << (LEVELS - 1 - level)) + 1;
        long x0 = Math.max(0, (long) Math.floor((xMin - originX) / cell));
        long x1 = Math.min(lastCell, (long) Math.floor((xMax - originX) / cell));
        long y0 = Math.max(0, (long) Math.floor((yMin - originY) / cell));
        long y1 = Math.min(lastCell, (long) Math.floor((yMax - originY) / cell));
        if (x1 < x0 || y1 < y0) {
            return new ThumbnailPicks(0, new int[0], new double[0], new double[0], cell);
        }
        CellMap cells = levels[level];
        long visible = (x1 - x0 + 1) * (y1 - y0 + 1);
        int capacity = (int) Math.min(visible, cells.size());
        int[] images = new int[capacity];
        double[] lefts = new double[capacity];
        double[] bottoms = new double[capacity];
        int found = 0;
        if (cells.size() < visible) {
            for (int slot = 0; slot < cells.capacity(); slot++) {
                int image = cells.valueAt(slot);
                if (image < 0) {
                    continue;
                }
                long key = cells.keyAt(slot);
                long cx = key >>> 32;
                long cy = key & 0xffffffffL;
                if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) {
                    images[found] = image;
                    lefts[found] = originX + cx * cell;
                    bottoms[found] = originY + cy * cell;
                    found++;
                }
            }
        } else {
            for (long cy = y0; cy <= y1; cy++) {
                for (long cx = x0; cx <= x1; cx++) {
                    int image = cells.get(key((int) cx, (int) cy));
                    if (image >= 0) {
                        images[found] = image;
                        lefts[found] = originX + cx * cell;
                        bottoms[found] = originY + cy * cell;
                        found++;
                    }
                }
            }
        }
        return new ThumbnailPicks(found, images, lefts, bottoms, cell);
    }

    private static long key(int cellX, int cellY) {
        return (long) cellX << 32 | (cellY & 0xffffffffL);
    }

    /** Open addressing from a cell's key to an image index; -1 for none. Keys are never negative. */
    private static final class CellMap {

        private long[] keys;
        private int[] values;
        private int size;

        CellMap(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            Arrays.fill(values, -1);
        }

        int size() {
            return size;
        }

        int capacity() {
            return keys.length;
        }

        long keyAt(int slot) {
            return keys[slot];
        }

        int valueAt(int slot) {
            return values[slot];
        }

        int get(long key) {
            int mask = keys.length - 1;
            for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
                if (values[slot] < 0) {
                    return -1;
                }
                if (keys[slot] == key) {
                    return values[slot];
                }
            }
        }

        void putIfAbsent(long key, int value) {
            int mask = keys.length - 1;
            int slot = hash(key) & mask;
            while (values[slot] >= 0) {
                if (keys[slot] == key) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            Arrays.fill(values, -1);
            size = 0;
            for (int slot = 0; slot < oldKeys.length; slot++) {
                if (oldValues[slot] >= 0) {
                    putIfAbsent(oldKeys[slot], oldValues[slot]);
                }
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
