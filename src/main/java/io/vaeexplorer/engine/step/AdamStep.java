package io.vaeexplorer.engine.step;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Adam step over a block's parameters from the gradients the last backward pass accumulated, which it leaves
 * zeroed for the next. Owned by the training thread.
 */
interface AdamStep extends AutoCloseable {

    Logger LOG = LoggerFactory.getLogger(AdamStep.class);

    /** {@code -Dvae.adam=djl} forces DJL's own Adam (for comparisons); the default is PyTorch's fused kernel. */
    String CHOICE_PROPERTY = "vae.adam";

    void apply();

    /** Which implementation runs, as a person reads it. */
    String describe();

    @Override
    void close();

    /**
     * PyTorch's fused Adam when the engine can run it, otherwise DJL's.
     *
     * @param manager the long-lived manager the optimiser state lives on (the parameters' own)
     */
    static AdamStep forParameters(NDManager manager, List<Pair<String, Parameter>> parameters, float learningRate) {
        if (!"djl".equalsIgnoreCase(System.getProperty(CHOICE_PROPERTY, ""))) {
            try {
                return FusedAdam.create(manager, parameters, learningRate);
            } catch (RuntimeException | IOException e) {
                LOG.warn("PyTorch's fused Adam is not available ({}); using DJL's Adam", e.toString());
            }
        }
        return new DjlAdam(parameters, learningRate);
    }
}
