package io.vaeexplorer.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;

class ScatterRendererTest {

    private static final int[] PALETTE = {0xffff0000, 0xff00ff00};

    @Test
    void pointsLandWhereTheBoundsPutThemWithUpwardY() {
        float[] xy = {-1f, 1f, 1f, -1f, 0f, 0f, 50f, 0f, Float.NaN, 0f};
        byte[] labels = {0, 1, 1, 0, 0};
        int[] px = ScatterRenderer.render(xy, labels, 5, PALETTE, 21, 21, new double[] {-1.5, 1.5, -1.5, 1.5}, 0);
        // (-1, 1) is near the top left, (1, -1) near the bottom right, (0, 0) in the middle
        assertEquals(0xffff0000, px[3 * 21 + 3]);
        assertEquals(0xff00ff00, px[16 * 21 + 16]);
        assertEquals(0xff00ff00, px[10 * 21 + 10]);
        int painted = 0;
        for (int p : px) {
            painted += p != 0 ? 1 : 0;
        }
        assertEquals(3 * 9, painted, "three points of 3x3 pixels; the far and the NaN point are dropped");
    }

    @Test
    void commonBoundsCoverBothSetsButIgnoreTheOutermostTail() {
        float[] a = new float[200];
        float[] b = new float[200];
        for (int i = 0; i < 200; i++) {
            a[i] = (i % 2 == 0 ? 1 : -1) * 2f;
            b[i] = 3f;
        }
        b[0] = 1000f; // one stray code
        double[] bounds = ScatterRenderer.commonBounds(new float[][] {a, b}, 0.01);
        assertArrayEquals(new double[] {-3.15, 3.15, -3.15, 3.15}, bounds, 1e-9);
    }

    @Test
    void refusesAnEmptyRegion() {
        assertThrows(IllegalArgumentException.class, () -> ScatterRenderer.render(new float[0], new byte[0], 0,
                PALETTE, 10, 10, new double[] {1, 1, 0, 1}, 0));
    }
}
