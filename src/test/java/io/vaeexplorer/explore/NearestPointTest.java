package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;

class NearestPointTest {

    private static final float[] POINTS = {
        0, 0,
        5, 5,
        -3, 4,
        5, -5,
    };

    @Test
    void findsTheClosestPoint() {
        assertEquals(0, NearestPoint.nearest(POINTS, 4, 0.4, -0.3));
        assertEquals(1, NearestPoint.nearest(POINTS, 4, 4, 6));
        assertEquals(2, NearestPoint.nearest(POINTS, 4, -10, 10));
        assertEquals(3, NearestPoint.nearest(POINTS, 4, 2.6, -2.6));
    }

    @Test
    void onlyTheFirstCountPointsTakePart() {
        assertEquals(0, NearestPoint.nearest(POINTS, 2, 5, -5));
    }

    @Test
    void tiesGoToTheLowerIndex() {
        assertEquals(1, NearestPoint.nearest(POINTS, 4, 6, 0)); // points 1 and 3 both at distance sqrt(26)
        assertEquals(0, NearestPoint.nearest(POINTS, 4, 5, 0)); // points 0, 1 and 3 all at distance 5
    }

    @Test
    void noPointsGivesMinusOne() {
        assertEquals(-1, NearestPoint.nearest(new float[0], 0, 1, 1));
    }

    @Test
    void rejectsTooShortArrays() {
        assertThrows(IllegalArgumentException.class, () -> NearestPoint.nearest(POINTS, 5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NearestPoint.nearest(POINTS, -1, 0, 0));
    }
}
