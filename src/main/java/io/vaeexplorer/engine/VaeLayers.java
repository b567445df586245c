package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.vaeexplorer.core.ModelConfig;
import java.util.List;

/**
 * Builds the encoder body and the decoder of each architecture. The decoder ends in pixel logits of shape
 * (B, channels * rows * cols), channel-major.
 */
record VaeLayers(Block encoderBody, Block decoder) {

    static VaeLayers forConfig(ModelConfig config) {
        return switch (config.kind()) {
            case MLP -> mlp(config);
            case CONV -> conv(config);
        };
    }

    /** 784 -> h1 -> ... -> hk (ReLU) on the way in; z -> hk -> ... -> h1 (ReLU) -> 784 on the way out. */
    private static VaeLayers mlp(ModelConfig config) {
        List<Integer> hidden = config.hidden();
        SequentialBlock encoder = new SequentialBlock();
        for (int h : hidden) {
            encoder.add(Linear.builder().setUnits(h).build()).add(Activation::relu);
        }
        SequentialBlock decoder = new SequentialBlock();
        for (int i = hidden.size() - 1; i >= 0; i--) {
            decoder.add(Linear.builder().setUnits(hidden.get(i)).build()).add(Activation::relu);
        }
        decoder.add(Linear.builder().setUnits(config.imageSize()).build());
        return new VaeLayers(encoder, decoder);
    }

    /**
     * One stride-2 3x3 convolution per stage ({@link ModelConfig.ConvSizes}: c1, c2 and, above 32 pixels a side,
     * 2 x c2 channels; 28 -> 14 -> 7 or 64 -> 32 -> 16 -> 8), flatten, a dense layer of hidden[2] units (if given).
     * The decoder mirrors it with nearest-neighbour upsampling followed by ordinary convolutions, because DJL's
     * PyTorch engine has no transposed convolution; its last convolution gives the image's channels, and
     * the logits are flattened channel-major as the images are.
     */
    private static VaeLayers conv(ModelConfig config) {
        String problem = config.convSizeProblem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        ModelConfig.ConvSizes sizes = config.convSizes();
        int stages = sizes.stages();
        int deepest = sizes.channels(stages - 1);
        int dense = sizes.dense();
        int channels = config.channels();
        int rows = config.imageRows();
        int cols = config.imageCols();
        int gridRows = rows >> stages;
        int gridCols = cols >> stages;
        long flat = (long) deepest * gridRows * gridCols;

        SequentialBlock encoder = new SequentialBlock()
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, channels, rows, cols)));
        for (int stage = 0; stage < stages; stage++) {
            encoder.add(conv3x3(sizes.channels(stage), 2)).add(Activation::relu);
        }
        encoder.add(x -> new NDList(x.singletonOrThrow().reshape(-1, flat)));
        if (dense > 0) {
            encoder.add(Linear.builder().setUnits(dense).build()).add(Activation::relu);
        }

        SequentialBlock decoder = new SequentialBlock();
        if (dense > 0) {
            decoder.add(Linear.builder().setUnits(dense).build()).add(Activation::relu);
        }
        decoder.add(Linear.builder().setUnits(flat).build()).add(Activation::relu)
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, deepest, gridRows, gridCols)));
        for (int stage = stages - 1; stage > 0; stage--) {
            decoder.add(x -> new NDList(upsample2(x.singletonOrThrow())))
                    .add(conv3x3(sizes.channels(stage - 1), 1)).add(Activation::relu);
        }
        decoder.add(x -> new NDList(upsample2(x.singletonOrThrow())))
                .add(conv3x3(channels, 1))
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, (long) channels * rows * cols)));
        return new VaeLayers(encoder, decoder);
    }

    private static Block conv3x3(int channels, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(channels)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .build();
    }

    /** Nearest-neighbour 2x upsampling of (B, C, H, W): each pixel repeated along both spatial axes. */
    static NDArray upsample2(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }
}
