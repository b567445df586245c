package io.vaeexplorer.engine.step;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import java.io.IOException;
import java.util.List;

/**
 * A whole training step of the convolutional VAE as one call into a TorchScript function shipped as a resource
 * ({@code src/main/torchscript/conv_train_step.py} writes it): the forward pass, the ELBO, its gradients (through
 * ATen's backward kernels, without autograd) and PyTorch's fused Adam, all inside libtorch. The maths is
 * {@link DjlOpsStep}'s: VaeLayers' convolutional layers, ElboLoss's terms and weights, the same noise draw and
 * PyTorch's Adam. What goes is the per-op JNI traffic, a Java object per intermediate, autograd's graph and the
 * gradient buffers; and the decoder's "upsample, then convolve" pairs each run as one convolution of the
 * low-resolution map with 2x2 kernels derived from the 3x3 one (the same function up to float rounding, without
 * the upsampled maps; the script explains it).
 */
final class ScriptedConvStep {

    static final String RESOURCE = "conv_train_step.pt";
    /** Two convolutions, two heads and two decoder layers, plus a dense layer on each side if the model has one. */
    private static final int PARAMETERS_WITHOUT_DENSE = 14;
    private static final int PARAMETERS_WITH_DENSE = 18;

    private ScriptedConvStep() {
    }

    /**
     * @throws IllegalArgumentException for a model the function does not compute (the caller falls back)
     */
    static TrainingStep create(NDManager parent, ModelConfig config, List<Pair<String, Parameter>> parameters,
                               float learningRate) throws IOException {
        if (config.kind() != ModelKind.CONV) {
            throw new IllegalArgumentException("the scripted conv step runs conv models only, not " + config.kind());
        }
        if (parameters.size() != PARAMETERS_WITHOUT_DENSE && parameters.size() != PARAMETERS_WITH_DENSE) {
            throw new IllegalArgumentException("the scripted conv step expects " + PARAMETERS_WITHOUT_DENSE + " or "
                    + PARAMETERS_WITH_DENSE + " parameters, the model has " + parameters.size());
        }
        return ScriptedStep.create(parent, RESOURCE, "TorchScript conv step, PyTorch fused Adam", config, parameters,
                learningRate, config.imageRows(), config.imageCols());
    }
}
