package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.explore.PriorSampler;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Measures a model on a held-out set: the -ELBO split into reconstruction and KL, an importance-weighted bound on
 * log p(x), and the latent codes. Holds the images in one native array of grey levels; call it on the thread that
 * owns the block (the training thread between epochs, or an inference thread with its own model copy).
 */
public final class Evaluator implements AutoCloseable {

    /**
     * Images per batch for MNIST-sized images; larger images get proportionally fewer, so that a batch's
     * activations (a conv model's feature maps grow with the picture) stay about the same size.
     */
    private static final int MNIST_BATCH = 1000;
    private static final int MNIST_IMAGE_SIZE = 28 * 28;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final NDManager manager;
    private final NDArray grey;
    private final LabeledImages set;
    private final int batch;
    /** Null: noise from the engine's seeded generator (the training thread's). Else a private stream, see below. */
    private final SplittableRandom noise;

    public Evaluator(LabeledImages set, ComputeDevice device) {
        this(set, device, null);
    }

    /**
     * @param noiseSeed seed of a private noise stream, or null for the engine's generator. An evaluation on
     *     another thread while a run trains must use its own stream: drawing from the engine's shared generator
     *     would shift the run's noise and break its reproducibility.
     */
    public Evaluator(LabeledImages set, ComputeDevice device, Long noiseSeed) {
        this.set = set;
        this.batch = batchFor(set.imageSize());
        this.noise = noiseSeed == null ? null : new SplittableRandom(noiseSeed);
        this.manager = NDManager.newBaseManager(device.djl());
        this.grey = NativeArrays.greyRows(manager, set.grey(), set.count(), set.imageSize());
    }

    /** Images per evaluation batch for images of {@code imageSize} values. */
    static int batchFor(int imageSize) {
        return Math.max(1, Math.min(MNIST_BATCH, (int) ((long) MNIST_BATCH * MNIST_IMAGE_SIZE / imageSize)));
    }

    public int count() {
        return set.count();
    }

    /** The -ELBO of the set and, when asked for, the posterior of every image from the same encoder pass. */
    public record Evaluation(LossParts negElbo, LatentCodes codes) {
    }

    /**
     * -ELBO parts per image with one z sample per image, as the tutorials report their test loss.
     *
     * @param cancelled checked between batches; when it turns true, evaluation stops and returns null
     */
    public LossParts negElbo(VaeBlock block, BooleanSupplier cancelled) {
        Evaluation evaluation = evaluate(block, cancelled, false);
        return evaluation == null ? null : evaluation.negElbo();
    }

    /**
     * The -ELBO as {@link #negElbo(VaeBlock, BooleanSupplier)} and, with {@code withCodes}, the latent codes the
     * encoder computed on the way (no second pass).
     *
     * @return null when cancelled
     */
    public Evaluation evaluate(VaeBlock block, BooleanSupplier cancelled, boolean withCodes) {
        ParameterStore ps = new ParameterStore(manager, false);
        Likelihood kind = block.config().reconstruction();
        int d = block.config().latent();
        float[] mu = withCodes ? new float[set.count() * d] : null;
        float[] sigma = withCodes ? new float[set.count() * d] : null;
        double reconstruction = 0;
        double kl = 0;
        for (int start = 0; start < set.count(); start += batch) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            int end = Math.min(set.count(), start + batch);
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = images(batch, start, end);
                NDArray classes = conditions(batch, block, start, end);
                NDList stats = block.encode(ps, x, classes);
                if (withCodes) {
                    copyCodes(stats, start, end, d, mu, sigma);
                }
                NDArray z = VaeBlock.reparameterize(stats.get(0), stats.get(1),
                        standardNormal(batch, stats.get(0).getShape()));
                NDArray logits = block.decodeLogits(ps, z, classes);
                reconstruction += ElboLoss.reconstructionSum(kind, logits, x).getFloat();
                kl += ElboLoss.klSum(stats.get(0), stats.get(1)).getFloat();
            }
        }
        LossParts parts = new LossParts(reconstruction / set.count(), kl / set.count());
        return new Evaluation(parts, withCodes ? new LatentCodes(set.count(), d, mu, sigma, set.labels().clone()) : null);
    }

    public LossParts negElbo(VaeBlock block) {
        return negElbo(block, () -> false);
    }

    /**
     * The importance-weighted bound log p(x) >= E[log 1/k sum_i p(x, z_i) / q(z_i | x)] with k samples
     * (Burda et al.), averaged over the first {@code limit} images. k = 1 gives the ELBO; it tightens as k grows.
     * For MSE models the "likelihood" is the unnormalised Gaussian exp(-squared error), as in the loss.
     */
    public double iwaeLogLikelihood(VaeBlock block, int k, int limit) {
        if (k < 1) {
            throw new IllegalArgumentException("IWAE needs k >= 1, got " + k);
        }
        int n = Math.min(limit <= 0 ? set.count() : limit, set.count());
        ParameterStore ps = new ParameterStore(manager, false);
        Likelihood kind = block.config().reconstruction();
        int chunk = Math.max(1, Math.min(n, 10_000 / k)); // about 10k decodes per pass keeps memory small
        double total = 0;
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            int c = end - start;
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = images(batch, start, end);
                NDArray classes = conditions(batch, block, start, end);
                NDList stats = block.encode(ps, x, classes);
                NDArray mu = stats.get(0);
                NDArray logvar = stats.get(1);
                int d = (int) mu.getShape().get(1);
                NDArray eps = standardNormal(batch, new Shape(k, c, d));
                NDArray z = eps.mul(logvar.mul(0.5f).exp().expandDims(0)).add(mu.expandDims(0));
                // row i * c + j of the flattened samples is sample i of image j, so image j's class repeats k times
                NDArray sampleClasses = classes == null ? null : classes.tile(new long[] {k, 1});
                NDArray logits = block.decodeLogits(ps, z.reshape(k * c, d), sampleClasses).reshape(k, c, -1);
                NDArray logPxGivenZ = ElboLoss.reconstructionPerImage(kind, logits, x.expandDims(0)).neg();
                NDArray logPz = z.square().add((float) LOG_2PI).sum(new int[] {-1}).mul(-0.5f);
                NDArray logQz = eps.square().add(logvar.expandDims(0)).add((float) LOG_2PI).sum(new int[] {-1}).mul(-0.5f);
                NDArray logW = logPxGivenZ.add(logPz).sub(logQz); // (k, c)
                NDArray max = logW.max(new int[] {0});
                NDArray logMeanW = logW.sub(max).exp().sum(new int[] {0}).log().add(max).sub((float) Math.log(k));
                total += logMeanW.sum().getFloat();
            }
        }
        return total / n;
    }

    /** Posterior means and standard deviations of every image, in set order. */
    public LatentCodes latentCodes(VaeBlock block) {
        ParameterStore ps = new ParameterStore(manager, false);
        int d = block.config().latent();
        float[] mu = new float[set.count() * d];
        float[] sigma = new float[set.count() * d];
        for (int start = 0; start < set.count(); start += batch) {
            int end = Math.min(set.count(), start + batch);
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = images(batch, start, end);
                copyCodes(block.encode(ps, x, conditions(batch, block, start, end)), start, end, d, mu, sigma);
            }
        }
        return new LatentCodes(set.count(), d, mu, sigma, set.labels().clone());
    }

    /** Copies one batch's posterior means and standard deviations (from mu and log variance) into the rows. */
    private static void copyCodes(NDList stats, int start, int end, int d, float[] mu, float[] sigma) {
        System.arraycopy(stats.get(0).toFloatArray(), 0, mu, start * d, (end - start) * d);
        System.arraycopy(stats.get(1).mul(0.5f).exp().toFloatArray(), 0, sigma, start * d, (end - start) * d);
    }

    private NDArray standardNormal(NDManager batch, Shape shape) {
        if (noise == null) {
            return batch.randomNormal(shape);
        }
        return batch.create(PriorSampler.sample(Math.toIntExact(shape.size()), 1, noise.nextLong()), shape);
    }

    @Override
    public void close() {
        manager.close();
    }

    /** The classes of images {@code start .. end - 1} one-hot for a conditional model, else null. */
    private NDArray conditions(NDManager batch, VaeBlock block, int start, int end) {
        int classes = block.config().conditionClasses();
        return classes == 0 ? null : NativeArrays.oneHot(batch, set.labels(), start, end - start, classes);
    }

    /** Images {@code start .. end - 1} as floats on the batch's manager. */
    private NDArray images(NDManager batch, int start, int end) {
        return NativeArrays.unitFloats(grey.get(batch, new NDIndex("{}:{}", start, end)));
    }
}
