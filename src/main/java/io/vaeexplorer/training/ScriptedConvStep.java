package io.vaeexplorer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import ai.djl.util.Pair;
import io.vaeexplorer.model.LossParts;
import io.vaeexplorer.model.ModelConfig;
import io.vaeexplorer.model.ModelKind;
import io.vaeexplorer.model.Reconstruction;
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
 *
 * <p>The weights, moments, step count and settings never change identity, so their TorchScript values are built
 * once; each step passes only the batch.
 */
final class ScriptedConvStep implements TrainingStep {

    static final String RESOURCE = "conv_train_step.pt";
    /** Two convolutions, two heads and two decoder layers, plus a dense layer on each side if the model has one. */
    private static final int PARAMETERS_WITHOUT_DENSE = 14;
    private static final int PARAMETERS_WITH_DENSE = 18;

    private final TorchScriptFunction function;
    /** Steps taken, one count for all weights (they are always stepped together). */
    private final PtNDArray stepCount;
    /** The call's arguments after the images, in the function's order. */
    private final IValue[] fixedArguments;

    private ScriptedConvStep(NDManager parent, ModelConfig config, List<Pair<String, Parameter>> parameters,
                             float learningRate) throws IOException {
        function = new TorchScriptFunction(parent, RESOURCE);
        NDManager state = function.arrays();
        int n = parameters.size();
        PtNDArray[] weights = new PtNDArray[n];
        PtNDArray[] means = new PtNDArray[n];
        PtNDArray[] variances = new PtNDArray[n];
        stepCount = (PtNDArray) state.zeros(new Shape(), DataType.FLOAT32);
        for (int i = 0; i < n; i++) {
            NDArray weight = parameters.get(i).getValue().getArray();
            weights[i] = (PtNDArray) weight;
            means[i] = (PtNDArray) state.zeros(weight.getShape(), weight.getDataType());
            variances[i] = (PtNDArray) state.zeros(weight.getShape(), weight.getDataType());
        }
        fixedArguments = new IValue[] {
            function.keep(IValue.listFrom(weights)),
            function.keep(IValue.listFrom(means)),
            function.keep(IValue.listFrom(variances)),
            function.keep(IValue.from(stepCount)),
            function.keep(IValue.listFrom(learningRate, config.objective().reconstructionWeight(),
                    config.objective().klWeight(config.beta()))),
            function.keep(IValue.from(config.reconstruction() == Reconstruction.BCE)),
            function.keep(IValue.listFrom((long) config.imageRows(), (long) config.imageCols()))
        };
    }

    /**
     * @throws IllegalArgumentException for a model the function does not compute (the caller falls back)
     */
    static ScriptedConvStep create(NDManager parent, ModelConfig config, List<Pair<String, Parameter>> parameters,
                                   float learningRate) throws IOException {
        if (config.kind() != ModelKind.CONV) {
            throw new IllegalArgumentException("the scripted conv step runs conv models only, not " + config.kind());
        }
        if (parameters.size() != PARAMETERS_WITHOUT_DENSE && parameters.size() != PARAMETERS_WITH_DENSE) {
            throw new IllegalArgumentException("the scripted conv step expects " + PARAMETERS_WITHOUT_DENSE + " or "
                    + PARAMETERS_WITH_DENSE + " parameters, the model has " + parameters.size());
        }
        ScriptedConvStep step = null;
        try {
            step = new ScriptedConvStep(parent, config, parameters, learningRate);
            step.probe(config.imageSize());
            return step;
        } catch (RuntimeException | IOException e) {
            if (step != null) {
                step.close();
            }
            throw e;
        }
    }

    @Override
    public LossParts train(NDArray images) {
        float[] sums;
        try (NDArray result = run(images)) {
            sums = result.toFloatArray();
        }
        return new LossParts(sums[0], sums[1]);
    }

    /** The (2,) result lives on the images' manager. */
    private NDArray run(NDArray images) {
        IValue[] arguments = new IValue[fixedArguments.length + 1];
        System.arraycopy(fixedArguments, 0, arguments, 1, fixedArguments.length);
        try (IValue batch = IValue.from((PtNDArray) images)) {
            arguments[0] = batch;
            try (IValue result = function.call(arguments)) {
                return result.toTensor((PtNDManager) images.getManager());
            }
        }
    }

    /**
     * Runs the function once on an empty batch, whose zero gradients move no weight and draw no noise, so that an
     * engine without an op it needs fails here (and the trainer falls back) rather than at the first step; then
     * the step count starts again from 0.
     */
    private void probe(int pixels) {
        try (NDManager scratch = function.arrays().newSubManager()) {
            run(scratch.zeros(new Shape(0, pixels)));
        }
        stepCount.muli(0f);
    }

    @Override
    public String describe() {
        return "TorchScript conv step, PyTorch fused Adam";
    }

    @Override
    public void close() {
        function.close();
    }
}
