package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Moves large Java arrays into native arrays in small pieces, and grey levels to the floats a model reads.
 * {@code NDManager.create(float[], Shape)} first allocates a direct buffer of the whole size, which the JVM zeroes
 * before copying into it: for a training set that is two passes over fresh memory on top of the native array's
 * own, at the moment a run starts, while the window draws. Here the native array is allocated uninitialised and
 * every byte of it is written through one 4 MB direct buffer.
 */
public final class NativeArrays {

    static final int CHUNK_BYTES = 4 << 20;

    private NativeArrays() {
    }

    /**
     * A uint8 array of {@code rows x columns} holding {@code grey} (row-major), owned by {@code manager}: images
     * stay natively at one byte a pixel and become floats a batch at a time ({@link #unitFloats}).
     */
    public static NDArray greyRows(NDManager manager, byte[] grey, int rows, int columns) {
        if ((long) rows * columns != grey.length) {
            throw new IllegalArgumentException(grey.length + " values do not fill " + rows + " x " + columns);
        }
        NDArray all = manager.create(new Shape(rows, columns), DataType.UINT8);
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / Math.max(1, columns));
        ByteBuffer buffer = null;
        try {
            for (int first = 0; first < rows; first += rowsPerChunk) {
                int n = Math.min(rowsPerChunk, rows - first);
                buffer = fillGrey(buffer, grey, first * columns, n * columns);
                try (NDManager chunkManager = manager.newSubManager()) {
                    NDArray chunk = chunkManager.create(buffer, new Shape(n, columns), DataType.UINT8);
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
     * Copies {@code values} (native byte order, limit at the last float) into {@code target}'s own memory.
     *
     * <p>Why not {@code target.set(buffer)}: DJL's PyTorch engine then makes the direct buffer itself the tensor's
     * storage, so the weights would live in memory the Java side owns and frees, with every later writer of that
     * buffer writing into the model. Here the values pass through a temporary view of the buffer and are copied;
     * the buffer may be refilled at once. Autograd is paused for the copy, as a weight that takes gradients cannot
     * be overwritten in place while it records.
     */
    public static void copyInto(NDArray target, ByteBuffer values) {
        boolean recording = JniUtils.isGradMode();
        try (NDManager scratch = target.getManager().newSubManager()) {
            NDArray source = scratch.create(values, target.getShape(), target.getDataType());
            JniUtils.setGradMode(false);
            target.set(new NDIndex("..."), source);
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /**
     * {@link #copyInto} of a Java array, through {@code reused} (refilled, or replaced when null or too small).
     *
     * @return the buffer to pass next time
     */
    public static ByteBuffer copyInto(NDArray target, float[] values, ByteBuffer reused) {
        ByteBuffer buffer = fill(reused, values, 0, values.length);
        copyInto(target, buffer);
        return buffer;
    }

    /**
     * Classes one-hot, (count, classes) floats on {@code manager}, from {@code labels[first, first + count)}: what a
     * conditional model is told beside each image or latent vector.
     */
    public static NDArray oneHot(NDManager manager, int[] labels, int first, int count, int classes) {
        float[] values = new float[count * classes];
        for (int i = 0; i < count; i++) {
            int label = labels[first + i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("class " + label + " is outside 0.." + (classes - 1));
            }
            values[i * classes + label] = 1f;
        }
        return manager.create(values, new Shape(count, classes));
    }

    /** {@link #oneHot(NDManager, int[], int, int, int)} of labels stored as bytes, as a data set holds them. */
    public static NDArray oneHot(NDManager manager, byte[] labels, int first, int count, int classes) {
        int[] widened = new int[count];
        for (int i = 0; i < count; i++) {
            widened[i] = labels[first + i];
        }
        return oneHot(manager, widened, 0, count, classes);
    }

    /** Grey levels (uint8) as the floats a model reads, level / 255, on {@code grey}'s manager. */
    public static NDArray unitFloats(NDArray grey) {
        return grey.toType(DataType.FLOAT32, false).divi(255f);
    }

    /** {@code grey[offset, offset + length)} in {@code reused}, or in a new direct buffer when it is null or too small. */
    public static ByteBuffer fillGrey(ByteBuffer reused, byte[] grey, int offset, int length) {
        ByteBuffer buffer = reused;
        if (buffer == null || buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(length);
        }
        buffer.clear();
        buffer.put(grey, offset, length);
        buffer.flip();
        return buffer;
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
