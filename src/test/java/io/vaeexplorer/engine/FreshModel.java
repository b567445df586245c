package io.vaeexplorer.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.vaeexplorer.core.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/** One model for step tests: its block and parameters on their own manager, initialised like a fresh trainer's. */
public record FreshModel(NDManager manager, VaeBlock block, List<Pair<String, Parameter>> parameters) {

    public static FreshModel create(ModelConfig config) {
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        VaeBlock block = new VaeBlock(config);
        block.initializeFor(manager);
        TorchDefaultInit.apply(block, 11);
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.add(p);
        }
        return new FreshModel(manager, block, parameters);
    }

    public float[][] weights() {
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).getValue().getArray().toFloatArray();
        }
        return out;
    }
}
