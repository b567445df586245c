package io.vaeexplorer.core;

/**
 * A Gaussian posterior q(z|x) = N(mu, diag sigma^2), e.g. of the drawing on the sketch pad.
 *
 * @param mu the mean, one value per latent dimension
 * @param sigma the standard deviations, one per latent dimension
 */
public record Posterior(float[] mu, float[] sigma) {
}
