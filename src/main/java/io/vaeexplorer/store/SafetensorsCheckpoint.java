package io.vaeexplorer.store;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's weights as a safetensors file, for PyTorch and other tools, and such a file read back as a checkpoint.
 *
 * <p>The tensors are named as {@link TensorNames} says. The metadata holds strings only: {@value #FORMAT_KEY} (the
 * version of this layout), {@value #MODEL_KEY} and {@value #TRAINING_KEY} (the settings as JSON, as the checkpoint
 * header holds them), {@value #NAMING_KEY}, {@value #APP_KEY} and {@value #APP_VERSION_KEY}, {@value #DATA_KEY},
 * {@value #EPOCHS_KEY} and {@value #STEP_KEY}, and {@code "format": "pt"}, which tells Hugging Face's tools that the
 * tensors are PyTorch's. The training history stays in the .vae file: a model read from safetensors has none.
 *
 * <p>A file without the model settings is read when its tensors are pytorch/examples' VAE (a state dict saved in
 * Python): the sizes of fc1 and fc21 give the image, hidden and latent sizes, and the loss is that example's (BCE,
 * beta 1).
 */
public final class SafetensorsCheckpoint {

    public static final String EXTENSION = ".safetensors";
    /** The version of the metadata and naming layout; a file of a later one is refused. */
    public static final int FORMAT_VERSION = 1;

    static final String FORMAT_KEY = "vae_explorer_format";
    static final String MODEL_KEY = "model_config";
    static final String TRAINING_KEY = "training_config";
    static final String NAMING_KEY = "naming";
    static final String APP_KEY = "app";
    static final String APP_VERSION_KEY = "app_version";
    static final String DATA_KEY = "data";
    static final String EPOCHS_KEY = "epochs";
    static final String STEP_KEY = "step";

    private SafetensorsCheckpoint() {
    }

    /** Whether a path names a safetensors file (by its extension) rather than a folder or a .vae file. */
    public static boolean isSafetensors(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION) && !Files.isDirectory(path);
    }

    /**
     * Writes the checkpoint's weights and settings atomically to {@code file}.
     *
     * @param application the program's name and version for the metadata, e.g. "VAE latent-space explorer" and "0.1"
     * @return how the tensors were named
     * @throws CheckpointException if the file cannot be written; a previous file of that name is then untouched
     */
    public static TensorNames.Naming export(Checkpoint checkpoint, Path file, String application, String version) {
        ModelConfig config = checkpoint.config();
        TensorNames.Naming naming = TensorNames.namingFor(config);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(FORMAT_KEY, Integer.toString(FORMAT_VERSION));
        metadata.put(APP_KEY, application);
        metadata.put(APP_VERSION_KEY, version);
        metadata.put(NAMING_KEY, naming.key());
        metadata.put(MODEL_KEY, CheckpointIO.JSON.toJson(config));
        metadata.put(TRAINING_KEY, CheckpointIO.JSON.toJson(checkpoint.training()));
        metadata.put(DATA_KEY, checkpoint.dataName());
        metadata.put(EPOCHS_KEY, Integer.toString(checkpoint.epochsDone()));
        metadata.put(STEP_KEY, Long.toString(checkpoint.weights().step()));
        try {
            Safetensors.write(file, TensorNames.exported(checkpoint.weights().weights(), naming), metadata);
            return naming;
        } catch (IOException e) {
            throw new CheckpointException("cannot write " + file + ": " + CheckpointIO.describe(e), e);
        } catch (RuntimeException e) {
            throw new CheckpointException("cannot write " + file + ": " + CheckpointIO.oneLine(e), e);
        }
    }

    /**
     * Reads a safetensors file written by {@link #export} (or pytorch/examples' VAE saved from Python) as a
     * checkpoint without history.
     *
     * @throws CheckpointException naming the file and the problem when it is missing, damaged, of a later layout,
     *         or its tensors or settings are not a model of this program
     */
    public static Checkpoint load(Path file) {
        if (!Files.exists(file)) {
            Path folder = file.toAbsolutePath().getParent();
            throw new CheckpointException("no " + file.getFileName() + " in " + folder
                    + (Files.isDirectory(folder) ? "" : " (no such folder)"));
        }
        return toCheckpoint(file, Safetensors.read(file));
    }

    /** As {@link #load(Path)}, of a file's bytes already read. */
    static Checkpoint decode(Path file, byte[] bytes) {
        return toCheckpoint(file, Safetensors.decode(file, bytes));
    }

    private static Checkpoint toCheckpoint(Path file, Safetensors.Contents contents) {
        Map<String, String> metadata = contents.metadata();
        checkFormat(file, metadata.get(FORMAT_KEY));
        List<NamedWeight> weights;
        try {
            weights = TensorNames.network(contents.tensors());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage(), e);
        }
        ModelConfig config = metadata.containsKey(MODEL_KEY)
                ? parse(file, MODEL_KEY, metadata.get(MODEL_KEY), ModelConfig.class)
                : inferredConfig(file, weights);
        TrainingConfig training = metadata.containsKey(TRAINING_KEY)
                ? parse(file, TRAINING_KEY, metadata.get(TRAINING_KEY), TrainingConfig.class)
                : TrainingConfig.defaults();
        long step = metadata.containsKey(STEP_KEY) ? number(file, STEP_KEY, metadata.get(STEP_KEY)) : 0;
        return new Checkpoint(new WeightSnapshot(config, 0, step, weights), training, List.of(), null,
                metadata.get(DATA_KEY));
    }

    private static void checkFormat(Path file, String format) {
        if (format == null) {
            return;
        }
        long version = number(file, FORMAT_KEY, format);
        if (version > FORMAT_VERSION) {
            throw new CheckpointException(file + " was exported in layout version " + version
                    + ", but this program reads only version " + FORMAT_VERSION);
        }
    }

    private static long number(Path file, String key, String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CheckpointException(file + " has metadata " + key + " = '" + text + "', not a whole number >= 0",
                    e);
        }
    }

    private static <T> T parse(Path file, String key, String json, Class<T> type) {
        try {
            T value = CheckpointIO.JSON.fromJson(json, type);
            if (value == null) {
                throw new CheckpointException(file + " has empty " + key + " metadata");
            }
            return value;
        } catch (RuntimeException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException(file + " has unreadable " + key + " metadata: " + CheckpointIO.oneLine(e), e);
        }
    }

    /**
     * The settings of pytorch/examples' VAE whose tensors these are: fc1 (hidden x pixels) and fc21 (latent x
     * hidden) give the sizes, square grey images or square colour ones (3 planes); every other tensor must fit.
     */
    private static ModelConfig inferredConfig(Path file, List<NamedWeight> weights) {
        String refusal = file + " has no " + MODEL_KEY + " metadata, and its tensors are not pytorch/examples' VAE"
                + " (fc1, fc21, fc22, fc3, fc4), whose sizes would tell the model";
        if (weights.size() != 10 || weights.get(0).shape().length != 2 || weights.get(2).shape().length != 2) {
            throw new CheckpointException(refusal);
        }
        long hidden = weights.get(0).shape()[0];
        long pixels = weights.get(0).shape()[1];
        long latent = weights.get(2).shape()[0];
        long[][] expected = {
            {hidden, pixels}, {hidden}, {latent, hidden}, {latent}, {latent, hidden}, {latent},
            {hidden, latent}, {hidden}, {pixels, hidden}, {pixels}};
        String[] names = {"01encoder_01Linear_weight", "01encoder_01Linear_bias", "02mu_weight", "02mu_bias",
            "03logvar_weight", "03logvar_bias", "04decoder_01Linear_weight", "04decoder_01Linear_bias",
            "04decoder_03Linear_weight", "04decoder_03Linear_bias"};
        for (int i = 0; i < names.length; i++) {
            if (!weights.get(i).name().equals(names[i])) {
                throw new CheckpointException(refusal);
            }
            if (!Arrays.equals(weights.get(i).shape(), expected[i])) {
                throw new CheckpointException(file + ": tensor " + TensorNames.exportedName(names[i],
                        TensorNames.Naming.PYTORCH_EXAMPLES) + " has shape " + Arrays.toString(weights.get(i).shape())
                        + " where fc1 and fc21 make " + Arrays.toString(expected[i]) + " expected");
            }
        }
        int channels = 1;
        long side = Math.round(Math.sqrt(pixels));
        if (side * side != pixels) {
            channels = 3;
            side = Math.round(Math.sqrt(pixels / 3.0));
        }
        if (side * side * channels != pixels) {
            throw new CheckpointException(file + " has no " + MODEL_KEY + " metadata, and fc1's " + pixels
                    + " inputs are no square image (grey or colour); export it with the model settings");
        }
        try {
            return new ModelConfig(ModelKind.MLP, (int) side, (int) side, Math.toIntExact(latent),
                    List.of(Math.toIntExact(hidden)), Likelihood.BCE, 1f, Objective.ELBO, channels);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointException(file + " is no model this program can use: " + CheckpointIO.oneLine(e), e);
        }
    }
}
