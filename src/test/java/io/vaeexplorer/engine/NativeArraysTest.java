package io.vaeexplorer.engine;

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
        int rowsPerChunk = NativeArrays.CHUNK_BYTES / columns;
        int rows = 2 * rowsPerChunk + 17; // two full chunks and a short one
        byte[] grey = new byte[rows * columns];
        new SplittableRandom(3).nextBytes(grey);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray array = NativeArrays.greyRows(manager, grey, rows, columns);
            assertEquals(new Shape(rows, columns), array.getShape());
            assertArrayEquals(grey, array.toByteArray());
        }
    }

    @Test
    void greyLevelsBecomeTheSameFloatsAsInJava() {
        byte[] grey = new byte[256];
        float[] expected = new float[256];
        for (int level = 0; level < 256; level++) {
            grey[level] = (byte) level;
            expected[level] = level / 255f;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray floats = NativeArrays.unitFloats(NativeArrays.greyRows(manager, grey, 16, 16));
            assertArrayEquals(expected, floats.toFloatArray(), 0f);
        }
    }

    @Test
    void aSingleShortChunkWorksAndAMismatchedSizeIsRefused() {
        byte[] grey = {1, 2, 3, 4, 5, (byte) 200};
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(grey, NativeArrays.greyRows(manager, grey, 3, 2).toByteArray());
            assertThrows(IllegalArgumentException.class, () -> NativeArrays.greyRows(manager, grey, 4, 2));
        }
    }
}
