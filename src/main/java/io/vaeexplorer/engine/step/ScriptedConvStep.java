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
 * ATen's kernels, without autograd) and PyTorch's fused Adam, all inside libtorch, for either depth and 1 or 3
 * channels. The maths is {@link DjlOpsStep}'s: VaeLayers' convolutional layers, ElboLoss's terms and weights, the
 * same noise draw and PyTorch's Adam. What goes is the per-op JNI traffic, a Java object per intermediate,
 * autograd's graph and the gradient buffers; and the decoder's "upsample, then convolve" pairs each run as one
 * convolution of the low-resolution map with 2x2 kernels derived from the 3x3 one (the same function up to float
 * rounding, without the upsampled maps; the script explains it).
 */
final class ScriptedConvStep {

    static final String RESOURCE = "conv_train_step.pt";

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
        int stages = config.convSizes().stages();
        // a convolution per stage on each side, the two heads and the decoder's dense layer to the grid, plus a
        // dense layer on each side if the model has one; each a weight and a bias
        int withoutDense = 2 * (2 * stages + 3);
        int withDense = withoutDense + 4;
        if (parameters.size() != withoutDense && parameters.size() != withDense) {
            throw new IllegalArgumentException("the scripted conv step expects " + withoutDense + " or " + withDense
                    + " parameters for " + stages + " stages, the model has " + parameters.size());
        }
        return ScriptedStep.create(parent, RESOURCE, "TorchScript conv step, PyTorch fused Adam", config, parameters,
                learningRate, config.imageRows(), config.imageCols(), config.channels(), stages);
    }
}
