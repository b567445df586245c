package io.vaeexplorer.ui;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.TorchDefaultInit;
import io.vaeexplorer.engine.VaeBlock;
import io.vaeexplorer.engine.WeightCopier;
import java.util.List;

/** Untrained models for UI tests: real weights (PyTorch's default initialisation), no training time. */
public final class TinyModels {

    private TinyModels() {
    }

    public static Checkpoint untrained(ModelConfig config) {
        return new Checkpoint(untrainedWeights(config, 1, 1), TrainingConfig.defaults(), List.of(), "cpu", "test");
    }

    /** PyTorch's default initial weights for a seed, as a snapshot of the given version. */
    public static WeightSnapshot untrainedWeights(ModelConfig config, long seed, long version) {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock block = new VaeBlock(config);
            block.initializeFor(manager);
            TorchDefaultInit.apply(block, seed);
            return WeightCopier.snapshot(block, version, 0);
        }
    }
}
