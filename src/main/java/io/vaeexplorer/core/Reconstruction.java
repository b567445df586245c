package io.vaeexplorer.core;

/** The likelihood p(x|z) used for the reconstruction term. */
public enum Reconstruction {
    /** Bernoulli likelihood: binary cross-entropy summed over pixels, in nats. */
    BCE,
    /** Gaussian likelihood up to a constant: squared error of the sigmoid output summed over pixels (mse_loss, sum). */
    MSE
}
