package io.vaeexplorer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * A private copy of a network built from a {@link WeightSnapshot}, for encoding and decoding while (or after)
 * another thread trains. Not thread-safe: one thread owns an instance. {@link #update} swaps in newer weights
 * without rebuilding the network when the architecture is the same.
 */
public final class InferenceModel implements AutoCloseable {

    private final NDManager manager;
    private final VaeBlock block;
    private final ParameterStore parameterStore;
    private WeightSnapshot snapshot;

    public InferenceModel(WeightSnapshot snapshot, Device device) {
        DjlRuntime.disableGradientsOnThisThread();
        this.manager = NDManager.newBaseManager(device);
        try {
            this.block = new VaeBlock(snapshot.config());
            block.initializeFor(manager);
            WeightCopier.load(snapshot, block);
            this.parameterStore = new ParameterStore(manager, false);
            this.snapshot = snapshot;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A copy on the CPU: interactive decodes of one or a few images are fastest there even when training uses a
     * GPU (no transfer per call), and the explorer's views need no DJL type to ask for one.
     */
    public static InferenceModel onCpu(WeightSnapshot snapshot) {
        return new InferenceModel(snapshot, Device.cpu());
    }

    public WeightSnapshot snapshot() {
        return snapshot;
    }

    public ModelConfig config() {
        return snapshot.config();
    }

    /** The block, for evaluation on the owning thread. */
    public VaeBlock block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    /** Loads newer weights of the same architecture; a snapshot of another architecture is refused. */
    public void update(WeightSnapshot newer) {
        if (!ArchitectureCheck.sameArchitecture(newer.config(), snapshot.config())) {
            throw new IllegalArgumentException("snapshot is " + newer.config().describe() + " but this model is "
                    + snapshot.config().describe());
        }
        WeightCopier.load(newer, block);
        snapshot = newer;
    }

    /**
     * Decodes latent vectors to images in [0, 1].
     *
     * @param z row-major (count x latent)
     * @return row-major (count x pixels)
     */
    public float[] decode(float[] z, int count) {
        int latent = config().latent();
        if (z.length != count * latent) {
            throw new IllegalArgumentException("expected " + count + " x " + latent + " latent values, got " + z.length);
        }
        try (NDManager sub = manager.newSubManager()) {
            NDArray zs = sub.create(z, new Shape(count, latent));
            NDArray logits = block.decodeLogits(parameterStore, zs);
            return logits.getNDArrayInternal().sigmoid().toFloatArray();
        }
    }

    /** Decodes one latent vector to one image. */
    public float[] decode(float[] z) {
        return decode(z, 1);
    }

    /**
     * Encodes images to their posterior parameters.
     *
     * @param images row-major (count x pixels) in [0, 1]
     * @return {mu, sigma}, each row-major (count x latent)
     */
    public float[][] encode(float[] images, int count) {
        int pixels = config().imageSize();
        if (images.length != count * pixels) {
            throw new IllegalArgumentException("expected " + count + " x " + pixels + " pixels, got " + images.length);
        }
        try (NDManager sub = manager.newSubManager()) {
            NDList stats = block.encode(parameterStore, sub.create(images, new Shape(count, pixels)));
            return new float[][] {stats.get(0).toFloatArray(), stats.get(1).mul(0.5f).exp().toFloatArray()};
        }
    }

    /** Reconstructs images through z = mu (the posterior mean), as the tutorials' reconstruction figures do. */
    public float[] reconstruct(float[] images, int count) {
        float[] mu = encode(images, count)[0];
        return decode(mu, count);
    }

    @Override
    public void close() {
        manager.close();
    }
}
