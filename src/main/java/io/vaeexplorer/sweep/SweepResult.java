package io.vaeexplorer.sweep;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What one finished run of a sweep achieved: a row of the results table.
 *
 * @param index 0-based position of the run in its plan
 * @param name the run's name in the plan
 * @param model the architecture and loss it was trained with
 * @param training the optimiser settings it was trained with
 * @param test -ELBO parts on the test set after the last epoch, nats per image (the true -ELBO whatever the
 *     objective, so ablations compare on one scale)
 * @param iwaeLogLikelihood the IWAE bound on log p(x) in nats per image (higher is better), NaN when not measured
 * @param iwaeSamples importance samples k of that bound (0 when not measured)
 * @param iwaeImages test images the bound was averaged over (0 when not measured)
 * @param trainSeconds time spent in optimiser steps, summed over epochs (without evaluation)
 * @param wallSeconds time from the run's start to the end of its evaluation
 * @param device the device it trained on, as a person reads it
 * @param checkpoint the final weights with their history, ready to load into the explorer or save
 * @param checkpointFile where the runner saved it, or null when it was not asked to save
 */
public record SweepResult(int index, String name, ModelConfig model, TrainingConfig training, LossParts test,
                          double iwaeLogLikelihood, int iwaeSamples, int iwaeImages, double trainSeconds,
                          double wallSeconds, String device, Checkpoint checkpoint, Path checkpointFile) {

    public SweepResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(checkpoint, "checkpoint");
        device = device == null ? "" : device;
    }

    public double testNegElbo() {
        return test.negElbo();
    }

    /** True when the IWAE bound was measured. */
    public boolean hasIwae() {
        return iwaeSamples > 0 && !Double.isNaN(iwaeLogLikelihood);
    }

    /** Epochs trained. */
    public int epochs() {
        return checkpoint.epochsDone();
    }
}
