package io.vaeexplorer.cli;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.sweep.SweepCsv;
import io.vaeexplorer.sweep.SweepEvent;
import io.vaeexplorer.sweep.SweepPlan;
import io.vaeexplorer.sweep.SweepResult;
import io.vaeexplorer.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sweep}: trains a set of configurations one after another. Standard output carries only the results, one
 * JSON object per finished run, so it can be redirected to a .jsonl file; progress and errors go to standard error.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train several configurations one after another: the cartesian product of the base options and the "
                    + "axes of --axes, or a preset. Each finished run prints one JSON object on standard output "
                    + "(its settings, test_neg_elbo, test_recon, test_kl, iwae_log_likelihood, train_seconds, "
                    + "device, checkpoint); progress and errors go to standard error. Every run's checkpoint is "
                    + "saved under --out, the results table to --csv. A failed run is reported and the sweep goes "
                    + "on; the exit code is 2 if any run failed.",
            "",
            "Axes: NAME=VALUES separated by blanks (quote the whole spec in a shell). Values are separated by ',' "
                    + "(or ';'); for hidden, whose values are lists, ';' separates values and ',' the sizes of one "
                    + "value. Names: model (mlp|conv), latent, hidden, loss (bce|mse), beta, objective "
                    + "(elbo|recon|kl), epochs, batch, lr, seed, limit, conditional (no|yes). The first axis varies "
                    + "slowest. Example:",
            "  ./run.sh sweep --epochs 5 --axes 'latent=2,20 hidden=400;64,32 beta=1,4'",
            ""})
final class SweepCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--axes", paramLabel = "SPEC", required = true,
                description = "axes to sweep, e.g. 'latent=2,20 beta=1,4' (may be repeated; the axes add up)")
        List<String> axes;

        @Option(names = "--preset", paramLabel = "ablations|latents|conditional", required = true,
                converter = PresetConverter.class, description = "ablations: full ELBO, reconstruction only, KL only;"
                        + " latents: latent size 2 and 20; conditional: the plain model and the one told each image's"
                        + " class (needs labelled data)")
        SweepPlan.Preset preset;
    }

    @Mixin
    ModelOptions model;

    /** Every run's optimisation settings, unless an axis varies them. */
    @Mixin
    TrainingOptions optimisation;

    @Option(names = "--iwae", paramLabel = "K", defaultValue = "50", description = "importance samples of the IWAE bound on log p(x), 0 = skip (default: ${DEFAULT-VALUE})")
    int iwaeSamples;

    @Option(names = "--iwae-images", paramLabel = "N", defaultValue = "500", description = "test images for the IWAE bound, 0 = all (default: ${DEFAULT-VALUE})")
    int iwaeImages;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the runs' checkpoints, one sub-folder each (default: runs/sweep-<time>)")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", description = "results table, rewritten after every finished run (default: <out>/sweep.csv)")
    Path csv;

    @Override
    public Integer call() throws Exception {
        PrintStream results = System.out;
        PrintStream log = System.err;
        if (iwaeSamples < 0 || iwaeImages < 0) {
            throw new UserError("--iwae and --iwae-images must be >= 0");
        }
        Dataset dataset = data.load();
        ModelConfig base = model.toConfig(dataset);
        TrainingConfig training = optimisation.toConfig();
        SweepPlan plan = what.preset != null ? what.preset.plan(base, training, dataset::conditionClasses)
                : SweepPlan.parse(String.join(" ", what.axes), base, training, dataset::conditionClasses);
        Path folder = out != null ? out : Path.of("runs", "sweep-" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path table = csv != null ? csv : folder.resolve("sweep.csv");
        log.println("sweep of " + plan.size() + " run" + (plan.size() == 1 ? "" : "s") + " on " + dataset.name()
                + " (" + dataset.withTrainLimit(training.limit()).train().count() + " training images); checkpoints under "
                + folder + ", table in " + table);

        SweepRunner runner = new SweepRunner(dataset, plan, new SweepRunner.Options(iwaeSamples, iwaeImages, 200, 0,
                folder));
        CsvWriter csvWriter = new CsvWriter(table, log);
        try (Progress progress = new Progress(plan, log, TrainingProgress.isTerminal())) {
            runner.addListener(progress);
            runner.addListener(event -> {
                if (event instanceof SweepEvent.RunFinished finished) {
                    results.println(json(finished.result()));
                    csvWriter.write(runner.results());
                }
            });
            Thread hook = new Thread(runner::cancelAll);
            Runtime.getRuntime().addShutdownHook(hook);
            runner.start();
            SweepEvent.SweepFinished end = runner.result().get();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already exiting: the hook has cancelled the sweep
            }
            csvWriter.write(end.results()); // also when nothing finished: a header-only table says so
            long failed = end.count(SweepRunner.RunStatus.FAILED);
            long cancelled = end.count(SweepRunner.RunStatus.CANCELLED);
            log.printf(Locale.ROOT, "sweep done in %.1f s: %d finished, %d failed, %d cancelled%s%n", end.seconds(),
                    end.count(SweepRunner.RunStatus.FINISHED), failed, cancelled,
                    csvWriter.written ? "; table: " + table : "");
            return failed > 0 ? 2 : cancelled > 0 ? 130 : csvWriter.written ? 0 : 1;
        }
    }

    /** One finished run as one JSON line: its settings, then what it achieved. */
    static JsonLine json(SweepResult r) {
        ModelConfig m = r.model();
        TrainingConfig t = r.training();
        JsonLine line = new JsonLine()
                .put("run", r.index() + 1)
                .put("name", r.name())
                .put("model", m.kind().name().toLowerCase(Locale.ROOT))
                .put("latent", m.latent())
                .put("hidden", m.hidden())
                .put("loss", m.reconstruction().name().toLowerCase(Locale.ROOT))
                .put("beta", m.beta())
                .put("objective", SweepPlan.specName(m.objective()))
                .put("epochs", r.epochs())
                .put("batch", t.batchSize())
                .put("lr", t.learningRate())
                .put("seed", t.seed())
                .put("limit", t.limit());
        Results.lossFields(line, r.test(), "no test loss was measured");
        if (r.hasIwae()) {
            line.putNumber("iwae_log_likelihood", Results.round(r.iwaeLogLikelihood()),
                            "the bound is " + JsonLine.describe(r.iwaeLogLikelihood()))
                    .put("iwae_k", r.iwaeSamples())
                    .put("iwae_images", r.iwaeImages());
        }
        return line.put("train_seconds", Results.round(r.trainSeconds()))
                .put("device", r.device())
                .put("checkpoint", r.checkpointFile() == null ? null : r.checkpointFile().toString())
                .put("state", "finished");
    }

    /** Rewrites the table after each run, so a killed sweep keeps what it finished; warns once per problem. */
    private static final class CsvWriter {
        private final Path file;
        private final PrintStream log;
        private volatile boolean written;
        private String lastError;

        CsvWriter(Path file, PrintStream log) {
            this.file = file;
            this.log = log;
        }

        synchronized void write(List<SweepResult> results) {
            try {
                SweepCsv.write(file, results);
                written = true;
                lastError = null;
            } catch (IOException e) {
                String message = "error: cannot write " + file + ": " + e;
                if (!message.equals(lastError)) {
                    log.println(message);
                }
                lastError = message;
                written = false;
            }
        }
    }

    /**
     * Progress on standard error: in a terminal a bar per run (all its epochs) with the latest loss; elsewhere one
     * line per epoch. Either way one line per run's end.
     */
    static final class Progress implements Consumer<SweepEvent>, AutoCloseable {
        private final SweepPlan plan;
        private final PrintStream out;
        private final boolean terminal;
        private ProgressBar bar;

        Progress(SweepPlan plan, PrintStream out, boolean terminal) {
            this.plan = plan;
            this.out = out;
            this.terminal = terminal;
        }

        private String label(int index) {
            return "run " + (index + 1) + "/" + plan.size() + " (" + plan.run(index).name() + ")";
        }

        @Override
        public void accept(SweepEvent event) {
            if (event instanceof SweepEvent.RunStarted started) {
                out.println(label(started.index()) + ": " + started.run().model().describe() + ", "
                        + started.run().training().epochs() + " epochs, batch " + started.run().training().batchSize()
                        + ", lr " + started.run().training().learningRate() + ", seed " + started.run().training().seed());
            } else if (event instanceof SweepEvent.RunProgress p && terminal) {
                if (bar == null) {
                    bar = new ProgressBarBuilder().setTaskName("run " + (p.index() + 1) + "/" + plan.size())
                            .setInitialMax((long) p.epochs() * p.batchesPerEpoch()).setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(250).setUnit(" batches", 1).build();
                }
                bar.stepTo((long) (p.epoch() - 1) * p.batchesPerEpoch() + p.batch());
                bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.1f", p.epoch(), p.epochs(),
                        p.loss().negElbo()));
            } else if (event instanceof SweepEvent.RunEpoch e && !terminal) {
                EpochRecord r = e.record();
                out.printf(Locale.ROOT, "%s: epoch %d/%d  test -ELBO %.2f (recon %.2f + KL %.2f)  %.2f s%n",
                        label(e.index()), r.epoch(), e.epochs(), r.test().negElbo(), r.test().reconstruction(),
                        r.test().kl(), r.seconds());
            } else if (event instanceof SweepEvent.RunFinished f) {
                closeBar();
                SweepResult r = f.result();
                out.printf(Locale.ROOT, "%s: test -ELBO %.2f (recon %.2f + KL %.2f)%s, %.1f s training%n",
                        label(f.index()), r.testNegElbo(), r.test().reconstruction(), r.test().kl(),
                        r.hasIwae() ? String.format(Locale.ROOT, ", IWAE log p(x) >= %.2f (k=%d, %d images)",
                                r.iwaeLogLikelihood(), r.iwaeSamples(), r.iwaeImages()) : "",
                        r.trainSeconds());
            } else if (event instanceof SweepEvent.RunFailed f) {
                closeBar();
                out.println("error: " + label(f.index()) + " failed: " + f.message());
            } else if (event instanceof SweepEvent.RunCancelled c) {
                closeBar();
                out.println(label(c.index()) + ": cancelled" + (c.started() ? "" : " before it started"));
            }
        }

        private void closeBar() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void close() {
            closeBar();
        }
    }

    static final class PresetConverter implements picocli.CommandLine.ITypeConverter<SweepPlan.Preset> {
        @Override
        public SweepPlan.Preset convert(String value) {
            try {
                return SweepPlan.Preset.byId(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected one of " + SweepPlan.Preset.known()
                        + ", got '" + value + "'");
            }
        }
    }
}
