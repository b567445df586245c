package io.vaeexplorer.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.ndarray.NDManager;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.engine.VaeBlock;
import io.vaeexplorer.engine.WeightCopier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsCheckpointTest {

    @TempDir
    Path dir;

    static List<ModelConfig> models() {
        return List.of(
                ModelConfig.mlp(2, List.of(400)),
                ModelConfig.mlp(3, List.of(64, 32)),
                ModelConfig.mlp(2, List.of(32)).withConditionClasses(10),
                new ModelConfig(ModelKind.CONV, 28, 28, 2, List.of(8, 16, 32), Likelihood.BCE, 1f, Objective.ELBO),
                new ModelConfig(ModelKind.CONV, 28, 28, 4, List.of(4), Likelihood.MSE, 0.5f, Objective.ELBO)
                        .withConditionClasses(3),
                new ModelConfig(ModelKind.CONV, 64, 64, 2, List.of(4, 8), Likelihood.BCE, 4f, Objective.RECON_ONLY,
                        3));
    }

    @ParameterizedTest
    @MethodSource("models")
    void exportThenImportGivesTheSameWeightsAndSettingsAndTheNetworkTakesThem(ModelConfig config) {
        Checkpoint original = checkpoint(config, 5);
        Path file = dir.resolve("model.safetensors");

        SafetensorsCheckpoint.export(original, file, "VAE latent-space explorer", "0.1");
        Checkpoint loaded = CheckpointIO.load(file);

        assertEquals(config, loaded.config());
        assertEquals(Float.floatToRawIntBits(config.beta()), Float.floatToRawIntBits(loaded.config().beta()));
        assertEquals(original.training(), loaded.training());
        assertEquals(original.dataName(), loaded.dataName());
        assertEquals(original.weights().step(), loaded.weights().step());
        assertEquals(original.weights().weights(), loaded.weights().weights(), "names, order, shapes and values");
        assertTrue(loaded.history().isEmpty(), "the history stays in the .vae file");
        assertArrayEquals(decodeSome(original.weights()), decodeSome(loaded.weights()));
    }

    @Test
    void theOneHiddenLayerMlpCarriesPytorchExamplesNamesAndShapes() {
        Checkpoint checkpoint = checkpoint(ModelConfig.mlp(20, List.of(400)), 1);
        Path file = dir.resolve("mlp.safetensors");

        assertEquals(TensorNames.Naming.PYTORCH_EXAMPLES,
                SafetensorsCheckpoint.export(checkpoint, file, "app", "1"));
        Safetensors.Contents contents = Safetensors.read(file);

        assertEquals(List.of("fc1.weight[400, 784]", "fc1.bias[400]", "fc21.weight[20, 400]", "fc21.bias[20]",
                "fc22.weight[20, 400]", "fc22.bias[20]", "fc3.weight[400, 20]", "fc3.bias[400]",
                "fc4.weight[784, 400]", "fc4.bias[784]"), names(contents.tensors()));
        Map<String, String> metadata = contents.metadata();
        assertEquals("pt", metadata.get("format"));
        assertEquals("1", metadata.get(SafetensorsCheckpoint.FORMAT_KEY));
        assertEquals("app", metadata.get(SafetensorsCheckpoint.APP_KEY));
        assertEquals("1", metadata.get(SafetensorsCheckpoint.APP_VERSION_KEY));
        assertEquals("pytorch-examples-vae", metadata.get(SafetensorsCheckpoint.NAMING_KEY));
        assertEquals("2", metadata.get(SafetensorsCheckpoint.EPOCHS_KEY));
        assertTrue(metadata.get(SafetensorsCheckpoint.MODEL_KEY).contains("\"latent\":20"),
                metadata.get(SafetensorsCheckpoint.MODEL_KEY));
    }

    @Test
    void otherModelsNumberTheirLayersAsTorchSequentialDoes() {
        ModelConfig conv = new ModelConfig(ModelKind.CONV, 28, 28, 2, List.of(16, 32, 256), Likelihood.BCE, 1f,
                Objective.ELBO);
        Path file = dir.resolve("conv.safetensors");

        assertEquals(TensorNames.Naming.SEQUENTIAL,
                SafetensorsCheckpoint.export(checkpoint(conv, 1), file, "app", "1"));

        // encoder: unflatten, conv, relu, conv, relu, flatten, linear, relu; decoder: linear, relu, linear, relu,
        // unflatten, upsample, conv, relu, upsample, conv, flatten
        assertEquals(List.of("encoder.1.weight[16, 1, 3, 3]", "encoder.1.bias[16]", "encoder.3.weight[32, 16, 3, 3]",
                "encoder.3.bias[32]", "encoder.6.weight[256, 1568]", "encoder.6.bias[256]", "mu.weight[2, 256]",
                "mu.bias[2]", "logvar.weight[2, 256]", "logvar.bias[2]", "decoder.0.weight[256, 2]",
                "decoder.0.bias[256]", "decoder.2.weight[1568, 256]", "decoder.2.bias[1568]",
                "decoder.6.weight[16, 32, 3, 3]", "decoder.6.bias[16]", "decoder.9.weight[1, 16, 3, 3]",
                "decoder.9.bias[1]"), names(Safetensors.read(file).tensors()));
        assertEquals(List.of("encoder.0.weight[32, 784]", "encoder.0.bias[32]", "mu.weight[2, 42]", "mu.bias[2]",
                "logvar.weight[2, 42]", "logvar.bias[2]", "decoder.0.weight[32, 12]", "decoder.0.bias[32]",
                "decoder.2.weight[784, 32]", "decoder.2.bias[784]"),
                names(TensorNames.exported(checkpoint(ModelConfig.mlp(2, List.of(32)).withConditionClasses(10), 1)
                        .weights().weights(), TensorNames.Naming.SEQUENTIAL)));
    }

    @Test
    void tensorsInAnyOrderComeBackInTheNetworksOrder() throws IOException {
        Checkpoint original = checkpoint(ModelConfig.mlp(3, List.of(16, 8)), 2);
        List<NamedWeight> exported = new ArrayList<>(TensorNames.exported(original.weights().weights(),
                TensorNames.Naming.SEQUENTIAL));
        Collections.sort(exported, (a, b) -> a.name().compareTo(b.name())); // as Python's safetensors writes them
        Path file = dir.resolve("sorted.safetensors");
        Safetensors.write(file, exported, Map.of(SafetensorsCheckpoint.MODEL_KEY,
                CheckpointIO.JSON.toJson(original.config())));

        Checkpoint loaded = CheckpointIO.load(file);

        assertEquals(original.weights().weights(), loaded.weights().weights());
        assertEquals(TrainingConfig.defaults(), loaded.training());
        assertEquals("unknown", loaded.dataName());
    }

    @Test
    void aStateDictOfPytorchExamplesWithoutMetadataReadsAsItsMlp() throws IOException {
        for (ModelConfig config : List.of(ModelConfig.mlp(2, List.of(400)),
                new ModelConfig(ModelKind.MLP, 32, 32, 5, List.of(64), Likelihood.BCE, 1f, Objective.ELBO, 3))) {
            Checkpoint original = checkpoint(config, 3);
            Path file = dir.resolve("state_dict.safetensors");
            Safetensors.write(file, TensorNames.exported(original.weights().weights(),
                    TensorNames.Naming.PYTORCH_EXAMPLES), Map.of("format", "pt"));

            Checkpoint loaded = CheckpointIO.load(file);

            assertEquals(config, loaded.config());
            assertEquals(original.weights().weights(), loaded.weights().weights());
        }
    }

    @Test
    void filesThatAreNoModelOfThisProgramAreRefusedInOneLine() throws IOException {
        Checkpoint mlp = checkpoint(ModelConfig.mlp(2, List.of(32)), 4);
        List<NamedWeight> fc = TensorNames.exported(mlp.weights().weights(), TensorNames.Naming.PYTORCH_EXAMPLES);
        String config = CheckpointIO.JSON.toJson(mlp.config());

        Path unknown = write("unknown.safetensors", List.of(fc.get(0), renamed(fc.get(1), "fc9.bias")), Map.of());
        assertRefused(unknown, "tensor fc9.bias is no weight of this program's VAE");
        Path orphan = write("orphan.safetensors", List.of(fc.get(1)), Map.of(SafetensorsCheckpoint.MODEL_KEY, config));
        assertRefused(orphan, "fc1.bias is a bias without its weight");
        Path twice = write("twice.safetensors", List.of(fc.get(0), renamed(fc.get(0), "encoder.0.weight")), Map.of());
        assertRefused(twice, "name the same parameter");
        Path incomplete = write("incomplete.safetensors", fc.subList(0, 8), Map.of());
        assertRefused(incomplete, "has no model_config metadata, and its tensors are not pytorch/examples' VAE");
        List<NamedWeight> wrongShape = new ArrayList<>(fc);
        wrongShape.set(9, new NamedWeight("fc4.bias", new long[] {783}, new float[783]));
        assertRefused(write("shape.safetensors", wrongShape, Map.of()),
                "tensor fc4.bias has shape [783] where fc1 and fc21 make [784] expected");
        assertRefused(write("newer.safetensors", fc, Map.of(SafetensorsCheckpoint.FORMAT_KEY, "2")),
                "exported in layout version 2, but this program reads only version 1");
        assertRefused(write("badjson.safetensors", fc, Map.of(SafetensorsCheckpoint.MODEL_KEY, "{\"kind\": ")),
                "unreadable model_config metadata");
        assertRefused(write("badkind.safetensors", fc, Map.of(SafetensorsCheckpoint.MODEL_KEY,
                config.replace("MLP", "RNN"))), "unreadable model_config metadata");
        assertRefused(write("badstep.safetensors", fc, Map.of(SafetensorsCheckpoint.MODEL_KEY, config,
                SafetensorsCheckpoint.STEP_KEY, "-3")), "step = '-3', not a whole number");
        assertRefused(dir.resolve("absent.safetensors"), "no absent.safetensors in " + dir);
    }

    @Test
    void anExportRenamedToVaeIsStillReadAsTheModel() throws IOException {
        Checkpoint original = checkpoint(ModelConfig.mlp(2, List.of(32)), 6);
        Path exported = dir.resolve("renamed.safetensors");
        SafetensorsCheckpoint.export(original, exported, "app", "1");
        Path renamed = Files.move(exported, dir.resolve("renamed.vae"));

        Checkpoint loaded = CheckpointIO.load(renamed);

        assertEquals(original.config(), loaded.config());
        assertEquals(original.weights().weights(), loaded.weights().weights());
    }

    @Test
    void aModelOfAnotherArchitectureIsRefusedWhenOneIsExpected() {
        Path file = dir.resolve("other.safetensors");
        SafetensorsCheckpoint.export(checkpoint(ModelConfig.mlp(2, List.of(32)), 1), file, "app", "1");

        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointIO.load(file, ModelConfig.mlp(20, List.of(400))));

        assertEquals(file + " is MLP 784-32-2 but MLP 784-400-20 was expected", e.getMessage());
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /** A checkpoint of the model with the network's own parameter names and shapes, and seeded random values. */
    static Checkpoint checkpoint(ModelConfig config, long seed) {
        WeightSnapshot shapes;
        try (NDManager manager = NDManager.newBaseManager()) {
            VaeBlock block = new VaeBlock(config);
            block.allocateFor(manager);
            shapes = WeightCopier.snapshot(block, 7, 938);
        }
        Random random = new Random(seed);
        List<NamedWeight> weights = new ArrayList<>();
        for (NamedWeight w : shapes.weights()) {
            float[] values = new float[w.values().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (0.1 * random.nextGaussian());
            }
            weights.add(new NamedWeight(w.name(), w.shape(), values));
        }
        List<EpochRecord> history = List.of(
                new EpochRecord(1, 469, new LossParts(160, 5), new LossParts(150, 5), 2.5, 24000),
                new EpochRecord(2, 938, new LossParts(140, 6), new LossParts(139, 6), 2.4, 25000));
        TrainingConfig training = new TrainingConfig(2, 128, 3e-4f, 42, 1000, KlSchedule.parse("warmup:2"));
        return new Checkpoint(new WeightSnapshot(config, 7, 938, weights), training, history, "cpu()", "mnist");
    }

    /** A few decoded images (each class for a conditional model), to show the network takes the weights. */
    private static float[] decodeSome(WeightSnapshot snapshot) {
        try (InferenceModel model = new InferenceModel(snapshot, ComputeDevice.cpu())) {
            int count = 3;
            float[] z = new float[count * model.latent()];
            for (int i = 0; i < z.length; i++) {
                z[i] = 0.5f * (i % 5) - 1f;
            }
            return model.decode(z, new int[] {0, 1, 2}, count);
        }
    }

    private Path write(String name, List<NamedWeight> tensors, Map<String, String> metadata) throws IOException {
        Path file = dir.resolve(name);
        Safetensors.write(file, tensors, new LinkedHashMap<>(metadata));
        return file;
    }

    private static NamedWeight renamed(NamedWeight weight, String name) {
        return new NamedWeight(name, weight.shape(), weight.values());
    }

    private static List<String> names(List<NamedWeight> tensors) {
        return tensors.stream().map(NamedWeight::toString).toList();
    }

    private static void assertRefused(Path file, String expected) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointIO.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage() + " should say " + expected);
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
