package io.vaeexplorer.core;

/**
 * What one finished epoch achieved: the history a checkpoint keeps and the loss chart shows.
 *
 * @param epoch 1-based epoch number
 * @param step optimiser steps taken so far
 * @param train mean loss parts over the epoch's training batches (nats per image)
 * @param test loss parts on the test set after the epoch (nats per image)
 * @param seconds wall time of the epoch's training (without evaluation)
 * @param samplesPerSecond training images per second in this epoch
 */
public record EpochRecord(int epoch, long step, LossParts train, LossParts test, double seconds,
                          double samplesPerSecond) {
}
