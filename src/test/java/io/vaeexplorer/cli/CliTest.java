package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vaeexplorer.data.AssetLocator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process, on a small slice of the shipped MNIST. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTest {

    @TempDir
    static Path temp;

    private static Path modelDir;

    record Run(int exit, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            return lines.get(lines.size() - 1);
        }

        JsonObject json() {
            return JsonParser.parseString(lastLine()).getAsJsonObject();
        }
    }

    /** A copy of the shipped 2-D MNIST model in DIR/model, so that a default output path never lands in assets. */
    static Path copyOfShippedModel(Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.copy(AssetLocator.assetsDir().resolve("models/mnist-mlp-d2/model.vae"),
                model.resolve("model.vae"));
        return model;
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = VaeCommand.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void train() {
        modelDir = temp.resolve("model");
        Run run = run("train", "--limit", "1024", "--epochs", "2", "--hidden", "64", "--latent", "2", "--batch", "64",
                "--out", modelDir.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        lastTrain = run;
    }

    private static Run lastTrain;

    @Test
    @Order(1)
    void trainPrintsItsResultsAsOneJsonObjectLastAndSavesACheckpoint() {
        JsonObject json = lastTrain.json();
        for (String key : List.of("test_neg_elbo", "test_recon", "test_kl", "epoch_seconds", "samples_per_second",
                "device")) {
            assertTrue(json.has(key), "missing " + key + " in " + json);
        }
        assertEquals(2, json.getAsJsonArray("epoch_seconds").size());
        double negElbo = json.get("test_neg_elbo").getAsDouble();
        assertEquals(negElbo, json.get("test_recon").getAsDouble() + json.get("test_kl").getAsDouble(), 1e-3);
        assertTrue(negElbo > 100 && negElbo < 400, "test -ELBO " + negElbo);
        assertTrue(Files.exists(modelDir.resolve("model.vae")));
        assertTrue(lastTrain.out().contains("epoch 2/2"), lastTrain.out());
        // the command line's MLP trains through the scripted step, and says so
        assertEquals("TorchScript step, PyTorch fused Adam", json.get("training_step").getAsString());
    }

    @Test
    @Order(2)
    void evalReportsTheLossPartsAndAnIwaeBoundAboveTheElbo() {
        Run run = run("eval", "--model-dir", modelDir.toString(), "--iwae", "20", "--iwae-images", "100", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonObject json = run.json();
        double negElbo = json.get("test_neg_elbo").getAsDouble();
        double iwae = json.get("iwae_log_likelihood").getAsDouble();
        assertTrue(json.has("samples_per_second") && json.has("device"), json.toString());
        assertTrue(iwae < 0 && -iwae < negElbo + 15, "IWAE " + iwae + " vs -ELBO " + negElbo);
        // the latent space's use: the KL per dimension sums to the test KL (each rounded to four decimals)
        double klSum = 0;
        for (var kl : json.getAsJsonArray("kl_per_dim")) {
            klSum += kl.getAsDouble();
        }
        assertEquals(json.get("test_kl").getAsDouble(), klSum, 1e-3 * json.getAsJsonArray("kl_per_dim").size() + 0.05);
        int active = json.get("active_units").getAsInt();
        assertTrue(active >= 0 && active <= json.getAsJsonArray("kl_per_dim").size(), json.toString());
        assertTrue(json.get("mutual_information").getAsDouble() >= 0, json.toString());
        double knn = json.get("knn_accuracy").getAsDouble();
        assertTrue(knn >= 0 && knn <= 1, json.toString());
    }

    @Test
    @Order(3)
    void priorSamplesFromAMixtureFittedToTheTrainingCodesDifferFromTheNormalsAndRepeat() throws Exception {
        Path normal = temp.resolve("normal.png");
        Path mixture = temp.resolve("mixture.png");
        Path again = temp.resolve("mixture-again.png");
        assertEquals(0, run("render", "--model-dir", modelDir.toString(), "--what", "prior", "--count", "9",
                "--out", normal.toString()).exit());
        for (Path file : List.of(mixture, again)) {
            Run run = run("render", "--model-dir", modelDir.toString(), "--what", "prior", "--count", "9",
                    "--sampler", "gmm:4", "--out", file.toString());
            assertEquals(0, run.exit(), run.err());
        }
        assertArrayEquals(Files.readAllBytes(mixture), Files.readAllBytes(again), "the same seed, the same samples");
        assertFalse(Arrays.equals(Files.readAllBytes(normal), Files.readAllBytes(mixture)));
        assertOneLineError(run("render", "--model-dir", modelDir.toString(), "--what", "prior", "--sampler", "gmm"),
                "--sampler must be prior or gmm:K");
    }

    @Test
    @Order(3)
    void renderWritesEachFigureAsAPngOfTheExpectedSize() throws Exception {
        String[][] figures = {
            {"recon", "--count", "8"}, {"prior", "--count", "16"}, {"manifold", "--grid", "5"},
            {"sweep", "--eps-steps", "3"}, {"interpolate", "--steps", "6"}};
        for (String[] figure : figures) {
            Path png = temp.resolve(figure[0] + ".png");
            Run run = run("render", "--model-dir", modelDir.toString(), "--what", figure[0], figure[1], figure[2],
                    "--scale", "1", "--out", png.toString());
            assertEquals(0, run.exit(), figure[0] + ": " + run.err());
            BufferedImage image = ImageIO.read(png.toFile());
            int tile = 28 + 2; // image plus padding
            switch (figure[0]) {
                case "recon" -> assertEquals(8 * tile + 2, image.getWidth());
                case "prior" -> assertEquals(4 * tile + 2, image.getWidth());
                case "manifold" -> assertEquals(5 * tile + 2, image.getHeight());
                case "sweep" -> assertEquals(3 * tile + 2, image.getWidth());
                case "interpolate" -> assertEquals(6 * tile + 2, image.getWidth());
                default -> throw new AssertionError(figure[0]);
            }
        }
    }

    /** The window's rule for the swept dimensions: unknown ones fall back to 0 and 1, one twice is one row. */
    @Test
    @Order(4)
    void sweepDimensionsTheModelLacksFallBackAndOneDimensionTwiceIsOneRow() throws Exception {
        int[] firstTwo = renderSweep("0,1");
        assertEquals(3 * 30 + 2, firstTwo[0]);
        assertEquals(3 * 30 + 2, firstTwo[1]);
        assertTrue(Arrays.equals(firstTwo, renderSweep("0,9")), "0,9 sweeps 0 and 1");
        assertTrue(Arrays.equals(firstTwo, renderSweep("-1,1")), "-1,1 sweeps 0 and 1");
        int[] oneRow = renderSweep("1,1");
        assertEquals(3 * 30 + 2, oneRow[0]);
        assertEquals(30 + 2, oneRow[1], "one row of 3");

        Run single = run("render", "--model-dir", modelDir.toString(), "--what", "sweep", "--dims", "1",
                "--out", temp.resolve("bad-dims.png").toString());
        assertEquals(1, single.exit());
        assertOneLineError(single, "--dims needs two latent dimensions");
    }

    /** Width, height and grey levels of a 3-step sweep of test image 0 over the given dimensions. */
    private static int[] renderSweep(String dims) throws Exception {
        Path png = temp.resolve("sweep-" + dims + ".png");
        Run run = run("render", "--model-dir", modelDir.toString(), "--what", "sweep", "--eps-steps", "3",
                "--dims", dims, "--scale", "1", "--out", png.toString());
        assertEquals(0, run.exit(), dims + ": " + run.err());
        BufferedImage image = ImageIO.read(png.toFile());
        int[] levels = image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
        int[] all = new int[levels.length + 2];
        all[0] = image.getWidth();
        all[1] = image.getHeight();
        System.arraycopy(levels, 0, all, 2, levels.length);
        return all;
    }

    @Test
    void badDataGivesOneLineErrorAndExitCodeOne() throws Exception {
        Path empty = temp.resolve("empty-data");
        Files.createDirectories(empty);
        Run run = run("train", "--data", empty.toString(), "--epochs", "1");
        assertEquals(1, run.exit());
        assertOneLineError(run, "train-images-idx3-ubyte");
    }

    @Test
    void aCorruptCheckpointIsRefusedClearly() throws Exception {
        Path dir = temp.resolve("corrupt");
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.vae"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
        Run run = run("eval", "--model-dir", dir.toString());
        assertEquals(1, run.exit());
        assertOneLineError(run, "not a VAE explorer checkpoint");
    }

    @Test
    void badOptionsAreRefusedAndEveryCommandHasHelp() {
        Run bad = run("train", "--model", "rnn");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("expected mlp or conv"), bad.err());
        Run both = run("train", "--no-kl", "--kl-only");
        assertEquals(2, both.exit());
        for (String command : List.of("train", "eval", "render", "bench")) {
            Run help = run(command, "--help");
            assertEquals(0, help.exit(), command);
            assertTrue(help.out().contains("Usage:"), command + ": " + help.out());
        }
    }

    private static void assertOneLineError(Run run, String expected) {
        String err = run.err().strip();
        assertTrue(err.startsWith("error: "), err);
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("\n"), "more than one line: " + err);
        assertFalse(err.contains("Exception"), err);
    }
}
