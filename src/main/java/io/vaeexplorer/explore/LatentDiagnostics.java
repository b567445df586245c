package io.vaeexplorer.explore;

import io.vaeexplorer.core.LatentCodes;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How much of the latent space a model uses, from the posteriors q(z|x) = N(mu, diag sigma^2) of a set of images:
 * the KL term per dimension, the active units, and the mutual information between data and code. Posterior
 * collapse shows in all three: a collapsed unit has KL near 0, no variance of its mean over the data, and adds
 * nothing to the mutual information.
 *
 * @param klPerDim mean over the images of KL(q(z_i|x) || N(0, 1)) per dimension, in nats; their sum is the KL term
 *     of the ELBO per image
 * @param meanVariance variance over the images of each dimension's posterior mean, Cov_x(E_q[z_i])
 * @param activeUnits dimensions whose mean varies over the data by more than {@link #ACTIVE_UNIT_VARIANCE}
 *     (Burda et al., 2016)
 * @param mutualInformation an estimate of I(x; z) under q, in nats (see {@link #mutualInformation})
 */
public record LatentDiagnostics(double[] klPerDim, double[] meanVariance, int activeUnits, double mutualInformation) {

    /** Burda et al.'s threshold on Cov_x(E_q[z_i]) for an active unit. */
    public static final double ACTIVE_UNIT_VARIANCE = 0.01;

    /** Images the mutual information is estimated from: its cost grows with their square. */
    public static final int MUTUAL_INFORMATION_IMAGES = 2000;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    public LatentDiagnostics {
        klPerDim = klPerDim.clone();
        meanVariance = meanVariance.clone();
    }

    /** All three measures of a set of codes; the seed picks the images and the z samples of the estimate. */
    public static LatentDiagnostics of(LatentCodes codes, long seed) {
        Checks.atLeast("codes", codes.count(), 1);
        double[] kl = klPerDim(codes);
        double[] variance = meanVariance(codes);
        int active = 0;
        for (double v : variance) {
            if (v > ACTIVE_UNIT_VARIANCE) {
                active++;
            }
        }
        return new LatentDiagnostics(kl, variance, active, mutualInformation(codes, MUTUAL_INFORMATION_IMAGES, seed));
    }

    /** The KL term per image: the sum of {@link #klPerDim}. */
    public double kl() {
        return Arrays.stream(klPerDim).sum();
    }

    /** Dimensions by KL, largest first: the most informative ones. */
    public int[] dimsByKl() {
        return IntStream.range(0, klPerDim.length).boxed()
                .sorted((a, b) -> Double.compare(klPerDim[b], klPerDim[a]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Mean over the images of 0.5 (mu^2 + sigma^2 - ln sigma^2 - 1), per dimension. */
    public static double[] klPerDim(LatentCodes codes) {
        int d = codes.dim();
        double[] sum = new double[d];
        float[] mu = codes.mu();
        float[] sigma = codes.sigma();
        for (int i = 0; i < codes.count(); i++) {
            for (int k = 0; k < d; k++) {
                double m = mu[i * d + k];
                double s = sigma[i * d + k];
                double variance = s * s;
                sum[k] += 0.5 * (m * m + variance - Math.log(variance) - 1);
            }
        }
        for (int k = 0; k < d; k++) {
            sum[k] /= codes.count();
        }
        return sum;
    }

    /** The variance over the images of each dimension's posterior mean (population variance, two passes). */
    public static double[] meanVariance(LatentCodes codes) {
        int d = codes.dim();
        int n = codes.count();
        float[] mu = codes.mu();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += mu[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double[] variance = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double diff = mu[i * d + k] - mean[k];
                variance[k] += diff * diff;
            }
        }
        for (int k = 0; k < d; k++) {
            variance[k] /= n;
        }
        return variance;
    }

    /**
     * I(x; z) = E_x[KL(q(z|x) || q(z))] under the data's empirical distribution, estimated as He et al. (2019) do:
     * for each of up to {@code maxImages} images (a seeded subset), one z drawn from its posterior, and
     * I = mean(log q(z_i|x_i)) - mean(log q(z_i)) with the aggregate posterior q(z) = 1/N sum_j q(z|x_j) over the
     * same images. Both terms are taken at the same draws (He et al. take the first in closed form): their noise
     * then cancels where it matters most, so a collapsed model gives exactly 0 and codes that tell every image
     * apart give exactly ln N, the most an estimate from N images can say.
     */
    public static double mutualInformation(LatentCodes codes, int maxImages, long seed) {
        Checks.atLeast("maxImages", maxImages, 1);
        int d = codes.dim();
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = subset(codes.count(), maxImages, random);
        int n = chosen.length;
        double[] mu = new double[n * d];
        double[] logSigma = new double[n * d];
        double[] inverseVariance = new double[n * d];
        double[] z = new double[n * d];
        float[] noise = PriorSampler.sample(n, d, random.nextLong());
        double logPosterior = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                int from = chosen[i] * d + k;
                double s = Math.max(codes.sigma()[from], 1e-20f);
                mu[i * d + k] = codes.mu()[from];
                logSigma[i * d + k] = Math.log(s);
                inverseVariance[i * d + k] = 1 / (s * s);
                z[i * d + k] = mu[i * d + k] + s * noise[i * d + k];
                // log q(z_i|x_i) at the drawn z, per dimension
                logPosterior += -0.5 * LOG_2PI - logSigma[i * d + k] - 0.5 * noise[i * d + k] * noise[i * d + k];
            }
        }
        double logN = Math.log(n);
        double logAggregate = IntStream.range(0, n).parallel().mapToDouble(i -> {
            double[] logDensity = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double diff = z[i * d + k] - mu[j * d + k];
                    sum += -0.5 * diff * diff * inverseVariance[j * d + k] - logSigma[j * d + k];
                }
                logDensity[j] = sum - 0.5 * d * LOG_2PI;
                max = Math.max(max, logDensity[j]);
            }
            double total = 0;
            for (int j = 0; j < n; j++) {
                total += Math.exp(logDensity[j] - max);
            }
            return max + Math.log(total) - logN;
        }).sum();
        return logPosterior / n - logAggregate / n;
    }

    /** Up to {@code max} distinct indices of 0..count-1 in increasing order, all of them when count <= max. */
    private static int[] subset(int count, int max, SplittableRandom random) {
        if (count <= max) {
            return IntStream.range(0, count).toArray();
        }
        int[] all = IntStream.range(0, count).toArray();
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(count - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, max);
        Arrays.sort(chosen);
        return chosen;
    }
}
