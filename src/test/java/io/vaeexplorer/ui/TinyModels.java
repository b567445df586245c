package io.vaeexplorer.ui;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.vaeexplorer.model.Checkpoint;
import io.vaeexplorer.model.DjlRuntime;
import io.vaeexplorer.model.ModelConfig;
import io.vaeexplorer.model.TorchDefaultInit;
import io.vaeexplorer.model.TrainingConfig;
import io.vaeexplorer.model.VaeBlock;
import io.vaeexplorer.model.WeightCopier;
import io.vaeexplorer.model.WeightSnapshot;
import java.util.List;

/** Untrained models for UI tests: real weights (PyTorch's default initialisation), no training time. */
final class TinyModels {

    private TinyModels() {
    }

    static Checkpoint untrained(ModelConfig config) {
        return new Checkpoint(untrainedWeights(config, 1, 1), TrainingConfig.defaults(), List.of(), "cpu", "test");
    }

    /** PyTorch's default initial weights for a seed, as a snapshot of the given version. */
    static WeightSnapshot untrainedWeights(ModelConfig config, long seed, long version) {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock block = new VaeBlock(config);
            block.initializeFor(manager);
            TorchDefaultInit.apply(block, seed);
            return WeightCopier.snapshot(block, version, 0);
        }
    }
}
