package io.vaeexplorer.engine.step;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import java.io.IOException;
import java.util.List;

/**
 * The MLP VAE's whole training step as one TorchScript call ({@code src/main/torchscript/mlp_train_step.py}
 * writes the function): VaeBlock's layers, ElboLoss's terms and weights, the same noise draw and PyTorch's Adam as
 * {@link DjlOpsStep}, with the gradients written out rather than taken by autograd.
 */
final class ScriptedMlpStep {

    static final String RESOURCE = "mlp_train_step.pt";

    private ScriptedMlpStep() {
    }

    static TrainingStep create(NDManager parent, ModelConfig config, List<Pair<String, Parameter>> parameters,
                               float learningRate) throws IOException {
        if (config.kind() != ModelKind.MLP) {
            throw new IllegalArgumentException("the scripted step runs MLP models only, not " + config.kind());
        }
        return ScriptedStep.create(parent, RESOURCE, "TorchScript step, PyTorch fused Adam", config, parameters,
                learningRate);
    }
}
