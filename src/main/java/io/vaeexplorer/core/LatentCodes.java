package io.vaeexplorer.core;

/**
 * The posterior q(z|x) = N(mu, sigma^2) of every image of a set, with its labels: what the latent plane plots.
 *
 * @param count number of images
 * @param dim latent size
 * @param mu row-major (count x dim)
 * @param sigma row-major (count x dim), the posterior standard deviations
 * @param labels class of each image
 */
public record LatentCodes(int count, int dim, float[] mu, float[] sigma, byte[] labels) {

    public LatentCodes {
        if (mu.length != (long) count * dim || sigma.length != mu.length || labels.length != count) {
            throw new IllegalArgumentException("latent codes of " + count + " x " + dim + " do not match array sizes");
        }
    }

    /** Mean of image i (a copy). */
    public float[] mu(int i) {
        float[] out = new float[dim];
        System.arraycopy(mu, i * dim, out, 0, dim);
        return out;
    }

    /** Standard deviations of image i (a copy). */
    public float[] sigma(int i) {
        float[] out = new float[dim];
        System.arraycopy(sigma, i * dim, out, 0, dim);
        return out;
    }
}
