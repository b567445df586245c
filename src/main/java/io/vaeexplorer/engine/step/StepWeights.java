package io.vaeexplorer.engine.step;

import io.vaeexplorer.core.ModelConfig;

/**
 * The weights of one step's loss: reconstruction weight times the reconstruction term plus KL weight times the KL
 * term, or, for the capacity objective (capacity >= 0), KL weight times |KL - capacity|, the capacity in nats per
 * image.
 */
public record StepWeights(float reconstruction, float kl, float capacity) {

    /** No capacity: the plain weighted sum. */
    public static final float NO_CAPACITY = -1f;

    /** The constant weights of a model's objective and beta. */
    public static StepWeights of(ModelConfig config) {
        return new StepWeights(config.objective().reconstructionWeight(), config.objective().klWeight(config.beta()),
                NO_CAPACITY);
    }

    public boolean hasCapacity() {
        return capacity >= 0;
    }
}
