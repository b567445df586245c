package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;

/**
 * The VAE loss: reconstruction + beta * KL(q(z|x) || N(0, I)), summed over the batch, in nats.
 *
 * <p>Predictions are (logits, mu, logvar) as returned by {@link VaeBlock}; labels are the input images.
 * Bernoulli reconstruction is computed from logits as softplus(l) - x * l, which equals binary cross-entropy of
 * sigmoid(l) but never takes the log of 0 and needs fewer passes (DJL's own SigmoidBinaryCrossEntropyLoss
 * averages over pixels, which is not the per-image sum the ELBO needs). MSE reconstruction is the squared
 * error of sigmoid(l), summed over pixels (PyTorch's mse_loss with reduction="sum").
 */
public final class ElboLoss extends Loss {

    private final Likelihood reconstruction;
    private final float reconstructionWeight;
    private final float klWeight;

    public ElboLoss(ModelConfig config) {
        super("elbo");
        this.reconstruction = config.reconstruction();
        this.reconstructionWeight = config.objective().reconstructionWeight();
        this.klWeight = config.objective().klWeight(config.beta());
    }

    /** The optimised loss of a batch, a scalar: the weighted sum of {@link #parts}. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDList parts = parts(labels.singletonOrThrow(), predictions);
        return combine(parts);
    }

    /** Weighted sum of (reconstruction, KL) as the optimiser sees it. */
    public NDArray combine(NDList parts) {
        return combine(parts, reconstructionWeight, klWeight, -1);
    }

    /**
     * The optimised loss of (reconstruction, KL) batch sums with these weights: the weighted sum, or, with a
     * capacity (the batch's, in nats; negative for none), reconstruction + klWeight |KL - capacity| (Burgess et al.).
     */
    public static NDArray combine(NDList parts, float reconstructionWeight, float klWeight, double capacity) {
        NDArray recon = parts.get(0);
        NDArray kl = parts.get(1);
        if (capacity >= 0 && klWeight != 0f) {
            kl = kl.sub(GraphScalar.of(kl, (float) capacity)).abs();
        }
        if (klWeight == 0f) {
            return GraphScalar.times(recon, reconstructionWeight);
        }
        if (reconstructionWeight == 0f) {
            return GraphScalar.times(kl, klWeight);
        }
        return klWeight == 1f ? recon.add(kl) : recon.add(GraphScalar.times(kl, klWeight));
    }

    /** (reconstruction, KL) of a batch, each a scalar summed over the batch. */
    public NDList parts(NDArray images, NDList predictions) {
        NDArray logits = predictions.get(0);
        NDArray mu = predictions.get(1);
        NDArray logvar = predictions.get(2);
        return new NDList(reconstructionSum(reconstruction, logits, images), klSum(mu, logvar));
    }

    /** Reconstruction term summed over pixels and batch. Results live on the logits' manager. */
    public static NDArray reconstructionSum(Likelihood kind, NDArray logits, NDArray images) {
        return switch (kind) {
            case BCE -> logits.getNDArrayInternal().softPlus().sub(logits.mul(images)).sum();
            case MSE -> logits.getNDArrayInternal().sigmoid().sub(images).square().sum();
        };
    }

    /** Per-image reconstruction term (B,) for importance weighting. */
    public static NDArray reconstructionPerImage(Likelihood kind, NDArray logits, NDArray images) {
        return switch (kind) {
            case BCE -> logits.getNDArrayInternal().softPlus().sub(logits.mul(images)).sum(new int[] {-1});
            case MSE -> logits.getNDArrayInternal().sigmoid().sub(images).square().sum(new int[] {-1});
        };
    }

    /** KL(N(mu, sigma^2) || N(0, 1)) = -1/2 sum(1 + logvar - mu^2 - exp(logvar)), summed over batch. */
    public static NDArray klSum(NDArray mu, NDArray logvar) {
        return GraphScalar.times(mu.square().add(logvar.exp()).sub(logvar).sub(GraphScalar.of(mu, 1f)).sum(), 0.5f);
    }
}
