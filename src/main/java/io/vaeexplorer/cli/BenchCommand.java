package io.vaeexplorer.cli;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: trains the classic 784-400-d tutorial model (or the conv VAE) and times it, then times decoding
 * and encoding, the figures the PyTorch twins in {@code bench/} ({@code vae_ref.py}, {@code conv_ref.py}) report.
 * With {@code --reference} it runs the twin in between, pair by pair, and prints the ratios of the steady epoch
 * times: the median of epochs 2..N on both sides, as libtorch's first epoch (of the conv model above all) can be
 * much slower than the rest.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark training (epoch time, resident memory per epoch), decode latency and encode time "
                + "of the tutorial MLP VAE or the conv VAE; optionally side by side with its PyTorch twin.")
final class BenchCommand implements Callable<Integer> {

    /** The twins' folder, in the project folder. */
    static final Path TWINS = Path.of("bench");

    @Option(names = "--model", paramLabel = "mlp|conv", defaultValue = "mlp", converter = ModelOptions.KindConverter.class,
            description = "architecture: mlp or conv (default: ${DEFAULT-VALUE})")
    ModelKind kind;

    @Option(names = "--hidden", paramLabel = "H[,H...]", split = ",",
            description = "MLP hidden sizes (default 400); conv: channels c1,c2 and an optional dense layer (default 16,32,256)."
                    + " The conv twin takes the same sizes; the MLP twin has the default ones only.")
    List<Integer> hidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--latent", paramLabel = "N", defaultValue = "20", description = "latent size (default: ${DEFAULT-VALUE})")
    int latent;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "train on the first N images only (0 = all)")
    int limit;

    @Mixin
    DataOption data;

    @Option(names = "--reference", paramLabel = "SCRIPT", arity = "0..1", fallbackValue = "",
            description = "also run the PyTorch twin, alternating with ours: bench/vae_ref.py or bench/conv_ref.py for "
                    + "the model when no script is named")
    Path reference;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3", description = "Python with torch for --reference (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "1", description = "with --reference: runs of each, alternating (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--json", description = "print one JSON object with the results as the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Dataset dataset = data.load();
        List<JsonLine> ours = new ArrayList<>();
        List<ReferenceRun.Result> theirs = new ArrayList<>();
        Path script = referenceScript();
        ModelConfig config = modelConfig(dataset);
        List<String> twinArguments = script == null ? List.of() : twinArguments(dataset, config);
        if (script != null && kind == ModelKind.MLP && !config.hidden().equals(defaultHidden())) {
            System.out.println("note: the reference has the default sizes " + defaultHidden() + ", ours " + config.hidden());
        }
        int runs = script == null ? 1 : Math.max(1, pairs);
        for (int pair = 1; pair <= runs; pair++) {
            ours.add(runOurs(dataset, config));
            if (script != null) {
                System.out.println("reference run " + pair + "/" + runs + ": " + script);
                theirs.add(ReferenceRun.run(python, script, twinArguments, latent, epochs, batch, seed));
                System.out.println(theirs.get(theirs.size() - 1).summary());
            }
        }
        JsonLine line = ours.get(ours.size() - 1);
        if (script != null) {
            line.put("reference", BenchComparison.compare(ours, theirs));
            BenchComparison.print(ours, theirs, System.out);
        }
        if (json) {
            System.out.println(line);
        }
        return 0;
    }

    private List<Integer> defaultHidden() {
        return kind == ModelKind.CONV ? ModelConfig.DEFAULT_CONV_HIDDEN : ModelConfig.DEFAULT_MLP_HIDDEN;
    }

    private ModelConfig modelConfig(Dataset dataset) {
        List<Integer> sizes = hidden != null && !hidden.isEmpty() ? hidden : defaultHidden();
        return new ModelConfig(kind, dataset.train().rows(), dataset.train().cols(), latent, sizes, Likelihood.BCE,
                1f, Objective.ELBO, dataset.channels());
    }

    /**
     * What tells the twin the data and the model: the same folder, and for the conv twin the same pictures' size
     * and channels, the same number of training images (ours hold out a test share of a picture folder, the twin
     * does not) and the same layer sizes. The MLP's twin reads IDX files only and has the default sizes.
     */
    List<String> twinArguments(Dataset dataset, ModelConfig config) {
        boolean pictures = !DatasetLoader.holdsIdxFiles(data.folder());
        List<String> arguments = new ArrayList<>();
        if (kind == ModelKind.MLP) {
            if (pictures) {
                throw new UserError("the MLP's twin reads IDX files only; compare on pictures with --model conv");
            }
            return List.of("--data", data.folder().toString());
        }
        if (pictures) {
            arguments.addAll(List.of("--folder", data.folder().toString(), "--size", String.valueOf(config.imageRows()),
                    "--channels", String.valueOf(config.channels())));
        } else {
            arguments.addAll(List.of("--data", data.folder().toString()));
        }
        int trained = limit > 0 ? Math.min(limit, dataset.train().count()) : dataset.train().count();
        arguments.addAll(List.of("--train", String.valueOf(trained), "--hidden",
                config.hidden().stream().map(String::valueOf).collect(Collectors.joining(","))));
        return arguments;
    }

    /** The twin to run: the one named, the model's own in {@code bench/} when none is named, or null. */
    private Path referenceScript() {
        if (reference == null || !reference.toString().isEmpty()) {
            return reference;
        }
        Path script = TWINS.resolve(kind == ModelKind.CONV ? "conv_ref.py" : "vae_ref.py");
        if (!Files.isRegularFile(script)) {
            throw new UserError(script + " not found: run from the project folder or name the script after --reference");
        }
        return script;
    }

    private JsonLine runOurs(Dataset dataset, ModelConfig config) throws Exception {
        TrainingConfig training = new TrainingConfig(epochs, batch, 1e-3f, seed, limit);
        TrainingService service = new TrainingService(new TrainingRequest(dataset, config, training, null, 0));
        List<Double> rss = new ArrayList<>();
        service.addListener(event -> {
            if (event instanceof TrainingEvent.Epoch epoch) {
                rss.add(Math.round(ResidentMemory.megabytes() * 10) / 10.0);
                System.out.println(TrainingProgress.describe(epoch.record(), epoch.lastEpoch())
                        + String.format("  rss %.0f MB", rss.get(rss.size() - 1)));
            }
        });
        service.start();
        TrainingResult result = service.result().get();
        if (result.state() != TrainingState.FINISHED) {
            throw new UserError("benchmark run ended early: " + result.message());
        }
        Checkpoint checkpoint = result.checkpoint();
        List<Double> seconds = checkpoint.history().stream().map(EpochRecord::seconds).toList();
        ComputeDevice device = ComputeDevice.preferred();
        JsonLine line = new JsonLine()
                .put("model", config.describe())
                .put("epoch_seconds", seconds.stream().map(s -> Results.round(s)).toList())
                .put("epoch_seconds_median", Results.round(Results.median(seconds)))
                .put("steady_epoch_seconds_median", Results.round(Results.steadyMedian(seconds)))
                .put("samples_per_second", Results.whole(Results.median(
                        checkpoint.history().stream().map(EpochRecord::samplesPerSecond).toList())));
        Results.lossFields(line, result.test(), "no epoch finished");
        onThreadOfItsOwn(() -> {
            try (InferenceModel model = new InferenceModel(checkpoint.weights(), device)) {
                List<Double> one = decodeMicros(model, 1);
                List<Double> hundred = decodeMicros(model, 100);
                line.put("decode_1_us", Results.round(Results.median(one)))
                        .put("decode_1_p99_us", Results.round(Results.percentile(one, 99)))
                        .put("decode_100_us", Results.round(Results.median(hundred)))
                        .put("decode_100_p99_us", Results.round(Results.percentile(hundred, 99)))
                        .put("encode_test_ms", Results.round(encodeMillis(model, dataset)));
            }
        });
        line.put("rss_mb", rss)
                .put("peak_rss_mb", Results.round(ResidentMemory.peakMegabytes()))
                .put("device", device.describe())
                .put("training_step", result.stepMethod())
                .put("state", "finished");
        System.out.printf("decode 1 z: median %.1f us (p99 %.1f); decode 100: median %.1f us; encode %d test images: %.1f ms%n",
                line.number("decode_1_us"), line.number("decode_1_p99_us"),
                line.number("decode_100_us"), dataset.test().count(), line.number("encode_test_ms"));
        return line;
    }

    /**
     * Runs the inference timings on a thread that ends with them. libgomp keeps an OpenMP team of worker threads
     * for every thread that ran a parallel op, until that thread ends; with more such workers than cores, idle ones
     * stop spinning between parallel regions, so a team left on this thread would make each of the next training
     * runs' many small ops wait for a wake-up.
     */
    private static void onThreadOfItsOwn(Runnable work) throws Exception {
        FutureTask<Void> task = new FutureTask<>(work, null);
        Thread thread = new Thread(task, "vae-bench-inference");
        thread.start();
        try {
            task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.join();
        }
    }

    /** Latency of decoding {@code count} random z, 2000 timed calls after 200 warm-up calls, as the reference. */
    private List<Double> decodeMicros(InferenceModel model, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = model.config().latent();
        List<Double> times = new ArrayList<>();
        for (int call = 0; call < 2200; call++) {
            float[] z = new float[count * d];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            long t0 = System.nanoTime();
            model.decode(z, count);
            long t1 = System.nanoTime();
            if (call >= 200) {
                times.add((t1 - t0) / 1e3);
            }
        }
        return times;
    }

    /** Median over 5 runs (after one warm-up) of encoding the whole test set to its means in one batch. */
    private static double encodeMillis(InferenceModel model, Dataset dataset) {
        byte[] grey = dataset.test().grey();
        int n = dataset.test().count();
        List<Double> times = new ArrayList<>();
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            model.encodeGrey(grey, n);
            long t1 = System.nanoTime();
            if (rep > 0) {
                times.add((t1 - t0) / 1e6);
            }
        }
        return Results.median(times);
    }
}
