package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonObject;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.MetricsCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --json} when the run goes wrong: the last line is still strict JSON and says what happened. */
@Timeout(120)
class TrainJsonTest {

    @TempDir
    Path temp;

    @Test
    void aDivergingRunExitsNonZeroAndItsLastLineIsStrictJsonSayingItDiverged() {
        CliTest.Run run = CliTest.run("train", "--limit", "300", "--epochs", "1", "--batch", "50", "--hidden", "16",
                "--latent", "2", "--lr", "1e6", "--out", temp.resolve("diverged").toString(), "--json");

        assertNotEquals(0, run.exit(), run.out() + run.err());
        String last = run.lastLine();
        JsonObject json = JsonLineTest.parseStrict(last);
        assertEquals("diverged", json.get("state").getAsString(), last);
        String error = json.get("error").getAsString();
        assertTrue(error.startsWith("training diverged at step "), error);
        assertTrue(error.contains("term"), "names the loss term that broke: " + error);
        assertTrue(run.err().contains("error: " + error), run.err());
        // no epoch finished, so there is no speed and no test loss: null, with the reason beside
        for (String key : List.of("samples_per_second", "test_neg_elbo", "test_recon", "test_kl")) {
            assertTrue(json.has(key) && json.get(key).isJsonNull(), key + " in " + last);
            assertEquals("no epoch finished", json.get(key + "_missing").getAsString(), last);
        }
        assertEquals(0, json.get("epochs").getAsInt());
    }

    @Test
    void aWarmUpIsReportedPerEpochAndABadScheduleIsRefusedInOneLine() throws Exception {
        CliTest.Run run = CliTest.run("train", "--limit", "256", "--epochs", "2", "--batch", "64", "--hidden", "16",
                "--latent", "2", "--beta-schedule", "warmup:2", "--out", temp.resolve("warm").toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonObject json = JsonLineTest.parseStrict(run.lastLine());
        assertEquals("warmup:2", json.get("beta_schedule").getAsString());
        // the weight at each epoch's middle: a quarter and three quarters of the way up
        assertEquals(List.of(0.25, 0.75), json.getAsJsonArray("beta_per_epoch").asList().stream()
                .map(e -> e.getAsDouble()).toList());
        assertTrue(!json.has("capacity_per_epoch"));
        assertEquals(List.of(0.25, 0.75), betasLogged(json), "metrics.csv logs the same weights");

        CliTest.Run bad = CliTest.run("train", "--limit", "256", "--epochs", "1", "--beta-schedule", "linear:3",
                "--out", temp.resolve("bad").toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().trim().startsWith("error: 'linear:3' is not a KL schedule"), bad.err());
        assertEquals(1, bad.err().trim().lines().count(), bad.err());
    }

    @Test
    void aReconstructionOnlyRunReportsNoKlWeightInItsJsonAndItsMetricsAlike() throws Exception {
        CliTest.Run run = CliTest.run("train", "--limit", "256", "--epochs", "2", "--batch", "64", "--hidden", "16",
                "--latent", "2", "--no-kl", "--beta", "4", "--beta-schedule", "capacity:10:2", "--out",
                temp.resolve("recon").toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonObject json = JsonLineTest.parseStrict(run.lastLine());
        assertEquals("capacity:10:2", json.get("beta_schedule").getAsString());
        assertEquals(List.of(0.0, 0.0), json.getAsJsonArray("beta_per_epoch").asList().stream()
                .map(e -> e.getAsDouble()).toList(), "no KL term, so no weight on it");
        assertTrue(!json.has("capacity_per_epoch"), "no KL term to hold to a capacity");
        assertEquals(List.of(0.0, 0.0), betasLogged(json));
        for (List<String> row : metricsRows(json)) {
            assertEquals("", row.get(MetricsCsv.COLUMNS.indexOf("capacity")), String.join(",", row));
        }
    }

    /** The beta column of the metrics.csv beside the model a {@code train --json} line names. */
    private static List<Double> betasLogged(JsonObject json) throws Exception {
        int beta = MetricsCsv.COLUMNS.indexOf("beta");
        return metricsRows(json).stream().map(row -> Double.parseDouble(row.get(beta))).toList();
    }

    private static List<List<String>> metricsRows(JsonObject json) throws Exception {
        Path metrics = CheckpointIO.metricsFile(Path.of(json.get("out").getAsString()));
        List<String> lines = Files.readAllLines(metrics);
        assertEquals(String.join(",", MetricsCsv.COLUMNS), lines.get(0));
        return lines.subList(1, lines.size()).stream().map(line -> List.of(line.split(",", -1))).toList();
    }
}
