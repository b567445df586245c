package io.vaeexplorer.cli;

import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.TrainingConfig;
import picocli.CommandLine.Option;

/** Optimisation options shared by {@code train} and {@code sweep} (in a sweep they apply to every run). */
final class TrainingOptions {

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "epochs to train (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--beta-schedule", paramLabel = "SCHEDULE", defaultValue = "constant", description = "how the KL "
            + "weight moves: constant, warmup:E (0 to beta over E epochs), cyclic:C (C cycles of rising beta), "
            + "capacity:CMAX:E (beta |KL - C|, C rising to CMAX nats over E epochs) (default: ${DEFAULT-VALUE})")
    String klSchedule;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "train on the first N training images only (0 = all)")
    int limit;

    TrainingConfig toConfig() {
        try {
            return new TrainingConfig(epochs, batch, learningRate, seed, limit, KlSchedule.parse(klSchedule));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
