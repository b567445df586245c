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
 * (B, rows * cols).
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
     * Two stride-2 3x3 convolutions (c1, c2 channels: 28 -> 14 -> 7), flatten, a dense layer of hidden[2]
     * units (if given). The decoder mirrors it with nearest-neighbour upsampling followed by ordinary
     * convolutions, because DJL 0.32's PyTorch engine has no transposed convolution.
     */
    private static VaeLayers conv(ModelConfig config) {
        if (config.channels() != 1) {
            throw new IllegalArgumentException("the conv VAE takes grey images so far; train the MLP on colour, or "
                    + "load the pictures with --channels 1");
        }
        if (config.imageRows() % 4 != 0 || config.imageCols() % 4 != 0) {
            throw new IllegalArgumentException("the conv VAE needs image sides divisible by 4, got "
                    + config.imageRows() + "x" + config.imageCols());
        }
        ModelConfig.ConvSizes sizes = config.convSizes();
        int c1 = sizes.first();
        int c2 = sizes.second();
        int dense = sizes.dense();
        int rows = config.imageRows();
        int cols = config.imageCols();
        int r4 = rows / 4;
        int c4 = cols / 4;

        SequentialBlock encoder = new SequentialBlock()
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, 1, rows, cols)))
                .add(conv3x3(c1, 2)).add(Activation::relu)
                .add(conv3x3(c2, 2)).add(Activation::relu)
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, (long) c2 * r4 * c4)));
        if (dense > 0) {
            encoder.add(Linear.builder().setUnits(dense).build()).add(Activation::relu);
        }

        SequentialBlock decoder = new SequentialBlock();
        if (dense > 0) {
            decoder.add(Linear.builder().setUnits(dense).build()).add(Activation::relu);
        }
        decoder.add(Linear.builder().setUnits((long) c2 * r4 * c4).build()).add(Activation::relu)
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, c2, r4, c4)))
                .add(x -> new NDList(upsample2(x.singletonOrThrow())))
                .add(conv3x3(c1, 1)).add(Activation::relu)
                .add(x -> new NDList(upsample2(x.singletonOrThrow())))
                .add(conv3x3(1, 1))
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, (long) rows * cols)));
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
