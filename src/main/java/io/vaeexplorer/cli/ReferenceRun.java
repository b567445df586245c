package io.vaeexplorer.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vaeexplorer.concurrent.MallocTuning;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a PyTorch twin ({@code bench/vae_ref.py} or {@code bench/conv_ref.py}) as a subprocess and reads the figures
 * from its JSON file. The conv twin reports no latencies; those figures are then NaN.
 */
final class ReferenceRun {

    /**
     * The reference's figures, in the units our bench reports.
     *
     * @param epochSecondsMedian the median over all epochs
     * @param steadyEpochSecondsMedian the median over epochs 2..N (the only epoch's time if there is one)
     * @param peakResidentMb the twin process's resident high-water mark, NaN where it could not be read
     */
    record Result(double epochSecondsMedian, double steadyEpochSecondsMedian, double decode1Micros,
                  double decode100Micros, double encodeTestMillis, double testNegElbo, double peakResidentMb) {

        Result withPeakResidentMb(double megabytes) {
            return new Result(epochSecondsMedian, steadyEpochSecondsMedian, decode1Micros, decode100Micros,
                    encodeTestMillis, testNegElbo, megabytes);
        }

        String summary() {
            String text = String.format("reference: steady epoch %.3f s (median of epochs 2..N; all epochs %.3f s), "
                    + "test -ELBO %.2f", steadyEpochSecondsMedian, epochSecondsMedian, testNegElbo);
            if (!Double.isNaN(decode1Micros)) {
                text += String.format(", decode 1 z %.1f us, decode 100 %.1f us, encode 10k %.1f ms", decode1Micros,
                        decode100Micros, encodeTestMillis);
            }
            if (!Double.isNaN(peakResidentMb)) {
                text += String.format(", peak resident memory %.0f MB", peakResidentMb);
            }
            return text;
        }
    }

    private ReferenceRun() {
    }

    /**
     * Runs the twin once.
     *
     * @param dataArguments what tells the twin the data (and for the conv twin the model's sizes), e.g.
     *     {@code --data DIR}
     */
    static Result run(String python, Path script, List<String> dataArguments, int latent, int epochs, int batch,
                      long seed) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new UserError("reference script not found: " + script);
        }
        Path json = Files.createTempFile("vae-ref", ".json");
        try {
            List<String> command = new ArrayList<>(List.of(python, script.toString()));
            command.addAll(dataArguments);
            command.addAll(List.of("--latent", String.valueOf(latent), "--epochs", String.valueOf(epochs),
                    "--batch", String.valueOf(batch), "--threads", String.valueOf(Runtime.getRuntime().availableProcessors()),
                    "--seed", String.valueOf(seed), "--json", json.toString()));
            if (Files.readString(script).contains("--iwae-k")) {
                // the app's bench computes no IWAE bound; the twin's (k = 1000) would only add to its memory peak
                command.addAll(List.of("--iwae-k", "1", "--iwae-n", "1"));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // the twin runs with the malloc settings the app gives itself, unless the environment sets its own
            MallocTuning.environment().forEach(builder.environment()::putIfAbsent);
            Process process = builder.start();
            PeakWatch peak = new PeakWatch(process);
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().filter(l -> l.startsWith("epoch")).forEach(l -> System.out.println("  ref " + l));
            }
            int exit = process.waitFor();
            double peakMb = peak.stop();
            if (exit != 0) {
                throw new UserError("the reference exited with " + exit + " (is torch installed for " + python + "?)");
            }
            return read(JsonParser.parseString(Files.readString(json)).getAsJsonObject()).withPeakResidentMb(peakMb);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** The figures of either twin's JSON: both list their epochs' train_wall_s, only vae_ref.py has the rest. */
    static Result read(JsonObject root) {
        List<Double> seconds = new ArrayList<>();
        double lastTestLoss = Double.NaN;
        JsonElement epochs = root.get("epochs");
        if (epochs != null && epochs.isJsonArray()) {
            for (JsonElement epoch : epochs.getAsJsonArray()) {
                if (epoch.isJsonObject()) {
                    seconds.add(number(epoch.getAsJsonObject(), "train_wall_s"));
                    lastTestLoss = number(epoch.getAsJsonObject(), "test_neg_elbo");
                }
            }
        }
        double testNegElbo = number(root, "summary", "final_test_loss");
        return new Result(Results.median(seconds), Results.steadyMedian(seconds),
                number(root, "latency", "decode_b1_us", "median"),
                number(root, "latency", "decode_b100_us", "median"),
                number(root, "encode_test_10k", "median_s") * 1000,
                Double.isNaN(testNegElbo) ? lastTestLoss : testNegElbo, Double.NaN);
    }

    /**
     * Follows a child's resident high-water mark while it runs. The kernel forgets it when the process ends, so it
     * is read every 50 ms and the last reading kept; what the child adds in its last 50 ms can be missed, which is
     * why the twins' peaks (during training, not at exit) are what this is for.
     */
    private static final class PeakWatch {
        private final Thread thread;
        private volatile double peakMb = Double.NaN;

        PeakWatch(Process process) {
            thread = new Thread(() -> {
                while (process.isAlive()) {
                    double now = ResidentMemory.peakMegabytes(process.pid());
                    if (now > 0 && !(now <= peakMb)) {
                        peakMb = now;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "vae-bench-reference-memory");
            thread.setDaemon(true);
            thread.start();
        }

        double stop() throws InterruptedException {
            thread.join(1000);
            return peakMb;
        }
    }

    /**
     * The number at {@code path}, or NaN when it is absent, null or not a number: Python's json writes a failed
     * run's figures as NaN (which the lenient parser reads) or leaves them out, and the comparison then reports
     * them as missing instead of failing.
     */
    static double number(JsonObject root, String... path) {
        JsonElement element = root;
        for (String key : path) {
            element = element != null && element.isJsonObject() ? element.getAsJsonObject().get(key) : null;
        }
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()
                ? element.getAsDouble() : Double.NaN;
    }
}
