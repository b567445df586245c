package io.vaeexplorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        load(snapshot, block, null);
    }

    /**
     * As {@link #load(WeightSnapshot, VaeBlock)}, through one direct buffer per parameter kept in
     * {@code buffers} between calls. DJL copies a Java array into a fresh direct buffer that only the garbage
     * collector frees; a model that takes new weights every second then holds megabytes of such buffers between
     * collections, and resident memory wanders by hundreds of megabytes. The buffers must stay with the block
     * (DJL may keep the array's storage in them).
     *
     * @param buffers the block's own buffers by parameter name, filled on first use; null for one-off copies
     */
    public static void load(WeightSnapshot snapshot, VaeBlock block, Map<String, ByteBuffer> buffers) {
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            NamedWeight weight = snapshot.weight(entry.getKey());
            if (!java.util.Arrays.equals(weight.shape(), array.getShape().getShape())) {
                throw new IllegalArgumentException("weight " + entry.getKey() + " has shape "
                        + java.util.Arrays.toString(weight.shape()) + " but the model needs " + array.getShape());
            }
            if (buffers == null) {
                array.set(weight.values());
                continue;
            }
            float[] values = weight.values();
            array.set(buffers.compute(entry.getKey(),
                    (name, kept) -> NativeArrays.fill(kept, values, 0, values.length)));
        }
    }
}
