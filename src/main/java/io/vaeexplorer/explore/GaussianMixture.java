package io.vaeexplorer.explore;

import io.vaeexplorer.core.LatentCodes;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A mixture of K Gaussians with diagonal covariances, fitted by expectation-maximisation to points of the latent
 * space: a model of the aggregate posterior to sample codes from where the prior N(0, I) would put them in the
 * holes between the classes.
 *
 * <p>Written here rather than taken from Apache Commons Math, whose fitter ({@code
 * MultivariateNormalMixtureExpectationMaximization}) fits full covariances and stops with a singular-matrix error
 * as soon as one latent dimension has collapsed (every code the same there), the very models this is for, and is
 * slow on 60,000 codes through its per-point matrix objects. Diagonal covariances, a variance floor and k-means++
 * starts make the fit robust in ~150 lines.
 *
 * @param weights K mixing weights summing to 1
 * @param means K x dim, row-major
 * @param variances K x dim, row-major, each at least {@link #VARIANCE_FLOOR}
 */
public record GaussianMixture(int dim, double[] weights, double[] means, double[] variances) {

    /** Smallest variance a component keeps in any dimension, so a collapsed dimension does not make it singular. */
    public static final double VARIANCE_FLOOR = 1e-4;
    /** EM stops when the mean log-likelihood per point improves by less than this. */
    static final double TOLERANCE = 1e-5;
    static final int MAX_ITERATIONS = 200;
    /** Codes a fit to a set's posteriors uses at most: enough for a few dozen components in 20 dimensions. */
    public static final int MAX_FITTED_CODES = 20_000;
    /** Images {@link #fitToImages} encodes at a time: a few megabytes of floats. */
    static final int ENCODE_BATCH = 1000;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    public GaussianMixture {
        Checks.atLeast("dim", dim, 1);
        Checks.atLeast("components", weights.length, 1);
        if (means.length != weights.length * dim || variances.length != means.length) {
            throw new IllegalArgumentException("a mixture of " + weights.length + " components in " + dim
                    + " dimensions needs " + weights.length * dim + " means and variances");
        }
        weights = weights.clone();
        means = means.clone();
        variances = variances.clone();
    }

    public int components() {
        return weights.length;
    }

    /**
     * Fits K components to {@code count} points (row-major, count x dim) by EM from k-means++ starts picked with
     * {@code seed}; the same points and seed give the same mixture.
     */
    public static GaussianMixture fit(float[] points, int count, int dim, int components, long seed) {
        Checks.atLeast("count", count, 1);
        Checks.atLeast("components", components, 1);
        if (points.length != (long) count * dim) {
            throw new IllegalArgumentException("expected " + count + " x " + dim + " values, got " + points.length);
        }
        int k = Math.min(components, count);
        GaussianMixture mixture = start(points, count, dim, k, new SplittableRandom(seed));
        double[] responsibilities = new double[count * k];
        double previous = Double.NEGATIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double logLikelihood = mixture.expect(points, count, responsibilities);
            mixture = maximise(points, count, dim, k, responsibilities);
            if (logLikelihood - previous < TOLERANCE) {
                break;
            }
            previous = logLikelihood;
        }
        return mixture;
    }

    /**
     * Fits K components to the aggregate posterior of a set of codes: one draw z ~ q(z|x) per image (of up to
     * {@link #MAX_FITTED_CODES}, a seeded subset), so each component's spread includes the posteriors' own.
     */
    public static GaussianMixture fitToPosteriors(LatentCodes codes, int components, long seed) {
        Checks.atLeast("codes", codes.count(), 1);
        SplittableRandom random = new SplittableRandom(seed);
        int n = fittedCount(codes.count());
        int d = codes.dim();
        float[] noise = PriorSampler.sample(n, d, random.nextLong());
        float[] z = new float[n * d];
        for (int i = 0; i < n; i++) {
            int from = fittedIndex(i, codes.count());
            for (int k = 0; k < d; k++) {
                z[i * d + k] = codes.mu()[from * d + k] + codes.sigma()[from * d + k] * noise[i * d + k];
            }
        }
        return fit(z, n, d, components, random.nextLong());
    }

    /**
     * Fits K components to the aggregate posterior of a set of images given as 8-bit levels (each channel-major,
     * as the data sets hold them): the mixture {@link #fitToPosteriors} fits to the codes of the whole set, for
     * the same seed, but only the images that fit reads are encoded, {@link #ENCODE_BATCH} at a time, so a large
     * set is never turned into floats whole. A conditional model encodes each image told its label.
     */
    public static GaussianMixture fitToImages(LatentModel model, byte[] levels, byte[] labels, int count,
            int components, long seed) {
        Checks.atLeast("images", count, 1);
        int size = model.imageShape().size();
        if (levels.length != (long) count * size) {
            throw new IllegalArgumentException("expected " + count + " images of " + size + " levels, got "
                    + levels.length + " levels");
        }
        int n = fittedCount(count);
        int d = model.latent();
        float[] mu = new float[n * d];
        float[] sigma = new float[n * d];
        for (int first = 0; first < n; first += ENCODE_BATCH) {
            int batch = Math.min(ENCODE_BATCH, n - first);
            float[] images = new float[batch * size];
            int[] classes = new int[batch];
            for (int j = 0; j < batch; j++) {
                int index = fittedIndex(first + j, count);
                classes[j] = labels[index];
                int from = index * size;
                for (int p = 0; p < size; p++) {
                    images[j * size + p] = (levels[from + p] & 0xff) / 255f;
                }
            }
            float[][] posterior = model.encode(images, classes, batch);
            System.arraycopy(posterior[0], 0, mu, first * d, batch * d);
            System.arraycopy(posterior[1], 0, sigma, first * d, batch * d);
        }
        return fitToPosteriors(new LatentCodes(n, d, mu, sigma, new byte[n]), components, seed);
    }

    /** How many of a set's codes a fit uses. */
    private static int fittedCount(int count) {
        return Math.min(count, MAX_FITTED_CODES);
    }

    /**
     * The set index of the i-th code a fit uses: an even stride over the set, so every class has its share and
     * the same set gives the same subset; a set of at most {@link #MAX_FITTED_CODES} is used whole, in order.
     */
    private static int fittedIndex(int i, int count) {
        return (int) (i * ((double) count / fittedCount(count)));
    }

    /** Mean log-density of the points under the mixture. */
    public double meanLogLikelihood(float[] points, int count) {
        return expect(points, count, new double[count * components()]);
    }

    /** {@code count} codes drawn from the mixture, row-major (count x dim); the same seed gives the same codes. */
    public float[] sample(int count, long seed) {
        Checks.atLeast("count", count, 1);
        SplittableRandom random = new SplittableRandom(seed);
        float[] noise = PriorSampler.sample(count, dim, random.nextLong());
        float[] z = new float[count * dim];
        for (int i = 0; i < count; i++) {
            int c = pick(random.nextDouble());
            for (int d = 0; d < dim; d++) {
                z[i * dim + d] = (float) (means[c * dim + d] + Math.sqrt(variances[c * dim + d]) * noise[i * dim + d]);
            }
        }
        return z;
    }

    private int pick(double u) {
        double sum = 0;
        for (int c = 0; c < weights.length - 1; c++) {
            sum += weights[c];
            if (u < sum) {
                return c;
            }
        }
        return weights.length - 1;
    }

    /**
     * log N(x; mean_c, diag variance_c) + log weight_c of point i, for every c, into {@code out}, given each
     * component's log weight and log normaliser in {@code offsets} and its inverse variances in {@code precisions}
     * (the logs and divisions once per component, not once per point).
     */
    private void logJoint(float[] points, int i, double[] offsets, double[] precisions, double[] out) {
        for (int c = 0; c < weights.length; c++) {
            double squares = 0;
            for (int d = 0; d < dim; d++) {
                double diff = points[i * dim + d] - means[c * dim + d];
                squares += diff * diff * precisions[c * dim + d];
            }
            out[c] = offsets[c] - 0.5 * squares;
        }
    }

    /** The E step: responsibilities (count x K) and the mean log-likelihood. */
    private double expect(float[] points, int count, double[] responsibilities) {
        int k = weights.length;
        double[] offsets = new double[k];
        double[] precisions = new double[k * dim];
        for (int c = 0; c < k; c++) {
            double logDeterminant = 0;
            for (int d = 0; d < dim; d++) {
                double v = variances[c * dim + d];
                logDeterminant += Math.log(v);
                precisions[c * dim + d] = 1 / v;
            }
            offsets[c] = Math.log(weights[c]) - 0.5 * (dim * LOG_2PI + logDeterminant);
        }
        return IntStream.range(0, count).parallel().mapToDouble(i -> {
            double[] joint = new double[k];
            logJoint(points, i, offsets, precisions, joint);
            double max = Arrays.stream(joint).max().orElseThrow();
            double total = 0;
            for (int c = 0; c < k; c++) {
                joint[c] = Math.exp(joint[c] - max);
                total += joint[c];
            }
            for (int c = 0; c < k; c++) {
                responsibilities[i * k + c] = joint[c] / total;
            }
            return max + Math.log(total);
        }).sum() / count;
    }

    /** The M step: weights, means and floored variances from the responsibilities. */
    private static GaussianMixture maximise(float[] points, int count, int dim, int k, double[] responsibilities) {
        double[] mass = new double[k];
        double[] means = new double[k * dim];
        double[] variances = new double[k * dim];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < k; c++) {
                double r = responsibilities[i * k + c];
                mass[c] += r;
                for (int d = 0; d < dim; d++) {
                    means[c * dim + d] += r * points[i * dim + d];
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < dim; d++) {
                means[c * dim + d] /= Math.max(mass[c], Double.MIN_NORMAL);
            }
        }
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < k; c++) {
                double r = responsibilities[i * k + c];
                for (int d = 0; d < dim; d++) {
                    double diff = points[i * dim + d] - means[c * dim + d];
                    variances[c * dim + d] += r * diff * diff;
                }
            }
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            // a component that lost every point keeps a sliver of weight and the floor, rather than dividing by 0
            weights[c] = Math.max(mass[c], 1e-12) / count;
            for (int d = 0; d < dim; d++) {
                variances[c * dim + d] = Math.max(variances[c * dim + d] / Math.max(mass[c], Double.MIN_NORMAL),
                        VARIANCE_FLOOR);
            }
        }
        double total = Arrays.stream(weights).sum();
        for (int c = 0; c < k; c++) {
            weights[c] /= total;
        }
        return new GaussianMixture(dim, weights, means, variances);
    }

    /**
     * k-means++ starts: the first centre a random point, each next one a point drawn with probability proportional
     * to its squared distance from the nearest centre so far; equal weights and the points' overall variance.
     */
    private static GaussianMixture start(float[] points, int count, int dim, int k, SplittableRandom random) {
        double[] means = new double[k * dim];
        double[] nearest = new double[count];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int chosen = random.nextInt(count);
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < dim; d++) {
                means[c * dim + d] = points[chosen * dim + d];
            }
            double total = 0;
            for (int i = 0; i < count; i++) {
                double distance = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = points[i * dim + d] - means[c * dim + d];
                    distance += diff * diff;
                }
                nearest[i] = Math.min(nearest[i], distance);
                total += nearest[i];
            }
            if (total <= 0) {
                chosen = random.nextInt(count);
                continue;
            }
            double u = random.nextDouble() * total;
            chosen = count - 1;
            for (int i = 0; i < count; i++) {
                u -= nearest[i];
                if (u < 0) {
                    chosen = i;
                    break;
                }
            }
        }
        double[] variances = new double[k * dim];
        for (int d = 0; d < dim; d++) {
            double mean = 0;
            for (int i = 0; i < count; i++) {
                mean += points[i * dim + d];
            }
            mean /= count;
            double variance = 0;
            for (int i = 0; i < count; i++) {
                double diff = points[i * dim + d] - mean;
                variance += diff * diff;
            }
            variance = Math.max(variance / count, VARIANCE_FLOOR);
            for (int c = 0; c < k; c++) {
                variances[c * dim + d] = variance;
            }
        }
        double[] weights = new double[k];
        Arrays.fill(weights, 1.0 / k);
        return new GaussianMixture(dim, weights, means, variances);
    }
}
