package io.vaeexplorer.ui;

import java.util.Map;
import java.util.WeakHashMap;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * Where the interpolation slider stands, for the latent plane to mark on the path it draws. The experiments and
 * the plane are built separately from the same {@link ExplorerModel}, which carries the path but not the slider's
 * position, so the position is kept here beside that model: one per model, held no longer than the model is.
 * FX thread only, like the models.
 */
final class InterpolationCursor {

    private static final Map<ExplorerModel, DoubleProperty> POSITIONS = new WeakHashMap<>();

    private InterpolationCursor() {
    }

    /**
     * t in [0, 1] along the path in the model's {@link ExplorerModel#interpolationPathProperty()}, NaN while there
     * is none. Listeners that should not keep their owner alive as long as the model must be weak ones.
     */
    static DoubleProperty of(ExplorerModel model) {
        return POSITIONS.computeIfAbsent(model, m -> new SimpleDoubleProperty(Double.NaN));
    }

    /**
     * The plane point at t along a path of evenly spaced steps {x0, y0, x1, y1, ...} from t = 0 to t = 1, straight
     * between steps as the path is drawn; t is clamped to [0, 1]. Null for no path or a t that is not a number.
     */
    static double[] pointAt(double[] path, double t) {
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
