package io.vaeexplorer.explore;

/**
 * The k-sigma ellipse of a diagonal Gaussian posterior q(z|x) = N(mu, diag sigma^2) as seen on the 2-D latent
 * plane: the set of plane points p with (p - centre)^T S^-1 (p - centre) = k^2, where S is the posterior's
 * covariance on the plane. For latent size 2 the plane is the latent space and S = diag(sigma^2) (an
 * axis-aligned ellipse); for latent size 1 the plane shows z as (z, 0), so the ellipse is a segment; above 2
 * the plane is a {@link Pca}, p = C (z - mean) with C its 2 x d components, and S = C diag(sigma^2) C^T.
 * Coordinates are plane coordinates (y up), as in {@link LatentGrid} and the plane's points.
 *
 * @param centreX   plane x of the posterior mean
 * @param centreY   plane y of the posterior mean
 * @param semiMajor half the longest diameter, >= semiMinor
 * @param semiMinor half the shortest diameter, >= 0 (0 for a latent size of 1)
 * @param angle     direction of the major axis in radians, counter-clockwise from +x, in (-pi/2, pi/2]
 */
public record PosteriorEllipse(double centreX, double centreY, double semiMajor, double semiMinor, double angle) {

    public PosteriorEllipse {
        Checks.finite("centreX", centreX);
        Checks.finite("centreY", centreY);
        Checks.finite("angle", angle);
        if (!(semiMinor >= 0 && semiMajor >= semiMinor && Double.isFinite(semiMajor))) {
            throw new IllegalArgumentException("semi-axes must satisfy 0 <= semiMinor <= semiMajor < infinity, got "
                    + semiMajor + " and " + semiMinor);
        }
    }

    /**
     * The k-sigma ellipse of N(mu, diag sigma^2) on the plane.
     *
     * @param mu    posterior mean, length d
     * @param sigma posterior standard deviations, length d, >= 0
     * @param pca   the plane's projection for d > 2; null when the plane is the latent space itself (d <= 2),
     *              which is what {@code LatentPoints.pca()} holds
     * @param k     how many standard deviations, > 0 (1 and 2 for the usual pair)
     */
    public static PosteriorEllipse of(float[] mu, float[] sigma, Pca pca, double k) {
        Checks.sameLength("mu", mu, "sigma", sigma);
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("k must be positive and finite, got " + k);
        }
        double[][] c = projection(mu.length, pca);
        double[] centre = project(c, mu, 0, origin(mu.length, pca));
        for (int j = 0; j < mu.length; j++) {
            Checks.finite("mu[" + j + "]", mu[j]);
            if (!(sigma[j] >= 0) || !Float.isFinite(sigma[j])) {
                throw new IllegalArgumentException("sigma[" + j + "] must be finite and >= 0, got " + sigma[j]);
            }
        }
        return fromCovariance(centre[0], centre[1], covariance(c, sigma, 0), k);
    }

    /** The 1-sigma and 2-sigma ellipses, in that order. */
    public static PosteriorEllipse[] oneAndTwoSigma(float[] mu, float[] sigma, Pca pca) {
        PosteriorEllipse one = of(mu, sigma, pca, 1);
        return new PosteriorEllipse[] {one, one.scaled(2)};
    }

    /**
     * The k-sigma ellipse of N(centre, S) for the symmetric 2 x 2 covariance S = [[sxx, sxy], [sxy, syy]]: the
     * semi-axes are k times the square roots of S's eigenvalues, the major axis along the larger one's vector.
     */
    public static PosteriorEllipse fromCovariance(double centreX, double centreY, double[] s, double k) {
        if (s.length != 3 || !(s[0] >= 0) || !(s[2] >= 0) || !Double.isFinite(s[0] + s[1] + s[2])) {
            throw new IllegalArgumentException("covariance must be {sxx, sxy, syy} with finite sxx, syy >= 0");
        }
        double sxx = s[0];
        double sxy = s[1];
        double syy = s[2];
        double mean = (sxx + syy) / 2;
        double half = Math.hypot((sxx - syy) / 2, sxy); // closed form for 2 x 2, no iteration
        double large = mean + half;
        double small = Math.max(0, mean - half); // rounding can leave a tiny negative for a flat S
        double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        if (angle <= -Math.PI / 2) {
            angle += Math.PI; // atan2's -pi gives the same axis as +pi/2; keep one representative
        }
        return new PosteriorEllipse(centreX, centreY, k * Math.sqrt(large), k * Math.sqrt(small), angle);
    }

    /** The same ellipse with both semi-axes multiplied by {@code factor} (> 0), e.g. 2 for the 2-sigma one. */
    public PosteriorEllipse scaled(double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("factor must be positive and finite, got " + factor);
        }
        return new PosteriorEllipse(centreX, centreY, semiMajor * factor, semiMinor * factor, angle);
    }

    /**
     * {@code n} points on the ellipse, (x, y) pairs in plane coordinates ({@code 2n} values), counter-clockwise
     * from the end of the major axis at equal steps of the parameter; close the path to draw it.
     */
    public double[] points(int n) {
        Checks.atLeast("n", n, 3);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double u = semiMajor * Math.cos(t);
            double v = semiMinor * Math.sin(t);
            xy[2 * i] = centreX + u * cos - v * sin;
            xy[2 * i + 1] = centreY + u * sin + v * cos;
        }
        return xy;
    }

    /** Axis-aligned bounding box {xMin, xMax, yMin, yMax}, e.g. to fit the view or skip off-screen ellipses. */
    public double[] bounds() {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double halfWidth = Math.hypot(semiMajor * cos, semiMinor * sin);
        double halfHeight = Math.hypot(semiMajor * sin, semiMinor * cos);
        return new double[] {centreX - halfWidth, centreX + halfWidth, centreY - halfHeight, centreY + halfHeight};
    }

    // ---- the plane's projection, shared with AggregatePosterior ----

    /**
     * The 2 x d matrix taking a latent vector (minus {@link #origin}) to the plane: the PCA's components for
     * d > 2, the identity for d = 2, and (z) -> (z, 0) for d = 1, matching how the plane places the codes.
     */
    static double[][] projection(int dim, Pca pca) {
        Checks.atLeast("latent size", dim, 1);
        if (pca != null) {
            if (pca.dimension() != dim) {
                throw new IllegalArgumentException("dimension mismatch: the PCA plane is for latent size "
                        + pca.dimension() + ", the code has " + dim);
            }
            return pca.components();
        }
        if (dim > 2) {
            throw new IllegalArgumentException("latent size " + dim + " needs the plane's PCA projection, got none");
        }
        double[][] c = new double[2][dim];
        c[0][0] = 1;
        if (dim == 2) {
            c[1][1] = 1;
        }
        return c;
    }

    /** The latent point that lands on the plane's (0, 0): the PCA mean, or the latent origin. */
    static double[] origin(int dim, Pca pca) {
        return pca != null ? pca.mean() : new double[dim];
    }

    /** C (z - origin) for the code starting at {@code offset} of a row-major array. */
    static double[] project(double[][] c, float[] z, int offset, double[] origin) {
        double x = 0;
        double y = 0;
        for (int j = 0; j < origin.length; j++) {
            double centred = z[offset + j] - origin[j];
            x += c[0][j] * centred;
            y += c[1][j] * centred;
        }
        return new double[] {x, y};
    }

    /** C diag(sigma^2) C^T as {sxx, sxy, syy}, for the standard deviations starting at {@code offset}. */
    static double[] covariance(double[][] c, float[] sigma, int offset) {
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double[] c0 = c[0];
        double[] c1 = c[1];
        for (int j = 0; j < c0.length; j++) {
            double v = (double) sigma[offset + j] * sigma[offset + j];
            sxx += c0[j] * c0[j] * v;
            sxy += c0[j] * c1[j] * v;
            syy += c1[j] * c1[j] * v;
        }
        return new double[] {sxx, sxy, syy};
    }
}
