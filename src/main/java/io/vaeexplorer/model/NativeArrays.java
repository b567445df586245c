package io.vaeexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Moves a large Java float array into a native array in small pieces. {@code NDManager.create(float[], Shape)}
 * first allocates a direct buffer of the whole size, which the JVM zeroes before copying into it: for the
 * 188 MB MNIST training set that is two passes over fresh memory on top of the native array's own, at the
 * moment a run starts, while the window draws. Here the native array is allocated uninitialised and filled
 * through one 4 MB direct buffer.
 */
public final class NativeArrays {

    static final int CHUNK_BYTES = 4 << 20;

    private NativeArrays() {
    }

    /** A float32 array of {@code rows x columns} holding {@code values} (row-major), owned by {@code manager}. */
    public static NDArray rows(NDManager manager, float[] values, int rows, int columns) {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill " + rows + " x " + columns);
        }
        NDArray all = manager.create(new Shape(rows, columns), DataType.FLOAT32);
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / (Math.max(1, columns) * Float.BYTES));
        ByteBuffer buffer = null;
        try {
            for (int first = 0; first < rows; first += rowsPerChunk) {
                int n = Math.min(rowsPerChunk, rows - first);
                buffer = fill(buffer, values, first * columns, n * columns);
                try (NDManager chunkManager = manager.newSubManager()) {
                    NDArray chunk = chunkManager.create(buffer, new Shape(n, columns), DataType.FLOAT32);
                    all.set(new NDIndex("{}:{}", first, first + n), chunk);
                }
            }
        } catch (RuntimeException e) {
            all.close();
            throw e;
        }
        return all;
    }

    /**
     * {@code values[offset, offset + length)} in native byte order in {@code reused}, or in a new direct buffer
     * when {@code reused} is null or too small; the buffer's limit ends at the last float. DJL would copy a Java
     * array into a fresh direct buffer per call, which only the garbage collector frees.
     */
    public static ByteBuffer fill(ByteBuffer reused, float[] values, int offset, int length) {
        ByteBuffer buffer = reused;
        if (buffer == null || buffer.capacity() < length * Float.BYTES) {
            buffer = ByteBuffer.allocateDirect(length * Float.BYTES).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        buffer.asFloatBuffer().put(values, offset, length);
        buffer.limit(length * Float.BYTES);
        return buffer;
    }
}
