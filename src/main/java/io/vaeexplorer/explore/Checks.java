package io.vaeexplorer.explore;

/** Argument checks shared by the explore classes, so every message names the offending argument. */
final class Checks {

    private Checks() {
    }

    static void atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", got " + value);
        }
    }

    static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    static void range(double min, double max) {
        finite("min", min);
        finite("max", max);
        if (min > max) {
            throw new IllegalArgumentException("min (" + min + ") must not exceed max (" + max + ")");
        }
    }

    static void sameLength(String nameA, float[] a, String nameB, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "dimension mismatch: " + nameA + " has " + a.length + " entries, " + nameB + " has " + b.length);
        }
    }

    static void dimensionIndex(String name, int index, int dim) {
        if (index < 0 || index >= dim) {
            throw new IllegalArgumentException(name + " must be in [0, " + dim + "), got " + index);
        }
    }

    /** Row-major {@code count x width} arrays must hold at least {@code count * width} entries. */
    static void holds(String name, float[] array, int count, int width) {
        long needed = (long) count * width;
        if (array.length < needed) {
            throw new IllegalArgumentException(name + " holds " + array.length + " entries, needs " + count + " x "
                    + width + " = " + needed);
        }
    }
}
