package io.vaeexplorer.explore;

/** Paths between two latent vectors, for morphing one digit into another. */
public final class Interpolation {

    /** Below this angle (radians) slerp's sin(omega) division loses precision and the arc is a line anyway. */
    private static final double STRAIGHT_ANGLE = 1e-6;

    private Interpolation() {
    }

    /** (1 - t) * a + t * b; t = 0 gives exactly a and t = 1 exactly b. */
    public static float[] at(float[] a, float[] b, double t) {
        Checks.sameLength("a", a, "b", b);
        Checks.finite("t", t);
        float[] z = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            z[k] = (float) ((1 - t) * a[k] + t * b[k]);
        }
        return z;
    }

    /** {@code steps} evenly spaced vectors on the line from a to b, both ends included; {@code steps x d}. */
    public static float[] linear(float[] a, float[] b, int steps) {
        Checks.sameLength("a", a, "b", b);
        Checks.atLeast("steps", steps, 2);
        int dim = a.length;
        float[] path = new float[steps * dim];
        for (int i = 0; i < steps; i++) {
            System.arraycopy(at(a, b, fraction(i, steps)), 0, path, i * dim, dim);
        }
        return path;
    }

    /**
     * {@code steps} vectors on the great-circle arc from a to b (slerp), both ends included; {@code steps x d}.
     * Under a Gaussian prior most mass lies near a shell, and the arc keeps the norm there (constant when
     * |a| = |b|) where the straight line cuts through the low-norm middle. Falls back to the straight line
     * when the arc is undefined: a zero vector, or a and b (anti-)parallel.
     */
    public static float[] spherical(float[] a, float[] b, int steps) {
        Checks.sameLength("a", a, "b", b);
        Checks.atLeast("steps", steps, 2);
        int dim = a.length;
        float[] path = new float[steps * dim];
        for (int i = 0; i < steps; i++) {
            System.arraycopy(sphericalAt(a, b, fraction(i, steps)), 0, path, i * dim, dim);
        }
        return path;
    }

    /** One point of the arc of {@link #spherical}; t = 0 gives exactly a and t = 1 exactly b. */
    public static float[] sphericalAt(float[] a, float[] b, double t) {
        Checks.sameLength("a", a, "b", b);
        Checks.finite("t", t);
        if (t <= 0) {
            return a.clone();
        }
        if (t >= 1) {
            return b.clone();
        }
        double omega = angle(a, b);
        if (Double.isNaN(omega) || omega < STRAIGHT_ANGLE || Math.PI - omega < STRAIGHT_ANGLE) {
            return at(a, b, t);
        }
        double sinOmega = Math.sin(omega);
        double wa = Math.sin((1 - t) * omega) / sinOmega;
        double wb = Math.sin(t * omega) / sinOmega;
        float[] z = new float[a.length];
        for (int k = 0; k < a.length; k++) {
            z[k] = (float) (wa * a[k] + wb * b[k]);
        }
        return z;
    }

    /** Angle between a and b in radians, NaN when either is the zero vector. */
    static double angle(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            normA += (double) a[k] * a[k];
            normB += (double) b[k] * b[k];
        }
        if (normA == 0 || normB == 0) {
            return Double.NaN;
        }
        double cos = dot / Math.sqrt(normA * normB);
        return Math.acos(Math.max(-1.0, Math.min(1.0, cos)));
    }

    private static double fraction(int i, int steps) {
        return i == steps - 1 ? 1.0 : (double) i / (steps - 1);
    }
}
