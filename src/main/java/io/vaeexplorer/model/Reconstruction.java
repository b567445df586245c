package io.vaeexplorer.model;

/** The likelihood p(x|z) used for the reconstruction term. */
public enum Reconstruction {
    /** Bernoulli likelihood: binary cross-entropy summed over pixels, in nats. */
    BCE,
    /** Gaussian likelihood with unit variance up to a constant: half the squared error summed over pixels. */
    MSE
}
