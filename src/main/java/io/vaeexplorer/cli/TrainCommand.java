package io.vaeexplorer.cli;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.KlWeighting;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.store.CheckpointException;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: trains a VAE, saving a checkpoint after every epoch. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a VAE; a checkpoint is saved (atomically) in --out after every epoch.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Mixin
    ModelOptions model;

    @Mixin
    TrainingOptions optimisation;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue training the checkpoint in DIR (its model settings are kept)")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the checkpoint (default: runs/train-<time>)")
    Path out;

    @Option(names = "--json", description = "print one JSON object with the results as the last line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Dataset dataset = data.load();
        Checkpoint resumeFrom = resume == null ? null : CheckpointIO.load(resume);
        ModelConfig config = resumeFrom != null ? resumeFrom.config() : model.toConfig(dataset);
        TrainingConfig training = optimisation.toConfig();
        Path folder = out != null ? out : Path.of("runs", "train-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        console.println("training " + config.describe() + " on " + dataset.name() + " ("
                + dataset.withTrainLimit(training.limit()).train().count() + " images), " + training.epochs()
                + " epochs, batch " + training.batchSize() + ", lr " + training.learningRate() + ", seed "
                + training.seed() + (resumeFrom != null ? ", resuming after epoch "
                + resumeFrom.epochsDone() : ""));

        TrainingService service = new TrainingService(new TrainingRequest(dataset, config, training, resumeFrom, 0));
        CheckpointSaver saver = new CheckpointSaver(folder, System.err);
        try (TrainingProgress progress = new TrainingProgress(console, TrainingProgress.isTerminal())) {
            service.addListener(event -> {
                if (event instanceof TrainingEvent.StateChanged change && change.state() == TrainingState.RUNNING
                        && !deviceShown) {
                    deviceShown = true;
                    console.println("device: " + change.device());
                }
            });
            service.addListener(progress);
            service.addListener(saver);
            // Ctrl-C or SIGTERM: cancel, and hold the exit until the weights of the moment are saved and reported
            // (the JVM halts as soon as its hooks return, which would otherwise lose the epoch under way)
            CountDownLatch reported = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                service.cancel();
                try {
                    reported.await(SHUTDOWN_SAVE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vae-train-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                service.start();
                TrainingResult result = service.result().get();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // already exiting: the hook has cancelled the run and waits for this report
                }
                return report(result, saver, folder, console, dataset.withTrainLimit(training.limit()));
            } finally {
                reported.countDown();
            }
        }
    }

    /** How long a Ctrl-C or SIGTERM waits for the final save before the process ends anyway. */
    private static final long SHUTDOWN_SAVE_SECONDS = 30;

    private volatile boolean deviceShown;

    private int report(TrainingResult result, CheckpointSaver saver, Path folder, PrintStream console,
            Dataset trainedOn) {
        Checkpoint last = result.checkpoint();
        if (last != null && (result.state() != TrainingState.FINISHED || saver.failing())) {
            // keep what was learned before a cancel or a divergence; after a failed save try the folder once more
            saver.save(last);
        }
        Path modelFile = saver.failing() ? null : saver.saved();
        boolean unsaved = last != null && saver.failing();
        String error = null;
        if (unsaved) {
            // the process is about to end and take the model with it: put it where it can be written
            String where;
            try {
                modelFile = saver.rescue(last);
                where = "the model was saved to " + modelFile + " instead";
            } catch (CheckpointException e) {
                where = "saving it elsewhere failed too (" + e.getMessage() + "), so the model is lost";
            }
            error = saver.lastError() + "; " + where;
            System.err.println("error: " + error);
        }
        if (result.state() == TrainingState.FAILED) {
            System.err.println("error: " + result.message());
            error = error == null ? result.message() : result.message() + "; " + error;
        } else if (result.state() == TrainingState.CANCELLED) {
            String cancelled = "cancelled; the checkpoint holds the weights at the moment of cancelling";
            System.err.println(cancelled);
            error = error == null ? cancelled : cancelled + "; " + error;
        }
        if (modelFile != null) {
            console.println("checkpoint: " + modelFile);
        }
        if (json) {
            console.println(jsonLine(result, modelFile, error).putAll(dataFields(trainedOn)));
        }
        return result.state() == TrainingState.FAILED ? 2 : result.state() == TrainingState.CANCELLED ? 130
                : unsaved ? 1 : 0;
    }

    /** What the {@code --json} line says of the data trained on: its shape, classes and sizes. */
    static JsonLine dataFields(Dataset dataset) {
        return new JsonLine().put("image_size", dataset.rows()).put("channels", dataset.channels())
                .put("classes", dataset.classNames().size()).put("train_images", dataset.train().count())
                .put("test_images", dataset.test().count());
    }

    /** The {@code --json} line; {@code error} is what went wrong when the exit code is not 0, else null. */
    static JsonLine jsonLine(TrainingResult result, Path modelFile, String error) {
        List<EpochRecord> history = result.checkpoint() == null ? List.of() : result.checkpoint().history();
        String noEpoch = "no epoch finished";
        JsonLine line = Results.lossFields(new JsonLine(), result.test(), noEpoch)
                .put("epoch_seconds", history.stream().map(EpochRecord::seconds).toList())
                .putNumber("samples_per_second", Results.median(history.stream()
                        .map(EpochRecord::samplesPerSecond).toList()), history.isEmpty() ? noEpoch : null)
                .put("device", result.device())
                .put("training_step", result.stepMethod())
                .put("state", result.diverged() ? "diverged" : result.state().name().toLowerCase(Locale.ROOT))
                .put("model", result.checkpoint() == null ? null : result.checkpoint().config().describe())
                .put("epochs", history.size())
                .put("out", modelFile == null ? null : modelFile.toString());
        if (result.checkpoint() != null) {
            scheduleFields(line, result.checkpoint());
        }
        return line.put("error", error);
    }

    /**
     * The KL schedule and, per epoch of the checkpoint's history, the KL weight at the epoch's middle (the mean
     * weight over its steps, as the schedules are linear within an epoch but at their corners; 0 for a
     * reconstruction-only run), and the capacity under the capacity schedule; null for an epoch before the run.
     */
    static JsonLine scheduleFields(JsonLine line, Checkpoint checkpoint) {
        KlWeighting weighting = KlWeighting.of(checkpoint);
        int epochs = checkpoint.history().size();
        List<Double> weights = new ArrayList<>();
        List<Double> capacities = new ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            weights.add(beforeRunAsNull(weighting.weightInEpoch(i, epochs)));
            capacities.add(beforeRunAsNull(weighting.capacityInEpoch(i, epochs)));
        }
        line.put("beta_schedule", weighting.schedule().label()).put("beta_per_epoch", weights);
        if (weighting.hasCapacity()) {
            line.put("capacity_per_epoch", capacities);
        }
        return line;
    }

    private static Double beforeRunAsNull(double value) {
        return Double.isNaN(value) ? null : Results.round(value);
    }
}
