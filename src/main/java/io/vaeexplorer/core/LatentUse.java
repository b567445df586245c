package io.vaeexplorer.core;

/**
 * How much of its latent space a model uses on held-out images: posterior collapse shows as KL near zero in a
 * dimension, few active units and little mutual information.
 *
 * @param klPerDim mean KL(q(z_i|x) || N(0, 1)) per dimension over the test images, in nats; they sum to the KL
 *     term
 * @param activeUnits dimensions whose posterior mean varies over the test images by more than 0.01 (Burda et al.)
 * @param mutualInformation an estimate of I(x; z) under q, in nats
 * @param knnAccuracy share of test images whose label the 5 nearest training codes name; NaN for unlabelled data
 */
public record LatentUse(double[] klPerDim, int activeUnits, double mutualInformation, double knnAccuracy) {

    public LatentUse {
        klPerDim = klPerDim.clone();
    }

    @Override
    public double[] klPerDim() {
        return klPerDim.clone();
    }
}
