package io.vaeexplorer.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A conditional model whose images say what it was told: decoding z at class c gives the image of its d values
 * followed by c; encoding an image told class c gives its first d values as mu and c + 1 as every sigma. Plain decode
 * and encode use class 0. Records the classes of every call.
 */
final class ClassTellingModel implements LatentModel {

    private final int latent;
    private final int classes;
    final List<String> calls = new ArrayList<>();

    ClassTellingModel(int latent, int classes) {
        this.latent = latent;
        this.classes = classes;
    }

    @Override
    public int latent() {
        return latent;
    }

    @Override
    public int rows() {
        return 1;
    }

    @Override
    public int cols() {
        return latent + 1;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int conditionClasses() {
        return classes;
    }

    @Override
    public float[] decode(float[] z, int count) {
        return decode(z, new int[count], count);
    }

    @Override
    public float[][] encode(float[] images, int count) {
        return encode(images, new int[count], count);
    }

    @Override
    public float[] decode(float[] z, int[] labels, int count) {
        calls.add("decode " + Arrays.toString(labels));
        float[] images = new float[count * (latent + 1)];
        for (int i = 0; i < count; i++) {
            System.arraycopy(z, i * latent, images, i * (latent + 1), latent);
            images[i * (latent + 1) + latent] = labels[i];
        }
        return images;
    }

    @Override
    public float[][] encode(float[] images, int[] labels, int count) {
        calls.add("encode " + Arrays.toString(labels));
        float[] mu = new float[count * latent];
        float[] sigma = new float[count * latent];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images, i * (latent + 1), mu, i * latent, latent);
            Arrays.fill(sigma, i * latent, (i + 1) * latent, labels[i] + 1);
        }
        return new float[][] {mu, sigma};
    }
}
