package io.vaeexplorer.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link LatentModel} whose images spell out their codes, so a recipe's tiles can be read back: an image is
 * 2 rows of d pixels, row 0 the mean and row 1 the sigma. Decoding z gives z above a row of zeros; encoding an image
 * gives its row 0 as mu and its row 1 as sigma. Records every call, to check how recipes batch their work.
 */
final class CodeImageModel implements LatentModel {

    private final int latent;
    final List<String> calls = new ArrayList<>();

    CodeImageModel(int latent) {
        this.latent = latent;
    }

    /** The image that encodes to (mu, sigma). */
    static float[] imageOf(float[] mu, float[] sigma) {
        float[] image = new float[2 * mu.length];
        System.arraycopy(mu, 0, image, 0, mu.length);
        System.arraycopy(sigma, 0, image, mu.length, sigma.length);
        return image;
    }

    /** Row 0 of image {@code i} of a grid: the code it was decoded from. */
    static float[] codeOf(ImageGrid grid, int i) {
        return Arrays.copyOf(grid.image(i), grid.cols());
    }

    @Override
    public int latent() {
        return latent;
    }

    @Override
    public int rows() {
        return 2;
    }

    @Override
    public int cols() {
        return latent;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public float[] decode(float[] z, int count) {
        calls.add("decode " + count);
        if (z.length != count * latent) {
            throw new IllegalArgumentException("expected " + count + " x " + latent + " latent values, got " + z.length);
        }
        float[] images = new float[count * 2 * latent];
        for (int i = 0; i < count; i++) {
            System.arraycopy(z, i * latent, images, i * 2 * latent, latent);
        }
        return images;
    }

    @Override
    public float[][] encode(float[] images, int count) {
        calls.add("encode " + count);
        if (images.length != count * 2 * latent) {
            throw new IllegalArgumentException("expected " + count + " images of " + 2 * latent + " pixels, got "
                    + images.length + " values");
        }
        float[] mu = new float[count * latent];
        float[] sigma = new float[count * latent];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images, i * 2 * latent, mu, i * latent, latent);
            System.arraycopy(images, i * 2 * latent + latent, sigma, i * latent, latent);
        }
        return new float[][] {mu, sigma};
    }
}
