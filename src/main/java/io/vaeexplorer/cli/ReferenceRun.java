package io.vaeexplorer.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the PyTorch reference benchmark as a subprocess and reads the figures from its JSON file. */
final class ReferenceRun {

    /** The reference's figures, in the units our bench reports. */
    record Result(double epochSecondsMedian, double decode1Micros, double decode100Micros, double encodeTestMillis,
                  double testNegElbo) {
        String summary() {
            return String.format("reference: epoch %.3f s (median), test -ELBO %.2f, decode 1 z %.1f us, decode 100 %.1f us,"
                    + " encode 10k %.1f ms", epochSecondsMedian, testNegElbo, decode1Micros, decode100Micros, encodeTestMillis);
        }
    }

    private ReferenceRun() {
    }

    static Result run(String python, Path script, Path data, int latent, int epochs, int batch, long seed)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new UserError("reference script not found: " + script);
        }
        Path json = Files.createTempFile("vae-ref", ".json");
        try {
            List<String> command = List.of(python, script.toString(), "--data", data.toString(),
                    "--latent", String.valueOf(latent), "--epochs", String.valueOf(epochs),
                    "--batch", String.valueOf(batch), "--threads", String.valueOf(Runtime.getRuntime().availableProcessors()),
                    "--seed", String.valueOf(seed), "--json", json.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().filter(l -> l.startsWith("epoch")).forEach(l -> System.out.println("  ref " + l));
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new UserError("the reference exited with " + exit + " (is torch installed for " + python + "?)");
            }
            JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            JsonObject summary = root.getAsJsonObject("summary");
            JsonObject latency = root.getAsJsonObject("latency");
            return new Result(summary.get("epoch_wall_median_s").getAsDouble(),
                    latency.getAsJsonObject("decode_b1_us").get("median").getAsDouble(),
                    latency.getAsJsonObject("decode_b100_us").get("median").getAsDouble(),
                    root.getAsJsonObject("encode_test_10k").get("median_s").getAsDouble() * 1000,
                    summary.get("final_test_loss").getAsDouble());
        } finally {
            Files.deleteIfExists(json);
        }
    }
}
