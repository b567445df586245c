package io.vaeexplorer.core;

import java.util.Arrays;

/**
 * One parameter tensor copied out of the network: a name, a shape, and its values in row-major order.
 * The array is owned by this record and must not be modified after construction.
 */
public record NamedWeight(String name, long[] shape, float[] values) {

    public NamedWeight {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + name + ": " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(
                    name + ": shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedWeight w
                && name.equals(w.name)
                && Arrays.equals(shape, w.shape)
                && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
