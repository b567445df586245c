package io.vaeexplorer.engine.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import ai.djl.util.Pair;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole training step as one call into a TorchScript function shipped as a resource: the forward pass, the
 * ELBO, its gradients and PyTorch's fused Adam, all inside libtorch ({@link ScriptedMlpStep} and
 * {@link ScriptedConvStep} say which function and what it computes). What goes, against {@link DjlOpsStep}, is the
 * per-op JNI traffic, a Java object per intermediate, autograd's bookkeeping and the gradient buffers.
 *
 * <p>The weights, moments, step count and settings never change identity, so their TorchScript values are built
 * once; each step passes only the batch. The function's arguments: images, their classes one-hot (no columns for a
 * plain model), weights, first moments, second moments, step count, (learning rate, reconstruction weight, KL
 * weight, capacity), whether the reconstruction is BCE, then any model-specific ones.
 */
final class ScriptedStep implements TrainingStep {

    private final TorchScriptFunction function;
    private final String description;
    /** Steps taken, one count for all weights (they are always stepped together). */
    private final PtNDArray stepCount;
    /** The call's arguments after the images, in the function's order. */
    private final IValue[] fixedArguments;
    private final ModelConfig config;
    private final float learningRate;
    /** The loss weights the settings argument holds now; a schedule's change builds a new one. */
    private StepWeights settingsWeights;
    /** Where the settings sit in {@link #fixedArguments}. */
    private static final int SETTINGS = 4;

    private ScriptedStep(NDManager parent, String resource, String description, ModelConfig config,
                         List<Pair<String, Parameter>> parameters, float learningRate, long[] modelArguments)
            throws IOException {
        this.description = description;
        this.config = config;
        this.learningRate = learningRate;
        function = new TorchScriptFunction(parent, resource);
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
        List<IValue> fixed = new ArrayList<>(List.of(
                function.keep(IValue.listFrom(weights)),
                function.keep(IValue.listFrom(means)),
                function.keep(IValue.listFrom(variances)),
                function.keep(IValue.from(stepCount)),
                settings(StepWeights.of(config)),
                function.keep(IValue.from(config.reconstruction() == Likelihood.BCE))));
        if (modelArguments.length > 0) {
            fixed.add(function.keep(IValue.listFrom(modelArguments)));
        }
        fixedArguments = fixed.toArray(IValue[]::new);
        settingsWeights = StepWeights.of(config);
    }

    /** (learning rate, reconstruction weight, KL weight, capacity), closed when replaced or with the step. */
    private IValue settings(StepWeights weights) {
        return IValue.listFrom(learningRate, weights.reconstruction(), weights.kl(), weights.capacity());
    }

    /**
     * Loads the function and runs it once on an empty batch.
     *
     * @param modelArguments integers the function takes after the common arguments, as one list (none: empty)
     */
    static ScriptedStep create(NDManager parent, String resource, String description, ModelConfig config,
                               List<Pair<String, Parameter>> parameters, float learningRate, long... modelArguments)
            throws IOException {
        ScriptedStep step = null;
        try {
            step = new ScriptedStep(parent, resource, description, config, parameters, learningRate, modelArguments);
            step.probe(config.imageSize(), config.conditionClasses());
            return step;
        } catch (RuntimeException | IOException e) {
            if (step != null) {
                step.close();
            }
            throw e;
        }
    }

    @Override
    public ModelConfig defaultConfig() {
        return config;
    }

    @Override
    public LossParts train(NDArray images, NDArray conditions, StepWeights weights) {
        if (!weights.equals(settingsWeights)) {
            IValue replaced = fixedArguments[SETTINGS];
            fixedArguments[SETTINGS] = settings(weights);
            settingsWeights = weights;
            replaced.close();
        }
        float[] sums;
        try (NDArray result = run(images, conditions)) {
            sums = result.toFloatArray();
        }
        return new LossParts(sums[0], sums[1]);
    }

    /** The (2,) result lives on the images' manager. */
    private NDArray run(NDArray images, NDArray conditions) {
        NDManager batchManager = images.getManager();
        long count = images.getShape().get(0);
        NDArray classes = conditions != null ? conditions
                : batchManager.zeros(new Shape(count, config.conditionClasses()), DataType.FLOAT32);
        IValue[] arguments = new IValue[fixedArguments.length + 2];
        System.arraycopy(fixedArguments, 0, arguments, 2, fixedArguments.length);
        try (IValue batch = IValue.from((PtNDArray) images);
             IValue batchClasses = IValue.from((PtNDArray) classes)) {
            arguments[0] = batch;
            arguments[1] = batchClasses;
            try (IValue result = function.call(arguments)) {
                return result.toTensor((PtNDManager) batchManager);
            }
        } finally {
            if (classes != conditions) {
                classes.close();
            }
        }
    }

    /**
     * Runs the function once on an empty batch, whose zero gradients move no weight and draw no noise, so that an
     * engine without an op it needs fails here (and the trainer falls back) rather than at the first step; then
     * the step count starts again from 0.
     */
    private void probe(int pixels, int classes) {
        try (NDManager scratch = function.arrays().newSubManager()) {
            run(scratch.zeros(new Shape(0, pixels)), classes > 0 ? scratch.zeros(new Shape(0, classes)) : null);
        }
        stepCount.muli(0f);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        fixedArguments[SETTINGS].close();
        function.close();
    }
}
