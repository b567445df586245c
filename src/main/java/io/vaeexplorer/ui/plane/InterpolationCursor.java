package io.vaeexplorer.ui.plane;

/**
 * Where the interpolation slider's t falls on the path the plane draws, so the plane can mark it. The slider's t
 * itself reaches the plane's view-model beside the path ({@code PlaneViewModel.interpolationTProperty()}).
 */
public final class InterpolationCursor {

    private InterpolationCursor() {
    }

    /**
     * The plane point at t along a path of evenly spaced steps {x0, y0, x1, y1, ...} from t = 0 to t = 1, straight
     * between steps as the path is drawn; t is clamped to [0, 1]. Null for no path or a t that is not a number.
     */
    public static double[] pointAt(double[] path, double t) {
        if (path == null || path.length < 2 || Double.isNaN(t)) {
            return null;
        }
        int n = path.length / 2;
        if (n == 1) {
            return new double[] {path[0], path[1]};
        }
        double s = Math.max(0, Math.min(1, t)) * (n - 1);
        int i = Math.min(n - 2, (int) Math.floor(s));
        double f = s - i;
        return new double[] {
            path[2 * i] + f * (path[2 * i + 2] - path[2 * i]),
            path[2 * i + 1] + f * (path[2 * i + 3] - path[2 * i + 1])
        };
    }
}
