package io.vaeexplorer.core;

/**
 * A loss split into its two parts, each in nats per image. {@link #negElbo()} is the true -ELBO
 * (reconstruction + KL) whatever beta or ablation the model was trained with.
 */
public record LossParts(double reconstruction, double kl) {

    public double negElbo() {
        return reconstruction + kl;
    }

    public boolean isFinite() {
        return Double.isFinite(reconstruction) && Double.isFinite(kl);
    }
}
