package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.vaeexplorer.core.ArchitectureCheck;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.explore.SnapshotModel;
import java.nio.ByteBuffer;

/**
 * A private copy of a network built from a {@link WeightSnapshot}, for encoding and decoding while (or after)
 * another thread trains. Not thread-safe: one thread owns an instance. {@link #update} swaps in newer weights
 * without rebuilding the network when the architecture is the same. As a {@link LatentModel} it serves the picture
 * recipes of the explore package.
 */
public final class InferenceModel implements SnapshotModel {

    private final NDManager manager;
    private final VaeBlock block;
    private final ParameterStore parameterStore;
    private WeightSnapshot snapshot;
    /** Images per encode chunk: 4 MB of pixels (1,275 MNIST images), big enough for efficient GEMMs. */
    private static final int ENCODE_CHUNK_BYTES = 4 << 20;
    private ByteBuffer inputBuffer;
    private ByteBuffer greyBuffer;
    private ByteBuffer weightTransfer;

    public InferenceModel(WeightSnapshot snapshot, ComputeDevice device) {
        DjlRuntime.disableGradientsOnThisThread();
        this.manager = NDManager.newBaseManager(device.djl());
        try {
            this.block = new VaeBlock(snapshot.config());
            block.allocateFor(manager); // drawing nothing: a run may be training beside this copy
            weightTransfer = WeightCopier.load(snapshot, block, weightTransfer);
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
        return new InferenceModel(snapshot, ComputeDevice.cpu());
    }

    @Override
    public WeightSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public ModelConfig config() {
        return snapshot.config();
    }

    @Override
    public int latent() {
        return config().latent();
    }

    @Override
    public int rows() {
        return config().imageRows();
    }

    @Override
    public int cols() {
        return config().imageCols();
    }

    /** The block, for evaluation on the owning thread. */
    public VaeBlock block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    /** Loads newer weights of the same architecture; a snapshot of another architecture is refused. */
    @Override
    public void update(WeightSnapshot newer) {
        if (!ArchitectureCheck.sameArchitecture(newer.config(), snapshot.config())) {
            throw new IllegalArgumentException("snapshot is " + newer.config().describe() + " but this model is "
                    + snapshot.config().describe());
        }
        weightTransfer = WeightCopier.load(newer, block, weightTransfer);
        snapshot = newer;
    }

    /**
     * Decodes latent vectors to images in [0, 1].
     *
     * @param z row-major (count x latent)
     * @return row-major (count x pixels)
     */
    @Override
    public float[] decode(float[] z, int count) {
        return decode(z, config().conditional() ? new int[count] : null, count);
    }

    @Override
    public int conditionClasses() {
        return config().conditionClasses();
    }

    /**
     * Decodes latent vectors, each at its class for a conditional model.
     *
     * @param classes one class per vector; ignored (and may be null) for a plain model
     */
    @Override
    public float[] decode(float[] z, int[] classes, int count) {
        int latent = config().latent();
        if (z.length != count * latent) {
            throw new IllegalArgumentException("expected " + count + " x " + latent + " latent values, got " + z.length);
        }
        try (NDManager sub = manager.newSubManager()) {
            NDArray zs = sub.create(z, new Shape(count, latent));
            NDArray logits = block.decodeLogits(parameterStore, zs, conditions(sub, classes, 0, count));
            return logits.getNDArrayInternal().sigmoid().toFloatArray();
        }
    }

    /** Classes {@code first .. first + count - 1} one-hot for a conditional model, else null. */
    private NDArray conditions(NDManager sub, int[] classes, int first, int count) {
        if (!config().conditional()) {
            return null;
        }
        if (classes == null || classes.length < first + count) {
            throw new IllegalArgumentException("a conditional model needs a class for every input");
        }
        return NativeArrays.oneHot(sub, classes, first, count, config().conditionClasses());
    }

    /** Decodes one latent vector to one image. */
    @Override
    public float[] decode(float[] z) {
        return decode(z, 1);
    }

    /**
     * Encodes images to their posterior parameters.
     *
     * @param images row-major (count x pixels) in [0, 1]
     * @return {mu, sigma}, each row-major (count x latent)
     */
    @Override
    public float[][] encode(float[] images, int count) {
        return encode(images, config().conditional() ? new int[count] : null, count);
    }

    /**
     * Encodes images, each told its class for a conditional model.
     *
     * @param classes one class per image; ignored (and may be null) for a plain model
     */
    @Override
    public float[][] encode(float[] images, int[] classes, int count) {
        int pixels = config().imageSize();
        if (images.length != count * pixels) {
            throw new IllegalArgumentException("expected " + count + " x " + pixels + " pixels, got " + images.length);
        }
        return encodeInChunks(count, classes, (sub, first, n) -> sub.create(
                input(images, first * pixels, n * pixels), new Shape(n, pixels), DataType.FLOAT32));
    }

    /**
     * Encodes images given as 8-bit grey levels (level / 255 is the pixel value), converting them natively chunk by
     * chunk: a whole test set never becomes a Java float array.
     *
     * @param grey row-major (count x pixels) unsigned grey levels
     * @return {mu, sigma}, each row-major (count x latent)
     */
    @Override
    public float[][] encodeGrey(byte[] grey, int count) {
        return encodeGrey(grey, config().conditional() ? new int[count] : null, count);
    }

    /** {@link #encodeGrey(byte[], int)}, each image told its class for a conditional model. */
    @Override
    public float[][] encodeGrey(byte[] grey, int[] classes, int count) {
        int pixels = config().imageSize();
        if (grey.length != count * pixels) {
            throw new IllegalArgumentException("expected " + count + " x " + pixels + " pixels, got " + grey.length);
        }
        return encodeInChunks(count, classes, (sub, first, n) -> {
            greyBuffer = NativeArrays.fillGrey(greyBuffer, grey, first * pixels, n * pixels);
            return NativeArrays.unitFloats(sub.create(greyBuffer, new Shape(n, pixels), DataType.UINT8));
        });
    }

    private interface ChunkInput {
        NDArray images(NDManager sub, int first, int n);
    }

    private float[][] encodeInChunks(int count, int[] classes, ChunkInput input) {
        int pixels = config().imageSize();
        int latent = config().latent();
        float[] mu = new float[count * latent];
        float[] sigma = new float[count * latent];
        int chunk = Math.max(1, ENCODE_CHUNK_BYTES / (pixels * Float.BYTES));
        for (int first = 0; first < count; first += chunk) {
            int n = Math.min(chunk, count - first);
            try (NDManager sub = manager.newSubManager()) {
                NDList stats = block.encode(parameterStore, input.images(sub, first, n),
                        conditions(sub, classes, first, n));
                System.arraycopy(stats.get(0).toFloatArray(), 0, mu, first * latent, n * latent);
                System.arraycopy(stats.get(1).mul(0.5f).exp().toFloatArray(), 0, sigma, first * latent, n * latent);
            }
        }
        return new float[][] {mu, sigma};
    }

    /**
     * The given floats in this model's reused direct buffer. DJL copies a Java array into a fresh direct buffer
     * that only the garbage collector frees: re-encoding the test set every few seconds leaves large buffers
     * waiting for a GC, and resident memory climbs and falls by hundreds of megabytes. Encoding in
     * chunks through one buffer keeps native memory flat; the arrays DJL makes from it are closed with the
     * chunk's manager before the buffer is refilled.
     */
    private ByteBuffer input(float[] values, int offset, int length) {
        inputBuffer = NativeArrays.fill(inputBuffer, values, offset, length);
        return inputBuffer;
    }

    @Override
    public void close() {
        manager.close();
    }
}
