package io.vaeexplorer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NativeArraysTest {

    @Test
    void rowsSpanningSeveralChunksArriveExactlyAsGiven() {
        int columns = 784;
        int rowsPerChunk = NativeArrays.CHUNK_BYTES / (columns * Float.BYTES);
        int rows = 2 * rowsPerChunk + 17; // two full chunks and a short one
        float[] values = new float[rows * columns];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = NativeArrays.rows(manager, values, rows, columns);
            assertEquals(new Shape(rows, columns), array.getShape());
            assertArrayEquals(values, array.toFloatArray());
        }
    }

    @Test
    void aSingleShortChunkWorksAndAMismatchedSizeIsRefused() {
        float[] values = {1, 2, 3, 4, 5, 6};
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(values, NativeArrays.rows(manager, values, 3, 2).toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> NativeArrays.rows(manager, values, 4, 2));
        }
    }
}
