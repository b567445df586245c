package io.vaeexplorer.engine.step;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.ElboLoss;
import io.vaeexplorer.engine.VaeBlock;
import java.util.List;

/**
 * A step through DJL's API: the block's forward pass, {@link ElboLoss}, a {@link GradientCollector}'s backward
 * pass and an {@link AdamStep}. Runs any architecture: the fallback when a scripted step cannot load, and the
 * path {@code -Dvae.step=djl} forces.
 */
final class DjlOpsStep implements TrainingStep {

    private final Engine engine = DjlRuntime.engine();
    private final VaeBlock block;
    private final ParameterStore parameterStore;
    private final ElboLoss loss;
    private final AdamStep adam;

    DjlOpsStep(NDManager manager, VaeBlock block, List<Pair<String, Parameter>> parameters, float learningRate) {
        this.block = block;
        this.parameterStore = new ParameterStore(manager, false);
        this.loss = new ElboLoss(block.config());
        this.adam = AdamStep.forParameters(manager, parameters, learningRate);
    }

    @Override
    public ModelConfig defaultConfig() {
        return block.config();
    }

    @Override
    public LossParts train(NDArray images, NDArray conditions, StepWeights weights) {
        NDList parts;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDList inputs = conditions == null ? new NDList(images) : new NDList(images, conditions);
            NDList predictions = block.forward(parameterStore, inputs, true);
            parts = loss.parts(images, predictions);
            collector.backward(ElboLoss.combine(parts, weights.reconstruction(), weights.kl(),
                    weights.hasCapacity() ? weights.capacity() * images.getShape().get(0) : -1));
        }
        adam.apply();
        return new LossParts(parts.get(0).getFloat(), parts.get(1).getFloat());
    }

    @Override
    public String describe() {
        return "DJL ops, " + adam.describe();
    }

    @Override
    public void close() {
        adam.close();
    }
}
