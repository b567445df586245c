package io.vaeexplorer.explore;

import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;

/**
 * A {@link LatentModel} holding the weights of one snapshot, as an inference thread keeps it: it says which weights
 * it holds and takes newer ones of the same architecture in place. The window's view-models compute through this
 * interface, so a test can hand them a model of a few lines of plain Java instead of a native network.
 */
public interface SnapshotModel extends LatentModel, AutoCloseable {

    /** The weights this model computes with. */
    WeightSnapshot snapshot();

    /** Loads newer weights of the same architecture in place. */
    void update(WeightSnapshot newer);

    /** The architecture and loss of the weights held. */
    default ModelConfig config() {
        return snapshot().config();
    }

    @Override
    default int channels() {
        return config().channels();
    }

    /** Decodes one latent vector to one image. */
    default float[] decode(float[] z) {
        return decode(z, 1);
    }

    /**
     * Encodes images given as 8-bit levels (0-255, each image channel-major), as the data sets hold them.
     *
     * @return {mu, sigma}, each row-major ({@code count x d})
     */
    default float[][] encodeGrey(byte[] grey, int count) {
        float[] images = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            images[i] = (grey[i] & 0xff) / 255f;
        }
        return encode(images, count);
    }

    /** {@link #encodeGrey(byte[], int)}, each image told its class (a conditional model; a plain one ignores them). */
    default float[][] encodeGrey(byte[] grey, int[] classes, int count) {
        float[] images = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            images[i] = (grey[i] & 0xff) / 255f;
        }
        return encode(images, classes, count);
    }

    @Override
    void close();
}
