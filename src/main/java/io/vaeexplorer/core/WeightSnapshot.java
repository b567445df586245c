package io.vaeexplorer.core;

import java.util.List;
import java.util.Objects;

/**
 * An immutable copy of a model's weights, safe to hand to other threads: the trainer publishes one every few
 * steps and inference code rebuilds a private network from it. {@code version} grows with every publication.
 */
public record WeightSnapshot(ModelConfig config, long version, long step, List<NamedWeight> weights) {

    public WeightSnapshot {
        Objects.requireNonNull(config, "config");
        weights = List.copyOf(weights);
    }

    /** The weight of the given name, or an exception naming what is there. */
    public NamedWeight weight(String name) {
        for (NamedWeight w : weights) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no weight named " + name + " in snapshot (has " + weights + ")");
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (NamedWeight w : weights) {
            n += w.values().length;
        }
        return n;
    }
}
