package io.vaeexplorer.render;

import java.util.Arrays;

/**
 * Draws a labelled 2-D point cloud into an ARGB pixel array, 3x3 pixels a point, with no GUI toolkit: the model
 * comparison and the training-timeline GIF render the latent plane off the UI thread with it.
 */
public final class ScatterRenderer {

    private ScatterRenderer() {
    }

    /**
     * @param xy row-major (count x 2) plane coordinates
     * @param palette opaque ARGB colour per label
     * @param bounds {xMin, xMax, yMin, yMax} of the plane mapped onto the picture (y grows upwards)
     * @return {@code width * height} ARGB pixels, row-major from the top
     */
    public static int[] render(float[] xy, byte[] labels, int count, int[] palette, int width, int height,
                               double[] bounds, int background) {
        if (width < 3 || height < 3) {
            throw new IllegalArgumentException("picture too small: " + width + "x" + height);
        }
        if (!(bounds[1] > bounds[0]) || !(bounds[3] > bounds[2])) {
            throw new IllegalArgumentException("empty plane region");
        }
        int[] px = new int[width * height];
        Arrays.fill(px, background);
        double sx = (width - 1) / (bounds[1] - bounds[0]);
        double sy = (height - 1) / (bounds[3] - bounds[2]);
        for (int i = 0; i < count; i++) {
            double bx = (xy[2 * i] - bounds[0]) * sx;
            double by = (bounds[3] - xy[2 * i + 1]) * sy;
            if (!(bx >= 1 && bx < width - 1 && by >= 1 && by < height - 1)) {
                continue; // outside, or NaN
            }
            int c = palette[(labels[i] & 0xff) % palette.length];
            int o = ((int) by - 1) * width + (int) bx - 1;
            for (int row = 0; row < 3; row++, o += width) {
                px[o] = c;
                px[o + 1] = c;
                px[o + 2] = c;
            }
        }
        return px;
    }

    /**
     * A square region {xMin, xMax, yMin, yMax} centred on 0 that holds all but the outermost {@code tail} fraction
     * of every point set given (so one stray code does not shrink the rest to a dot); at least +-1.
     */
    public static double[] commonBounds(float[][] xySets, double tail) {
        double extent = 1;
        for (float[] xy : xySets) {
            if (xy == null || xy.length == 0) {
                continue;
            }
            float[] abs = new float[xy.length];
            int n = 0;
            for (float v : xy) {
                if (Float.isFinite(v)) {
                    abs[n++] = Math.abs(v);
                }
            }
            if (n == 0) {
                continue;
            }
            Arrays.sort(abs, 0, n);
            extent = Math.max(extent, abs[Math.min(n - 1, (int) Math.floor((1 - tail) * (n - 1)))]);
        }
        extent *= 1.05;
        return new double[] {-extent, extent, -extent, extent};
    }
}
