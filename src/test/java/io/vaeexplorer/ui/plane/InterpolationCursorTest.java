package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import org.junit.jupiter.api.Test;

class InterpolationCursorTest {

    /** Three steps: t = 0 at (0, 0), t = 0.5 at (2, 0), t = 1 at (2, 4). */
    private static final double[] PATH = {0, 0, 2, 0, 2, 4};

    @Test
    void theEndsAndTheStepsAreWhereTheirTPutsThem() {
        assertArrayEquals(new double[] {0, 0}, InterpolationCursor.pointAt(PATH, 0), 1e-12);
        assertArrayEquals(new double[] {2, 0}, InterpolationCursor.pointAt(PATH, 0.5), 1e-12);
        assertArrayEquals(new double[] {2, 4}, InterpolationCursor.pointAt(PATH, 1), 1e-12);
    }

    @Test
    void betweenStepsThePointIsOnTheStraightSegment() {
        assertArrayEquals(new double[] {1, 0}, InterpolationCursor.pointAt(PATH, 0.25), 1e-12);
        assertArrayEquals(new double[] {2, 3}, InterpolationCursor.pointAt(PATH, 0.875), 1e-12);
    }

    @Test
    void tOutsideTheRangeStopsAtTheEndsAndNoPathOrNoTGivesNothing() {
        assertArrayEquals(new double[] {0, 0}, InterpolationCursor.pointAt(PATH, -3), 1e-12);
        assertArrayEquals(new double[] {2, 4}, InterpolationCursor.pointAt(PATH, 7), 1e-12);
        assertArrayEquals(new double[] {5, 6}, InterpolationCursor.pointAt(new double[] {5, 6}, 0.4), 1e-12);
        assertNull(InterpolationCursor.pointAt(null, 0.5));
        assertNull(InterpolationCursor.pointAt(PATH, Double.NaN));
    }
}
