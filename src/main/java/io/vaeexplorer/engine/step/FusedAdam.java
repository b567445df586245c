package io.vaeexplorer.engine.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import ai.djl.util.Pair;
import java.io.IOException;
import java.util.List;

/**
 * Adam through PyTorch's fused kernel ({@code torch._fused_adam_}), reached through a three-line TorchScript
 * function shipped as a resource ({@code src/main/torchscript/fused_adam.py} writes it). One call per step updates
 * every weight, both moments and the step counts in a single pass and zeroes the gradients, where DJL's
 * per-parameter Adam clones each gradient and makes four temporaries (docs/performance.md compares them). The
 * maths is PyTorch's Adam: eps is added to sqrt(v / (1 - beta2^t)).
 *
 * <p>The weights, moments and step counts never change identity, so their TorchScript lists are built once;
 * only the gradient list is rebuilt each step, as DJL hands out a fresh handle per call.
 */
final class FusedAdam implements AdamStep {

    static final String RESOURCE = "fused_adam.pt";
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final TorchScriptFunction function;
    private final PtNDArray[] weights;
    private final PtNDArray[] steps;
    private final IValue weightList;
    private final IValue meanList;
    private final IValue varianceList;
    private final IValue stepList;
    private final IValue learningRate;
    private final IValue beta1;
    private final IValue beta2;
    private final IValue epsilon;

    private FusedAdam(NDManager parent, List<Pair<String, Parameter>> parameters, float lr) throws IOException {
        function = new TorchScriptFunction(parent, RESOURCE);
        NDManager state = function.arrays();
        int n = parameters.size();
        weights = new PtNDArray[n];
        PtNDArray[] means = new PtNDArray[n];
        PtNDArray[] variances = new PtNDArray[n];
        steps = new PtNDArray[n];
        for (int i = 0; i < n; i++) {
            NDArray weight = parameters.get(i).getValue().getArray();
            weights[i] = (PtNDArray) weight;
            means[i] = (PtNDArray) state.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            variances[i] = (PtNDArray) state.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            steps[i] = (PtNDArray) state.zeros(new Shape(), DataType.FLOAT32, weight.getDevice());
        }
        weightList = function.keep(IValue.listFrom(weights));
        meanList = function.keep(IValue.listFrom(means));
        varianceList = function.keep(IValue.listFrom(variances));
        stepList = function.keep(IValue.listFrom(steps));
        learningRate = function.keep(IValue.from((double) lr));
        beta1 = function.keep(IValue.from(BETA1));
        beta2 = function.keep(IValue.from(BETA2));
        epsilon = function.keep(IValue.from(EPSILON));
    }

    static FusedAdam create(NDManager parent, List<Pair<String, Parameter>> parameters, float lr) throws IOException {
        FusedAdam adam = null;
        try {
            adam = new FusedAdam(parent, parameters, lr);
            adam.probe();
            return adam;
        } catch (RuntimeException | IOException e) {
            if (adam != null) {
                adam.close();
            }
            throw e;
        }
    }

    @Override
    public void apply() {
        PtNDArray[] gradients = new PtNDArray[weights.length];
        try {
            for (int i = 0; i < weights.length; i++) {
                gradients[i] = weights[i].getGradient();
            }
            run(gradients);
        } finally {
            for (PtNDArray gradient : gradients) {
                if (gradient != null) {
                    gradient.close(); // each getGradient() is a new handle on the parameter's manager
                }
            }
        }
    }

    private void run(PtNDArray[] gradients) {
        try (IValue gradientList = IValue.listFrom(gradients)) {
            // the function works in place: its result is only a handle to free
            function.call(weightList, gradientList, meanList, varianceList, stepList, learningRate, beta1, beta2,
                    epsilon).close();
        }
    }

    /**
     * Runs the kernel once with zero gradients, which moves no weight, so that an engine without it fails here
     * (and the trainer falls back) rather than at the first step; then the step counts start again from 0.
     */
    private void probe() {
        try (NDManager scratch = function.arrays().newSubManager()) {
            PtNDArray[] zeros = new PtNDArray[weights.length];
            for (int i = 0; i < weights.length; i++) {
                zeros[i] = (PtNDArray) scratch.zeros(weights[i].getShape(), weights[i].getDataType(),
                        weights[i].getDevice());
            }
            run(zeros);
        }
        for (PtNDArray step : steps) {
            step.muli(0f);
        }
    }

    @Override
    public String describe() {
        return "PyTorch fused Adam";
    }

    @Override
    public void close() {
        function.close();
    }
}
