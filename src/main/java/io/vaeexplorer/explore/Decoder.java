package io.vaeexplorer.explore;

/**
 * Turns latent vectors into images. The real implementation wraps the trained DJL decoder elsewhere;
 * the explorer code only needs this contract, so it stays testable with plain lambdas.
 */
@FunctionalInterface
public interface Decoder {

    /**
     * @param z     {@code count} latent vectors, row-major ({@code count x d})
     * @param count how many vectors {@code z} holds
     * @return {@code count} images, row-major ({@code count x pixels}), values in [0, 1]
     */
    float[] decode(float[] z, int count);
}
