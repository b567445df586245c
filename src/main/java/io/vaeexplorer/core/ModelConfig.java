package io.vaeexplorer.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Architecture and loss of one VAE: everything needed to rebuild the network from its weights.
 *
 * @param kind MLP or convolutional
 * @param imageRows image height in pixels (28 for MNIST)
 * @param imageCols image width in pixels
 * @param latent size of z
 * @param hidden hidden layer sizes of the MLP encoder (the decoder mirrors them); channel counts for CONV
 * @param reconstruction likelihood of the reconstruction term; BCE is the default for grey and colour alike
 *     ({@link Likelihood} says why)
 * @param beta weight of the KL term
 * @param objective which terms are optimised
 * @param channels colour channels of an image: 1 (grey) or 3 (red, green, blue), each image channel-major; 0, as
 *     files written before pictures had channels read, means 1
 * @param conditionClasses for a conditional VAE, the number of classes its encoder and decoder are told (as a
 *     one-hot vector beside the encoder's features and beside z); 0 for a plain VAE
 */
public record ModelConfig(
        ModelKind kind,
        int imageRows,
        int imageCols,
        int latent,
        List<Integer> hidden,
        Likelihood reconstruction,
        float beta,
        Objective objective,
        int channels,
        int conditionClasses) {

    /** The most classes a conditional model takes: one per label a data set can hold. */
    public static final int MAX_CONDITION_CLASSES = 128;

    /** The tutorials' MLP: one hidden layer of 400 units. */
    public static final List<Integer> DEFAULT_MLP_HIDDEN = List.of(400);
    /**
     * Conv: 16 and 32 channels and a dense layer of 256. It beats the MLP at d = 2 in 10 epochs while training at
     * about a quarter of the MLP's speed on two CPU cores; 32,64 channels cost about 4x more for little gain.
     */
    public static final List<Integer> DEFAULT_CONV_HIDDEN = List.of(16, 32, 256);

    /** A model of grey images. */
    public ModelConfig(ModelKind kind, int imageRows, int imageCols, int latent, List<Integer> hidden,
            Likelihood reconstruction, float beta, Objective objective) {
        this(kind, imageRows, imageCols, latent, hidden, reconstruction, beta, objective, 1);
    }

    /** A plain (not conditional) model. */
    public ModelConfig(ModelKind kind, int imageRows, int imageCols, int latent, List<Integer> hidden,
            Likelihood reconstruction, float beta, Objective objective, int channels) {
        this(kind, imageRows, imageCols, latent, hidden, reconstruction, beta, objective, channels, 0);
    }

    public ModelConfig {
        Objects.requireNonNull(kind, "kind");
        if (channels == 0) {
            channels = 1;
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 (grey) or 3 (colour) channels, got " + channels);
        }
        Objects.requireNonNull(reconstruction, "reconstruction");
        Objects.requireNonNull(objective, "objective");
        hidden = List.copyOf(hidden);
        if (imageRows <= 0 || imageCols <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + imageRows + "x" + imageCols);
        }
        if (latent < 1 || latent > 1024) {
            throw new IllegalArgumentException("latent size must be between 1 and 1024, got " + latent);
        }
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("at least one hidden size is needed");
        }
        for (int h : hidden) {
            if (h < 1 || h > 16384) {
                throw new IllegalArgumentException("hidden sizes must be between 1 and 16384, got " + h);
            }
        }
        if (!(beta >= 0f) || Float.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
        }
        if (conditionClasses == 1 || conditionClasses < 0 || conditionClasses > MAX_CONDITION_CLASSES) {
            throw new IllegalArgumentException("a conditional model needs 2 to " + MAX_CONDITION_CLASSES
                    + " classes, got " + conditionClasses);
        }
    }

    /** Whether the encoder and decoder are told each image's class. */
    public boolean conditional() {
        return conditionClasses > 0;
    }

    /** The tutorials' MLP VAE on 28x28 images: 784-hidden-latent, BCE, beta 1, full ELBO. */
    public static ModelConfig mlp(int latent, List<Integer> hidden) {
        return new ModelConfig(ModelKind.MLP, 28, 28, latent, hidden, Likelihood.BCE, 1f, Objective.ELBO);
    }

    /**
     * A conv model's layers as its hidden sizes {@code c1[,c2[,dense]]} and its image size give them. The encoder
     * halves the image with one stride-2 3x3 convolution per stage and the decoder doubles it back as many times:
     * two stages of c1 and c2 channels for images whose larger side is at most {@value #CONV_TWO_STAGES_UP_TO}
     * pixels, three above it, the third of 2 x c2 channels (64 -> 32 -> 16 -> 8), so that larger pictures end in a
     * map of about the same size and the dense layers stay small. c2 is 2 x c1 unless given; there is no dense
     * layer unless given.
     *
     * @param first  channels of the first stage (c1)
     * @param second channels of the second stage (c2)
     * @param dense  units of the dense layer on each side, 0 for none
     * @param stages stride-2 stages: 2 or 3
     */
    public record ConvSizes(int first, int second, int dense, int stages) {

        /** Channels of stage {@code stage} (0-based): c1, c2, then 2 x c2. */
        public int channels(int stage) {
            return switch (stage) {
                case 0 -> first;
                case 1 -> second;
                default -> 2 * second;
            };
        }

        /** Each stage's channels, in the encoder's order. */
        public List<Integer> stageChannels() {
            return IntStream.range(0, stages).map(this::channels).boxed().toList();
        }
    }

    /** The largest image side a conv model takes with two stages; larger images get a third. */
    public static final int CONV_TWO_STAGES_UP_TO = 32;

    /** How the conv model reads its hidden sizes and image size (see {@link ConvSizes}); builder and estimates share it. */
    public ConvSizes convSizes() {
        int first = hidden.get(0);
        int stages = Math.max(imageRows, imageCols) <= CONV_TWO_STAGES_UP_TO ? 2 : 3;
        return new ConvSizes(first, hidden.size() > 1 ? hidden.get(1) : 2 * first, hidden.size() > 2 ? hidden.get(2) : 0,
                stages);
    }

    /**
     * Why the conv model cannot take images of this size, one line, or null when it can: each stage halves the
     * image, so both sides must be multiples of 2^stages.
     */
    public String convSizeProblem() {
        int stages = convSizes().stages();
        int multiple = 1 << stages;
        if (imageRows % multiple == 0 && imageCols % multiple == 0) {
            return null;
        }
        String rule = stages == 2 ? "up to " + CONV_TWO_STAGES_UP_TO + " pixels a side it halves them twice"
                : "above " + CONV_TWO_STAGES_UP_TO + " pixels a side it halves them 3 times";
        return "the conv VAE cannot take " + imageRows + "x" + imageCols + " images: " + rule
                + ", so each side must be a multiple of " + multiple + " (" + suggestion(multiple) + " would work)";
    }

    /** The nearest sizes whose sides are multiples of {@code multiple}, e.g. "32x32 or 40x40". */
    private String suggestion(int multiple) {
        int rowsDown = imageRows / multiple * multiple;
        int colsDown = imageCols / multiple * multiple;
        int rowsUp = rowsDown == imageRows ? imageRows : rowsDown + multiple;
        int colsUp = colsDown == imageCols ? imageCols : colsDown + multiple;
        String up = rowsUp + "x" + colsUp;
        return rowsDown > 0 && colsDown > 0 ? rowsDown + "x" + colsDown + " or " + up : up;
    }

    /** Number of values of one image: channels x rows x cols. */
    public int imageSize() {
        return channels * imageRows * imageCols;
    }

    /** The shape of one image the model takes. */
    public ImageShape imageShape() {
        return new ImageShape(channels, imageRows, imageCols);
    }

    /**
     * Why this model cannot take images of {@code channels x rows x cols}, one line, or null when it can: a model
     * only takes images of the size and channels it was trained on.
     *
     * @param model how the message names the model, e.g. "the model" or a file name
     * @param data how the message names the images, e.g. a data set's name
     */
    public String sizeMismatch(String model, String data, int channels, int rows, int cols) {
        if (rows == imageRows && cols == imageCols && channels == this.channels) {
            return null;
        }
        return model + " was trained on " + shape(this.channels, imageRows, imageCols) + " images, but " + data
                + " has " + shape(channels, rows, cols);
    }

    /** "28x28" for grey, "32x32x3" for colour. */
    private static String shape(int channels, int rows, int cols) {
        return rows + "x" + cols + (channels == 1 ? "" : "x" + channels);
    }

    /** Short human-readable description, e.g. "MLP 784-400-2, BCE, ELBO beta=1.0". */
    public String describe() {
        StringBuilder sb = new StringBuilder(ArchitectureCheck.architecture(this)).append(", ").append(reconstruction);
        switch (objective) {
            case ELBO -> sb.append(", ELBO beta=").append(beta);
            case RECON_ONLY -> sb.append(", reconstruction only (no KL)");
            case KL_ONLY -> sb.append(", KL only");
        }
        if (conditional()) {
            sb.append(", conditional on ").append(conditionClasses).append(" classes");
        }
        return sb.toString();
    }

    public ModelConfig withBeta(float newBeta) {
        return new ModelConfig(kind, imageRows, imageCols, latent, hidden, reconstruction, newBeta, objective, channels,
                conditionClasses);
    }

    public ModelConfig withObjective(Objective newObjective) {
        return new ModelConfig(kind, imageRows, imageCols, latent, hidden, reconstruction, beta, newObjective, channels,
                conditionClasses);
    }

    public ModelConfig withReconstruction(Likelihood newReconstruction) {
        return new ModelConfig(kind, imageRows, imageCols, latent, hidden, newReconstruction, beta, objective, channels,
                conditionClasses);
    }

    /** The same model told {@code classes} classes (a conditional VAE), or plain with 0. */
    public ModelConfig withConditionClasses(int classes) {
        return new ModelConfig(kind, imageRows, imageCols, latent, hidden, reconstruction, beta, objective, channels,
                classes);
    }
}
