package io.vaeexplorer.ui.plane;

/**
 * What the latent plane's axes follow when the latent space has more than two dimensions: the codes' first two
 * principal components, or two of the latent dimensions themselves (0-based, different). A latent space of at
 * most two dimensions is its own plane and follows no choice.
 *
 * @param x the dimension along the plane's x axis, or -1 for the principal components
 * @param y the dimension along the plane's y axis, or -1 for the principal components
 */
public record LatentAxes(int x, int y) {

    /** The first two principal components of the codes (the default). */
    public static final LatentAxes PRINCIPAL_COMPONENTS = new LatentAxes(-1, -1);

    public LatentAxes {
        boolean principal = x == -1 && y == -1;
        if (!principal && (x < 0 || y < 0 || x == y)) {
            throw new IllegalArgumentException("the axes need two different latent dimensions (0 or more), got "
                    + x + " and " + y);
        }
    }

    /** Latent dimensions {@code x} and {@code y} along the plane's axes. */
    public static LatentAxes dimensions(int x, int y) {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("latent dimensions count from 0, got " + x + " and " + y);
        }
        return new LatentAxes(x, y);
    }

    public boolean principal() {
        return x < 0;
    }

    /** Whether a plane of codes of latent size {@code dim} can follow these axes as chosen. */
    public boolean fits(int dim) {
        return principal() || (dim > 2 && x < dim && y < dim);
    }
}
