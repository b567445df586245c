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
import java.util.List;

/** Untrained models for UI tests: real weights (PyTorch's default initialisation), no training time. */
final class TinyModels {

    private TinyModels() {
    }

    static Checkpoint untrained(ModelConfig config) {
        DjlRuntime.configure();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            VaeBlock block = new VaeBlock(config);
            block.initializeFor(manager);
            TorchDefaultInit.apply(block, 1);
            return new Checkpoint(WeightCopier.snapshot(block, 1, 0), TrainingConfig.defaults(), List.of(), "cpu",
                    "test");
        }
    }
}
