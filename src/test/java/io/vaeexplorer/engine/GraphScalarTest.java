package io.vaeexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphScalarTest {

    /**
     * Between forward and backward, collect garbage and then fill freshly malloc'd memory with 7s, which is what
     * reuses a freed scalar buffer. The gradient of sum(x * 0.5) must still be 0.5 everywhere.
     */
    @Test
    void scalarOperandSurvivesGarbageCollectionBeforeBackward() throws InterruptedException {
        DjlRuntime.configure();
        Engine engine = DjlRuntime.engine();
        for (int attempt = 0; attempt < 5; attempt++) {
            try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                NDArray x = manager.create(new float[] {1f, -2f, 3f, 4f});
                x.setRequiresGradient(true);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray y = GraphScalar.times(x, 0.5f).sum();
                    scribbleOverFreedMemory();
                    collector.backward(y);
                }
                float[] gradient = x.getGradient().toFloatArray();
                assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, gradient, 0f,
                        "attempt " + attempt + ": " + Arrays.toString(gradient));
            }
        }
    }

    private static void scribbleOverFreedMemory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20); // lets the reference handler run the direct buffers' cleaners (free())
        }
        List<ByteBuffer> filler = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 7f);
            filler.add(b);
        }
        filler.clear();
    }
}
