package io.vaeexplorer.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.vaeexplorer.core.KlWeighting;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.engine.step.StepWeights;
import io.vaeexplorer.engine.step.TrainingStep;

/**
 * The optimisation loop of one VAE, one batch at a time. Not thread-safe: the thread that creates it owns it.
 *
 * <p>Why a lean loop instead of DJL's {@code Trainer} + {@code EasyTrain}: the speed target (parity with
 * PyTorch's own loop, and better) leaves no room for per-step overhead. Here the training set lives in one native
 * array, each epoch draws a native permutation, rows are gathered natively 16 batches at a time, a batch is a view
 * into them, and a {@link TrainingStep} runs forward, loss, gradients and Adam with no copy to Java but the two
 * loss sums. {@code Trainer.step()} would duplicate every gradient and EasyTrain splits batches and runs listeners
 * on every step. A step is one TorchScript call ({@link ScriptedMlpStep}, {@link ScriptedConvStep}); where that
 * cannot load, it goes through DJL's ops ({@link DjlOpsStep}: the block, {@code ElboLoss}, a gradient collector and
 * PyTorch's fused Adam).
 */
public final class VaeTrainer implements AutoCloseable {

    private final ModelConfig config;
    private final TrainingConfig training;
    /** Long-lived arrays: parameters, Adam state and the training set. */
    private final NDManager manager;
    private final VaeBlock block;
    private final TrainingStep trainingStep;
    /** The training set as grey levels (uint8); each gathered chunk becomes floats. */
    private final NDArray trainGrey;
    /** A conditional model's training labels (int64), gathered with the pictures; null for a plain model. */
    private final NDArray trainLabels;
    private final int count;
    private final int batchesPerChunk;

    /**
     * Batches gathered at once from the permutation. A gather per batch costs a visible share of the epoch; one
     * gather of the whole shuffled set makes resident memory swing by the set's size at every epoch boundary. A
     * chunk of a few batches stays inside malloc's reused heap and costs neither. The count is for MNIST-sized
     * images; larger ones get fewer batches per chunk ({@link #batchesPerChunk}) so that a chunk's size stays put.
     */
    static final int BATCHES_PER_CHUNK = 16;
    private static final int MNIST_IMAGE_SIZE = 28 * 28;

    private NDManager epochManager;
    private NDArray order;
    private NDManager chunkManager;
    private NDArray chunk;
    /** The chunk's classes one-hot, for a conditional model. */
    private NDArray chunkConditions;
    private int nextBatch;
    private long step;
    /** The optimiser step this run began at: the schedule counts the run's epochs from here. */
    private final long firstStep;

    /**
     * @param initial weights to start from (resuming), or null for PyTorch's default initialisation with the seed
     * @param stepsDone optimiser steps already taken by the initial weights (0 for a fresh model)
     * @param epochsDone epochs already trained (shifts the shuffling seed so a resumed run does not replay them)
     */
    public VaeTrainer(ModelConfig config, TrainingConfig training, LabeledImages train, ComputeDevice device,
                      WeightSnapshot initial, long stepsDone, int epochsDone) {
        String mismatch = config.sizeMismatch("the model", "the data", train.channels(), train.rows(), train.cols());
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        this.config = config;
        this.training = training;
        Engine engine = DjlRuntime.engine();
        LabeledImages used = train.first(training.limit());
        this.count = used.count();
        if (count == 0) {
            throw new IllegalArgumentException("no training images");
        }
        this.batchesPerChunk = Math.max(1, BATCHES_PER_CHUNK * MNIST_IMAGE_SIZE / used.imageSize());
        this.manager = NDManager.newBaseManager(device.djl());
        try {
            engine.setRandomSeed((int) (training.seed() + 1_000_003L * epochsDone));
            block = new VaeBlock(config);
            block.initializeFor(manager);
            if (initial != null) {
                WeightCopier.load(initial, block);
            } else {
                TorchDefaultInit.apply(block, training.seed());
            }
            trainingStep = TrainingStep.forModel(manager, block, training.learningRate());
            trainGrey = NativeArrays.greyRows(manager, used.grey(), count, used.imageSize());
            trainLabels = config.conditional() ? labels(manager, used, config.conditionClasses()) : null;
            step = stepsDone;
            firstStep = stepsDone;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return config;
    }

    public TrainingConfig training() {
        return training;
    }

    /** The network being trained; read it only on the owning thread. */
    public VaeBlock block() {
        return block;
    }

    public int batchesPerEpoch() {
        return (count + training.batchSize() - 1) / training.batchSize();
    }

    /** Optimiser steps taken so far, including those of the weights this trainer started from. */
    public long step() {
        return step;
    }

    /** Shuffles the training set (natively, from the engine's seeded generator) for a new epoch. */
    public void beginEpoch() {
        closeEpoch();
        epochManager = manager.newSubManager();
        order = epochManager.randomPermutation(count);
        nextBatch = 0;
    }

    public boolean hasNextBatch() {
        return order != null && nextBatch < batchesPerEpoch();
    }

    /** Size of the batch {@link #trainStep()} will use next. */
    public int nextBatchSize() {
        int start = nextBatch * training.batchSize();
        return Math.min(training.batchSize(), count - start);
    }

    /**
     * Trains on the next batch of the epoch.
     *
     * @return the batch's loss parts in nats per image (the true parts, whatever the objective weights)
     */
    public LossParts trainStep() {
        if (!hasNextBatch()) {
            throw new IllegalStateException("no batch left in this epoch; call beginEpoch()");
        }
        int size = nextBatchSize();
        LossParts sums;
        try (NDManager stepManager = epochManager.newSubManager()) {
            NDArray images = nextBatchImages(stepManager);
            sums = trainingStep.train(images, nextBatchConditions(stepManager), weights());
        }
        nextBatch++;
        step++;
        return new LossParts(sums.reconstruction() / size, sums.kl() / size);
    }

    /**
     * The loss's weights for the next step: the KL schedule's weight at the run's epochs so far (fractional), times
     * what the objective makes of it, and the capacity where the schedule has one.
     */
    public StepWeights weights() {
        double epochs = (double) (step - firstStep) / batchesPerEpoch();
        KlWeighting weighting = KlWeighting.of(config, training);
        return new StepWeights(config.objective().reconstructionWeight(), (float) weighting.weightAt(epochs),
                weighting.hasCapacity() ? (float) weighting.capacityAt(epochs) : StepWeights.NO_CAPACITY);
    }

    /** The next batch's pixels, row by row, without training on it; moves on to the batch after. For tests. */
    float[] skipBatch() {
        if (!hasNextBatch()) {
            throw new IllegalStateException("no batch left in this epoch; call beginEpoch()");
        }
        float[] pixels;
        try (NDManager batchManager = epochManager.newSubManager()) {
            pixels = nextBatchImages(batchManager).toFloatArray();
        }
        nextBatch++;
        return pixels;
    }

    /** The next batch's rows: a view into the gathered chunk that holds them. */
    private NDArray nextBatchImages(NDManager batchManager) {
        int offset = nextBatch * training.batchSize() - gatherChunkFor(nextBatch);
        return chunk.get(batchManager, new NDIndex("{}:{}", offset, offset + nextBatchSize()));
    }

    /**
     * The next batch's classes one-hot (a view into the chunk's), or null for a plain model; call it after
     * {@link #nextBatchImages}, which gathers the chunk.
     */
    private NDArray nextBatchConditions(NDManager batchManager) {
        if (chunkConditions == null) {
            return null;
        }
        int chunkStart = (nextBatch / batchesPerChunk) * batchesPerChunk * training.batchSize();
        int offset = nextBatch * training.batchSize() - chunkStart;
        return chunkConditions.get(batchManager, new NDIndex("{}:{}", offset, offset + nextBatchSize()));
    }

    /** The set's labels as int64, checked against the classes the model is told. */
    private static NDArray labels(NDManager manager, LabeledImages set, int classes) {
        long[] labels = new long[set.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = set.label(i);
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("the data has class " + labels[i] + ", but the model was made for "
                        + classes + " classes");
            }
        }
        return manager.create(labels);
    }

    /** Gathers the chunk holding {@code batch} if it is not gathered yet; returns the chunk's first row. */
    private int gatherChunkFor(int batch) {
        int chunkStart = (batch / batchesPerChunk) * batchesPerChunk * training.batchSize();
        if (batch % batchesPerChunk == 0 || chunk == null) {
            closeChunk();
            int chunkEnd = Math.min(count, chunkStart + batchesPerChunk * training.batchSize());
            chunkManager = epochManager.newSubManager();
            NDArray rows = order.get(chunkManager, new NDIndex("{}:{}", chunkStart, chunkEnd));
            NDArray grey = trainGrey.get(chunkManager, new NDIndex("{}", rows));
            if (trainLabels != null) {
                try (NDArray labels = trainLabels.get(chunkManager, new NDIndex("{}", rows))) {
                    chunkConditions = labels.oneHot(config.conditionClasses());
                }
            }
            rows.close();
            chunk = NativeArrays.unitFloats(grey);
            grey.close();
        }
        return chunkStart;
    }

    private void closeChunk() {
        if (chunkManager != null) {
            chunkManager.close();
            chunkManager = null;
            chunk = null;
            chunkConditions = null;
        }
    }

    /** Copies the current weights into an immutable snapshot (about 1 ms for the 650k-weight tutorial model). */
    public WeightSnapshot snapshot(long version) {
        return WeightCopier.snapshot(block, version, step);
    }

    private void closeEpoch() {
        closeChunk();
        if (epochManager != null) {
            epochManager.close();
            epochManager = null;
            order = null;
        }
    }

    /** What runs the steps and the Adam updates, as a person reads it. */
    public String stepMethod() {
        return trainingStep.describe();
    }

    @Override
    public void close() {
        closeEpoch();
        trainingStep.close();
        manager.close();
    }
}
