package io.vaeexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/** Copies weights between a live block and an immutable {@link WeightSnapshot}, in both directions. */
public final class WeightCopier {

    private WeightCopier() {
    }

    /** Copies every parameter of the block into Java arrays. Must run on the thread that owns the block. */
    public static WeightSnapshot snapshot(VaeBlock block, long version, long step) {
        List<NamedWeight> weights = new ArrayList<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            weights.add(new NamedWeight(entry.getKey(), array.getShape().getShape(), array.toFloatArray()));
        }
        return new WeightSnapshot(block.config(), version, step, weights);
    }

    /**
     * Writes a snapshot's values into an initialised block of the same architecture.
     *
     * @throws IllegalArgumentException naming the first parameter that is missing or has another shape
     */
    public static void load(WeightSnapshot snapshot, VaeBlock block) {
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            NamedWeight weight = snapshot.weight(entry.getKey());
            if (!java.util.Arrays.equals(weight.shape(), array.getShape().getShape())) {
                throw new IllegalArgumentException("weight " + entry.getKey() + " has shape "
                        + java.util.Arrays.toString(weight.shape()) + " but the model needs " + array.getShape());
            }
            array.set(weight.values());
        }
    }
}
