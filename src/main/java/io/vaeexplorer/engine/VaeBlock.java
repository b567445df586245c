package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.vaeexplorer.core.ModelConfig;

/**
 * The VAE as one DJL block: an encoder body, two linear heads for mu and log-variance, and a decoder that
 * returns pixel logits (the sigmoid is folded into the loss for stability and speed).
 *
 * <p>forward(x) with training=true samples z = mu + eps * exp(logvar / 2) and returns (logits, mu, logvar);
 * with training=false it decodes z = mu.
 *
 * <p>A conditional model takes forward(x, y), y each image's class one-hot (B, classes): the heads see the encoder's
 * features with y beside them, and the decoder z with y beside it, the same for every architecture (its first
 * layer is a dense one in each).
 */
public final class VaeBlock extends AbstractBlock {

    private final ModelConfig config;
    private final Block encoder;
    private final Block muHead;
    private final Block logvarHead;
    private final Block decoder;

    public VaeBlock(ModelConfig config) {
        this.config = config;
        VaeLayers layers = VaeLayers.forConfig(config);
        encoder = addChildBlock("encoder", layers.encoderBody());
        muHead = addChildBlock("mu", Linear.builder().setUnits(config.latent()).build());
        logvarHead = addChildBlock("logvar", Linear.builder().setUnits(config.latent()).build());
        decoder = addChildBlock("decoder", layers.decoder());
    }

    public ModelConfig config() {
        return config;
    }

    /** Input shape for a batch of {@code batch} flattened images. */
    public Shape inputShape(long batch) {
        return new Shape(batch, config.imageSize());
    }

    /**
     * Creates the parameters on the given manager with DJL's default initialisation (then {@link TorchDefaultInit}
     * gives them PyTorch's values). That initialisation draws from the engine's process-wide generator, the one a
     * training run seeds and takes its shuffles and noise from: only the trainer calls this, right after seeding,
     * so that its draws are part of the run's seeded sequence. A copy built beside a run uses
     * {@link #allocateFor(NDManager)}.
     */
    public void initializeFor(NDManager manager) {
        initialize(manager, DataType.FLOAT32, inputShape(1));
    }

    /**
     * Creates the parameters filled with zeros, drawing nothing from the engine's generator: for a copy whose
     * weights are loaded right after (inference, scoring). Such copies are built on other threads while a run
     * trains, and any draw there would shift the run's random numbers and change its losses.
     */
    public void allocateFor(NDManager manager) {
        setInitializer(Initializer.ZEROS, parameter -> true);
        initialize(manager, DataType.FLOAT32, inputShape(1));
    }

    /**
     * Encodes flattened images (B, pixels) to (mu, logvar), each (B, latent).
     *
     * <p>The layers are always called in inference mode: none of them (linear, convolution, ReLU, reshapes) acts
     * differently when training, autograd records either way, and DJL's training-mode call first checks that the
     * block is initialised by rebuilding its whole parameter list, on every call of every nested block. Skipping
     * that made a training step of the tutorial model about a tenth faster.
     */
    public NDList encode(ParameterStore ps, NDArray images) {
        return encode(ps, images, null);
    }

    /**
     * Encodes as {@link #encode(ParameterStore, NDArray)}, telling a conditional model each image's class.
     *
     * @param conditions the classes one-hot (B, classes) for a conditional model; null for a plain one
     */
    public NDList encode(ParameterStore ps, NDArray images, NDArray conditions) {
        NDArray features = encoder.forward(ps, new NDList(images), false).singletonOrThrow();
        NDArray headInput = withConditions(features, conditions);
        NDArray mu = muHead.forward(ps, new NDList(headInput), false).singletonOrThrow();
        NDArray logvar = logvarHead.forward(ps, new NDList(headInput), false).singletonOrThrow();
        return new NDList(mu, logvar);
    }

    /** Decodes latent vectors (B, latent) to pixel logits (B, pixels); layers in inference mode as in encode. */
    public NDArray decodeLogits(ParameterStore ps, NDArray z) {
        return decodeLogits(ps, z, null);
    }

    /**
     * Decodes as {@link #decodeLogits(ParameterStore, NDArray)}, at each vector's class for a conditional model.
     *
     * @param conditions the classes one-hot (B, classes) for a conditional model; null for a plain one
     */
    public NDArray decodeLogits(ParameterStore ps, NDArray z, NDArray conditions) {
        return decoder.forward(ps, new NDList(withConditions(z, conditions)), false).singletonOrThrow();
    }

    /** {@code values} with the one-hot classes beside them, checked against the model. */
    private NDArray withConditions(NDArray values, NDArray conditions) {
        if (!config.conditional()) {
            if (conditions != null && conditions.getShape().get(1) != 0) {
                throw new IllegalArgumentException("a plain model takes no classes");
            }
            return values;
        }
        if (conditions == null || conditions.getShape().get(1) != config.conditionClasses()) {
            throw new IllegalArgumentException("this conditional model needs each input's class one-hot, "
                    + config.conditionClasses() + " values an input");
        }
        return values.concat(conditions, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray conditions = inputs.size() > 1 ? inputs.get(1) : null;
        NDList stats = encode(ps, x, conditions);
        NDArray mu = stats.get(0);
        NDArray logvar = stats.get(1);
        NDArray z = training ? reparameterize(mu, logvar) : mu;
        return new NDList(decodeLogits(ps, z, conditions), mu, logvar);
    }

    /** z = mu + eps * sigma with eps ~ N(0, I), drawn from the engine's seeded generator. */
    public static NDArray reparameterize(NDArray mu, NDArray logvar) {
        return reparameterize(mu, logvar, mu.getManager().randomNormal(mu.getShape()));
    }

    /** z = mu + eps * sigma with the given standard normal noise (of mu's shape). */
    public static NDArray reparameterize(NDArray mu, NDArray logvar, NDArray eps) {
        return GraphScalar.times(logvar, 0.5f).exp().mul(eps).add(mu);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape latent = new Shape(batch, config.latent());
        return new Shape[] {new Shape(batch, config.imageSize()), latent, latent};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape images = inputShapes[0];
        encoder.initialize(manager, dataType, images);
        Shape features = encoder.getOutputShapes(new Shape[] {images})[0];
        int classes = config.conditionClasses();
        Shape headInput = new Shape(features.get(0), features.get(1) + classes);
        muHead.initialize(manager, dataType, headInput);
        logvarHead.initialize(manager, dataType, headInput);
        decoder.initialize(manager, dataType, new Shape(images.get(0), config.latent() + classes));
    }
}
