package io.vaeexplorer.core;

/**
 * How well a model explains held-out images, measured the same way for every model so they can be compared.
 *
 * @param test -ELBO parts per test image, one z sample per image
 * @param iwaeLogLikelihood the importance-weighted lower bound on log p(x), nats per image
 * @param iwaeK samples per image in that bound
 * @param iwaeImages test images the bound was averaged over
 * @param seconds how long the measurement took
 * @param latentUse how much of the latent space the model uses, or null when it was not measured
 */
public record ModelScore(LossParts test, double iwaeLogLikelihood, int iwaeK, int iwaeImages, double seconds,
        LatentUse latentUse) {

    /** A score without the latent space's use. */
    public ModelScore(LossParts test, double iwaeLogLikelihood, int iwaeK, int iwaeImages, double seconds) {
        this(test, iwaeLogLikelihood, iwaeK, iwaeImages, seconds, null);
    }
}
