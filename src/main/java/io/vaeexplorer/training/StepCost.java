package io.vaeexplorer.training;

import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.TrainingSettings;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A rough price of one training step, so that the settings panel can refuse hidden sizes that would make every
 * step take seconds, and with it Pause and Stop, which wait for the step in progress. It counts the multiply-adds
 * of one image's forward pass through the layers that {@code VaeLayers} and {@code VaeBlock} build; the backward
 * pass costs about the same multiple of it for every layer, so the ratio to the default model's count is what a
 * step's time scales with at a given batch size.
 */
public final class StepCost {

    /** The application's default model, MLP 784-400-2, is the unit of {@link #timesDefault}. */
    static final ModelConfig DEFAULT_MODEL = TrainingSettings.defaults().modelConfig(28, 28);

    /**
     * The largest model accepted, in multiples of the default model's work. It lets through the bigger models
     * worth trying (conv 64,128 channels is about 30, MLP 16384 about 41) and refuses those whose every step does
     * over a hundred times the default's work (conv 128,256 is about 117, conv 400,800 about 1100).
     */
    static final double MOST_TIMES_DEFAULT = 100;

    private StepCost() {
    }

    /** Multiply-adds of one image's forward pass (biases, activations and upsampling are negligible). */
    public static long multiplyAdds(ModelConfig config) {
        return switch (config.kind()) {
            case MLP -> mlp(config);
            case CONV -> conv(config);
        };
    }

    /** The model's work per step over the default model's, at the same batch size. */
    static double timesDefault(ModelConfig config) {
        return multiplyAdds(config) / (double) multiplyAdds(DEFAULT_MODEL);
    }

    public static boolean affordable(ModelConfig config) {
        return timesDefault(config) <= MOST_TIMES_DEFAULT;
    }

    /**
     * Why a model is too big, in one line with the estimate, e.g. "conv channels 400,800 need about 1127 x the
     * default model's work per step (at most 100 x)".
     */
    public static String refusal(ModelConfig config) {
        return String.format(Locale.ROOT, "%s need about %s x the default model's work per step (at most %.0f x)",
                layers(config), times(timesDefault(config)), MOST_TIMES_DEFAULT);
    }

    /** What the hidden sizes mean for the model's kind, e.g. "MLP layer widths 512,256" or "conv channels 16,32". */
    static String layers(ModelConfig config) {
        List<Integer> h = config.hidden();
        if (config.kind() == ModelKind.MLP) {
            return "MLP layer widths " + h.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        ModelConfig.ConvSizes sizes = config.convSizes();
        return "conv channels " + sizes.stageChannels().stream().map(String::valueOf).collect(Collectors.joining(","))
                + (sizes.dense() > 0 ? ", dense " + sizes.dense() : "");
    }

    private static String times(double ratio) {
        return ratio < 10 ? String.format(Locale.ROOT, "%.1f", ratio) : String.format(Locale.ROOT, "%.0f", ratio);
    }

    /** 784 -> h1 -> ... -> hk -> 2 x latent; latent -> hk -> ... -> h1 -> 784. */
    private static long mlp(ModelConfig config) {
        long pixels = config.imageSize();
        long work = 0;
        long in = pixels;
        for (int h : config.hidden()) {
            work += in * h;
            in = h;
        }
        work += 2 * in * config.latent(); // the mean and log-variance heads
        in = config.latent();
        for (int i = config.hidden().size() - 1; i >= 0; i--) {
            work += in * config.hidden().get(i);
            in = config.hidden().get(i);
        }
        return work + in * pixels;
    }

    /**
     * A stride-2 3x3 convolution per stage, an optional dense layer and the heads; the decoder's dense layers, then a
     * 3x3 convolution after each 2x upsampling, the last at full resolution and to the image's channels.
     */
    private static long conv(ModelConfig config) {
        ModelConfig.ConvSizes sizes = config.convSizes();
        int stages = sizes.stages();
        long dense = sizes.dense();
        long latent = config.latent();
        long rows = config.imageRows();
        long cols = config.imageCols();

        long encoder = 0;
        long decoderConv = 0;
        long in = config.channels();
        for (int stage = 0; stage < stages; stage++) {
            long out = sizes.channels(stage);
            long area = (rows >> (stage + 1)) * (cols >> (stage + 1));
            encoder += area * out * 9 * in;
            // the decoder's convolution back to this stage's input size: from out channels to in
            decoderConv += (rows >> stage) * (cols >> stage) * in * 9 * out;
            in = out;
        }
        long flat = in * (rows >> stages) * (cols >> stages);
        encoder += flat * dense;
        long heads = 2 * (dense > 0 ? dense : flat) * latent;
        long decoderDense = dense > 0 ? latent * dense + dense * flat : latent * flat;
        return encoder + heads + decoderDense + decoderConv;
    }
}
