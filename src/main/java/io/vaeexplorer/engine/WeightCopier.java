package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.WeightSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
        load(snapshot, block, null);
    }

    /**
     * As {@link #load(WeightSnapshot, VaeBlock)}, through one direct buffer that the caller keeps between calls.
     * DJL would copy each Java array into a fresh direct buffer that only the garbage collector frees; a model that
     * takes new weights every few seconds then holds megabytes of such buffers between collections. The values
     * are copied into the block's own arrays ({@link NativeArrays#copyInto}), so the buffer may be reused at once.
     *
     * @param transfer the buffer of the last call, or null
     * @return the buffer to pass next time
     */
    public static ByteBuffer load(WeightSnapshot snapshot, VaeBlock block, ByteBuffer transfer) {
        ByteBuffer buffer = transfer;
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            NamedWeight weight = snapshot.weight(entry.getKey());
            if (!Arrays.equals(weight.shape(), array.getShape().getShape())) {
                throw new IllegalArgumentException("weight " + entry.getKey() + " has shape "
                        + Arrays.toString(weight.shape()) + " but the model needs " + array.getShape());
            }
            buffer = NativeArrays.copyInto(array, weight.values(), buffer);
        }
        return buffer;
    }
}
