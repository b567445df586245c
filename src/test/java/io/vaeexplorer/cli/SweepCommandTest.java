package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.data.PictureFiles;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.sweep.SweepCsv;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep} end to end, in-process, on small slices of the shipped MNIST. */
@Timeout(180)
class SweepCommandTest {

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {
        /** Standard output holds nothing but the results, one JSON object per line. */
        List<JsonObject> json() {
            return out.lines().filter(l -> !l.isBlank()).map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        }
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

    @Test
    void theAblationPresetPrintsOneJsonLinePerRunAndWritesTheTableAndCheckpoints() throws Exception {
        Path out = temp.resolve("ablations");
        Path csv = temp.resolve("table.csv");
        Run run = run("sweep", "--preset", "ablations", "--limit", "600", "--epochs", "1", "--batch", "32",
                "--hidden", "32", "--latent", "2", "--iwae", "10", "--iwae-images", "50", "--out", out.toString(),
                "--csv", csv.toString());
        assertEquals(0, run.exit(), run.err());

        List<JsonObject> lines = run.json();
        assertEquals(3, lines.size(), run.out());
        assertEquals(List.of("elbo", "recon", "kl"), lines.stream().map(j -> j.get("objective").getAsString()).toList());
        for (int i = 0; i < 3; i++) {
            JsonObject json = lines.get(i);
            for (String key : List.of("run", "name", "model", "latent", "hidden", "loss", "beta", "objective", "epochs",
                    "batch", "lr", "seed", "limit", "test_neg_elbo", "test_recon", "test_kl", "iwae_log_likelihood",
                    "iwae_k", "train_seconds", "device", "checkpoint")) {
                assertTrue(json.has(key) && !json.get(key).isJsonNull(), "missing " + key + " in " + json);
            }
            assertEquals(i + 1, json.get("run").getAsInt());
            assertEquals("mlp", json.get("model").getAsString());
            assertEquals(32, json.getAsJsonArray("hidden").get(0).getAsInt());
            assertEquals(600, json.get("limit").getAsInt());
            assertEquals(10, json.get("iwae_k").getAsInt());
            double negElbo = json.get("test_neg_elbo").getAsDouble();
            assertEquals(negElbo, json.get("test_recon").getAsDouble() + json.get("test_kl").getAsDouble(), 1e-3);
            assertTrue(Double.isFinite(json.get("iwae_log_likelihood").getAsDouble()), json.toString());
            Path checkpoint = Path.of(json.get("checkpoint").getAsString());
            assertTrue(checkpoint.startsWith(out), checkpoint.toString());
            assertEquals(Objective.values()[i], CheckpointIO.load(checkpoint).config().objective());
        }
        // the ablations behave as they should: without the KL term the posterior drifts from the prior (large KL);
        // with only the KL term it sits on the prior (KL near 0) and reconstructs worst
        double klElbo = lines.get(0).get("test_kl").getAsDouble();
        double klRecon = lines.get(1).get("test_kl").getAsDouble();
        double klOnly = lines.get(2).get("test_kl").getAsDouble();
        assertTrue(klRecon > klElbo && klOnly < klElbo && klOnly < 0.5, klElbo + " " + klRecon + " " + klOnly);
        assertTrue(lines.get(2).get("test_recon").getAsDouble() > lines.get(1).get("test_recon").getAsDouble());

        List<String> table = Files.readAllLines(csv);
        assertEquals(4, table.size());
        assertEquals(String.join(",", SweepCsv.HEADER), table.get(0));
        assertTrue(table.get(3).startsWith("3,KL only,mlp,2,32,bce,1,kl,1,32,0.001,1,600,"), table.get(3));
        assertTrue(table.get(1).contains("," + String.format(Locale.ROOT, "%.4f",
                lines.get(0).get("test_neg_elbo").getAsDouble()) + ","), table.get(1));
        assertTrue(run.err().contains("run 3/3 (KL only)"), run.err());
        assertTrue(run.err().contains("3 finished, 0 failed, 0 cancelled"), run.err());
    }

    @Test
    void aFailedRunPrintsAnErrorLineTheSweepGoesOnAndTheExitCodeSaysSo() throws Exception {
        Path out = temp.resolve("axes");
        Run run = run("sweep", "--axes", "lr=1e6,1e-3", "--axes", "latent=3", "--limit", "300", "--epochs", "1",
                "--batch", "50", "--hidden", "16", "--iwae", "0", "--out", out.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("error: run 1/2 (lr=1e6 latent=3) failed: training diverged"), run.err());

        List<JsonObject> lines = run.json();
        assertEquals(1, lines.size(), run.out());
        JsonObject json = lines.get(0);
        assertEquals(2, json.get("run").getAsInt());
        assertEquals("lr=1e-3 latent=3", json.get("name").getAsString());
        assertEquals(3, json.get("latent").getAsInt());
        assertFalse(json.has("iwae_log_likelihood"), "IWAE was switched off: " + json); // JSON lines omit nulls
        // the table lands in the out folder by default and holds the finished run only
        List<String> table = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(2, table.size());
        assertTrue(Files.exists(out.resolve("02-lr1e-3_latent3").resolve("model.vae")));
        assertFalse(Files.exists(out.resolve("01-lr1e6_latent3")), "a failed run saves nothing");
    }

    @Test
    void theConditionalPresetTrainsThePlainAndTheConditionalModelAndAPictureSetWithoutClassesIsRefused()
            throws Exception {
        Path out = temp.resolve("conditional");
        Run run = run("sweep", "--preset", "conditional", "--limit", "300", "--epochs", "1", "--batch", "32",
                "--hidden", "32", "--latent", "2", "--iwae", "0", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        List<JsonObject> lines = run.json();
        assertEquals(List.of("plain", "conditional"), lines.stream().map(j -> j.get("name").getAsString()).toList());
        List<Integer> classes = new ArrayList<>();
        for (JsonObject json : lines) {
            classes.add(CheckpointIO.load(Path.of(json.get("checkpoint").getAsString())).config().conditionClasses());
            assertTrue(Double.isFinite(json.get("test_neg_elbo").getAsDouble()), json.toString());
        }
        assertEquals(List.of(0, 10), classes, "the plain model and the one told the ten digits");

        // pictures straight in the folder have no classes to tell
        Path flat = temp.resolve("flat");
        for (int i = 0; i < 20; i++) {
            PictureFiles.write(flat.resolve(i + ".png"), PictureFiles.square(16, 16, Color.BLACK, Color.WHITE, i % 8,
                    i / 8, 6));
        }
        PictureFolderFixture.CacheIn cache = PictureFolderFixture.cacheIn(temp.resolve("cache"));
        try {
            Run refused = run("sweep", "--data", flat.toString(), "--preset", "conditional", "--epochs", "1",
                    "--out", temp.resolve("flat-runs").toString());
            assertEquals(1, refused.exit(), refused.err());
            List<String> errors = refused.err().lines().filter(l -> l.startsWith("error:")).toList();
            assertEquals(1, errors.size(), refused.err());
            assertTrue(errors.get(0).startsWith("error: a conditional model needs labelled pictures, but flat has no"
                    + " classes"), refused.err());
            assertTrue(refused.out().isEmpty(), refused.out());
            assertFalse(Files.exists(temp.resolve("flat-runs")), "nothing trained");
        } finally {
            cache.close();
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyTrainingAndHelpExplainsTheSpec() {
        Run badSpec = run("sweep", "--axes", "latnt=2,20", "--out", temp.resolve("bad").toString());
        assertEquals(1, badSpec.exit());
        String err = badSpec.err().strip();
        assertTrue(err.startsWith("error: bad sweep spec: unknown axis 'latnt'"), err);
        assertFalse(err.contains("\n"), err);
        assertTrue(badSpec.out().isEmpty());
        assertFalse(Files.exists(temp.resolve("bad")), "nothing written for a bad spec");

        Run neither = run("sweep", "--epochs", "1");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("--axes") && neither.err().contains("--preset"), neither.err());
        Run both = run("sweep", "--axes", "latent=2", "--preset", "latents");
        assertEquals(2, both.exit());
        Run badPreset = run("sweep", "--preset", "everything");
        assertEquals(2, badPreset.exit());
        assertTrue(badPreset.err().contains("expected one of ablations, latents, conditional"), badPreset.err());

        Run help = run("sweep", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Usage:") && help.out().contains("hidden=400;64,32 beta=1,4")
                && help.out().contains("--csv"), help.out());
        assertTrue(run("--help").out().contains("sweep"));
    }
}
