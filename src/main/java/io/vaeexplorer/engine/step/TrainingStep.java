package io.vaeexplorer.engine.step;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.engine.VaeBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One optimisation step of a VAE on one batch: forward pass, loss, gradients and the Adam update. Owned by the
 * training thread.
 */
public interface TrainingStep extends AutoCloseable {

    Logger LOG = LoggerFactory.getLogger(TrainingStep.class);

    /** {@code -Dvae.step=djl} forces the step through DJL's ops (for comparisons); the default scripts the step. */
    String CHOICE_PROPERTY = "vae.step";

    /**
     * Trains on the batch with the KL weight of the model's objective and beta.
     *
     * @param images (B, pixels) in [0, 1]; temporaries live on its manager
     * @return the batch's reconstruction and KL, each summed over the batch (not per image)
     */
    default LossParts train(NDArray images) {
        return train(images, StepWeights.of(defaultConfig()));
    }

    /** Trains a plain model on the batch with the given weights of the loss's terms. */
    default LossParts train(NDArray images, StepWeights weights) {
        return train(images, null, weights);
    }

    /**
     * Trains on the batch with the given weights of the loss's terms (a KL schedule moves them from step to step).
     *
     * @param conditions the images' classes one-hot (B, classes) for a conditional model; null for a plain one
     * @return the batch's reconstruction and KL, each summed over the batch (not per image)
     */
    LossParts train(NDArray images, NDArray conditions, StepWeights weights);

    /** The model this step trains: its objective and beta give the weights of {@link #train(NDArray)}. */
    ModelConfig defaultConfig();

    /** What runs the step, as a person reads it. */
    String describe();

    @Override
    void close();

    /**
     * The whole step as one TorchScript call (the MLP's or the conv model's) when the engine can run it, otherwise
     * DJL's ops for the MLP; a conv model whose scripted step cannot load is refused rather than trained on
     * gradients that may be wrong.
     *
     * @param manager the long-lived manager the optimiser state lives on (the parameters' own)
     */
    static TrainingStep forModel(NDManager manager, VaeBlock block, float learningRate) {
        ModelConfig config = block.config();
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.add(p); // in the block's own order, which the scripted step relies on
        }
        if (!"djl".equalsIgnoreCase(System.getProperty(CHOICE_PROPERTY, ""))) {
            try {
                return switch (config.kind()) {
                    case MLP -> ScriptedMlpStep.create(manager, config, parameters, learningRate);
                    case CONV -> ScriptedConvStep.create(manager, config, parameters, learningRate);
                };
            } catch (RuntimeException | IOException e) {
                if (config.kind() == ModelKind.CONV) {
                    // DJL's ops differentiate through libtorch's convolution backward-data, which on some CPUs
                    // returns wrong or NaN gradients for the decoder's one-channel last layer
                    throw new IllegalStateException("the conv model's TorchScript step could not be loaded ("
                            + e.getMessage() + "), and DJL's ops are no safe substitute for it", e);
                }
                LOG.warn("the scripted training step is not available ({}); using DJL's ops", e.toString());
            }
        } else if (config.kind() == ModelKind.CONV) {
            LOG.warn("conv model through DJL's ops: on CPUs where libtorch's oneDNN convolution backward-data is"
                    + " wrong for layers with few output channels, its gradients are wrong");
        }
        return new DjlOpsStep(manager, block, parameters, learningRate);
    }
}
