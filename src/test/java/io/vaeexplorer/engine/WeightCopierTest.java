package io.vaeexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.WeightSnapshot;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightCopierTest {

    private static final ModelConfig CONV = new ModelConfig(ModelKind.CONV, 28, 28, 2, List.of(4, 8, 16),
            Likelihood.BCE, 1f, Objective.ELBO);

    @Test
    void loadedWeightsLiveInTheModelsOwnMemoryNotInTheTransferBuffer() {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock source = new VaeBlock(CONV);
            source.initializeFor(manager);
            TorchDefaultInit.apply(source, 7);
            WeightSnapshot weights = WeightCopier.snapshot(source, 1, 0);

            VaeBlock target = new VaeBlock(CONV);
            target.initializeFor(manager);
            ByteBuffer transfer = WeightCopier.load(weights, target, null);
            // the next load refills the same buffer; the model must not see that until it is loaded
            transfer.clear();
            while (transfer.hasRemaining()) {
                transfer.put((byte) 0x7f); // a NaN pattern in every float
            }
            assertSnapshotsEqual(weights, WeightCopier.snapshot(target, 2, 0));

            assertSame(transfer, WeightCopier.load(weights, target, transfer), "one buffer serves every load");
            assertSnapshotsEqual(weights, WeightCopier.snapshot(target, 3, 0));
        }
    }

    private static void assertSnapshotsEqual(WeightSnapshot expected, WeightSnapshot actual) {
        assertEquals(expected.weights().size(), actual.weights().size());
        for (int i = 0; i < expected.weights().size(); i++) {
            assertEquals(expected.weights().get(i).name(), actual.weights().get(i).name());
            assertArrayEquals(expected.weights().get(i).values(), actual.weights().get(i).values(), 0f,
                    expected.weights().get(i).name());
        }
    }
}
