package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import io.vaeexplorer.data.AssetLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} end to end on a small slice of the shipped MNIST: the file reads back into eval and render, and
 * PyTorch, given the Python of docs/export.md, loads it into pytorch/examples' VAE (bench/vae_ref.py) and into the
 * documented conv modules with the same -ELBO as eval's.
 */
class ExportCommandTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern NEG_ELBO = Pattern.compile("test -ELBO (\\S+) nats");

    @TempDir
    static Path temp;

    /** The tutorials' MLP, 784-400-2, so that pytorch/examples' VAE class takes it. */
    private static Path mlpDir;

    @BeforeAll
    static void train() {
        mlpDir = temp.resolve("mlp");
        CliTest.Run run = CliTest.run("train", "--limit", "1024", "--epochs", "2", "--hidden", "400", "--latent", "2",
                "--batch", "64", "--out", mlpDir.toString());
        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void anExportedModelScoresAsTheCheckpointItCameFrom() {
        CliTest.Run export = CliTest.run("export", "--model-dir", mlpDir.toString(), "--format", "safetensors");
        assertEquals(0, export.exit(), export.err());
        Path file = mlpDir.resolve("model.safetensors");
        assertTrue(Files.isRegularFile(file), export.out());
        assertTrue(export.out().contains("10 tensors under pytorch/examples' VAE names"), export.out());

        JsonObject fromCheckpoint = eval(mlpDir);
        JsonObject fromExport = eval(file);

        for (String key : List.of("test_neg_elbo", "test_recon", "test_kl", "kl_per_dim", "active_units")) {
            assertEquals(fromCheckpoint.get(key), fromExport.get(key), key);
        }
        assertEquals(0, fromExport.get("epochs").getAsInt(), "the history stays in the .vae file");
    }

    @Test
    void renderDrawsTheSameFigureFromTheExportedFile() throws IOException {
        Path file = temp.resolve("render.safetensors");
        assertEquals(0, CliTest.run("export", "--model-dir", mlpDir.toString(), "--out", file.toString()).exit());
        List<byte[]> pictures = new ArrayList<>();
        for (Path model : List.of(mlpDir, file)) {
            Path png = temp.resolve("recon-" + pictures.size() + ".png");
            CliTest.Run run = CliTest.run("render", "--model-dir", model.toString(), "--what", "recon", "--count", "6",
                    "--out", png.toString());
            assertEquals(0, run.exit(), run.err());
            pictures.add(Files.readAllBytes(png));
        }
        assertArrayEquals(pictures.get(0), pictures.get(1));
    }

    @Test
    void theFileGoesBesideTheCheckpointOrIntoTheFolderNamed() throws IOException {
        Path vae = Files.copy(mlpDir.resolve("model.vae"), temp.resolve("best.vae"));
        assertEquals(0, CliTest.run("export", "--model-dir", vae.toString()).exit());
        assertTrue(Files.isRegularFile(temp.resolve("best.safetensors")));

        Path folder = Files.createDirectories(temp.resolve("exports"));
        assertEquals(0, CliTest.run("export", "--model-dir", mlpDir.toString(), "--out", folder.toString()).exit());
        assertTrue(Files.isRegularFile(folder.resolve("model.safetensors")));
    }

    @Test
    void badOptionsAndDamagedFilesEndInOneLine() throws IOException {
        assertOneLineError(CliTest.run("export", "--model-dir", mlpDir.toString(), "--format", "onnx"),
                "--format must be safetensors, got 'onnx'");
        assertOneLineError(CliTest.run("export", "--model-dir", mlpDir.toString(), "--out",
                temp.resolve("m.bin").toString()), "--out must end in .safetensors");
        assertOneLineError(CliTest.run("export", "--model-dir", temp.resolve("none").toString()), "no model.vae in");

        Path file = temp.resolve("cut.safetensors");
        assertEquals(0, CliTest.run("export", "--model-dir", mlpDir.toString(), "--out", file.toString()).exit());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1000));
        assertOneLineError(CliTest.run("eval", "--model-dir", file.toString()), file + " is truncated");
        Files.write(file, Arrays.copyOf(bytes, 100));
        assertOneLineError(CliTest.run("eval", "--model-dir", file.toString()), file + " is truncated");
    }

    @Test
    void pytorchExamplesVaeTakesTheExportedMlpAndScoresItAsEvalDoes() throws Exception {
        assumePytorch();
        Path file = temp.resolve("python-mlp.safetensors");
        assertEquals(0, CliTest.run("export", "--model-dir", mlpDir.toString(), "--out", file.toString()).exit());

        double java = eval(file).get("test_neg_elbo").getAsDouble();
        double python = runDocumentedPython(1, file);

        assertEquals(java, python, 0.5, "eval's -ELBO and pytorch/examples' VAE's on the same test images");
    }

    @Test
    void theDocumentedConvModulesTakeAnExportedConvModelAndScoreItAsEvalDoes() throws Exception {
        assumePytorch();
        Path convDir = temp.resolve("conv");
        CliTest.Run train = CliTest.run("train", "--model", "conv", "--hidden", "8,16,32", "--latent", "2",
                "--limit", "2048", "--epochs", "1", "--batch", "32", "--out", convDir.toString());
        assertEquals(0, train.exit(), train.err());
        Path file = convDir.resolve("model.safetensors");
        CliTest.Run export = CliTest.run("export", "--model-dir", convDir.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("under sequential names"), export.out());

        JsonObject java = eval(file);
        double python = runDocumentedPython(2, file);

        assertTrue(java.get("test_kl").getAsDouble() > 1, "a model that uses z: " + java);
        assertEquals(java.get("test_neg_elbo").getAsDouble(), python, 0.5,
                "eval's -ELBO and the documented PyTorch modules' on the same test images");
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static JsonObject eval(Path model) {
        CliTest.Run run = CliTest.run("eval", "--model-dir", model.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        return run.json();
    }

    private static void assumePytorch() throws InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is missing");
        Assumptions.assumeTrue(exitCode(PYTHON.toString(), "-c", "import torch, numpy") == 0,
                PYTHON + " has no torch or numpy");
    }

    private static int exitCode(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Runs docs/export.md's first Python block followed by block {@code block} on the file and the shipped MNIST,
     * from the project folder (where the blocks find bench/vae_ref.py), and returns the -ELBO it prints.
     */
    private static double runDocumentedPython(int block, Path file) throws IOException, InterruptedException {
        List<String> blocks = pythonBlocks(Files.readString(Path.of("docs", "export.md")));
        assertTrue(blocks.size() > block, "docs/export.md has " + blocks.size() + " Python blocks");
        Path script = temp.resolve("load-" + block + ".py");
        Files.writeString(script, blocks.get(0) + blocks.get(block));
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString(),
                AssetLocator.mnistDir().toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "python did not finish: " + output);
        assertEquals(0, process.exitValue(), output);
        Matcher m = NEG_ELBO.matcher(output);
        assertTrue(m.find(), output);
        return Double.parseDouble(m.group(1));
    }

    private static List<String> pythonBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static void assertOneLineError(CliTest.Run run, String expected) {
        assertEquals(1, run.exit(), run.out());
        String err = run.err().strip();
        assertTrue(err.startsWith("error: ") && err.contains(expected), err + " should say " + expected);
        assertFalse(err.contains("\n"), "more than one line: " + err);
        assertFalse(err.contains("Exception"), err);
    }
}
