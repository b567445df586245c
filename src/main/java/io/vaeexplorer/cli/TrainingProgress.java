package io.vaeexplorer.cli;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingEventListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress on the console: in a terminal, a progress bar per epoch (the progressbar library, on
 * stderr) with the running loss; elsewhere (a pipe, a CI log) only a plain line per epoch. Either way each epoch
 * ends with one summary line on {@code out}.
 */
final class TrainingProgress implements TrainingEventListener, AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;

    TrainingProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static boolean isTerminal() {
        return System.console() != null;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.Step step) {
            onStep(step);
        } else if (event instanceof TrainingEvent.Epoch epoch) {
            closeBar();
            out.println(describe(epoch.record(), epoch.lastEpoch()));
        } else if (event instanceof TrainingEvent.StateChanged change && change.state().isFinal()) {
            closeBar();
        }
    }

    private void onStep(TrainingEvent.Step step) {
        if (!terminal) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName("epoch " + step.epoch())
                    .setInitialMax(step.batchesPerEpoch())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setUnit(" batches", 1)
                    .build();
        }
        bar.stepTo(step.batch());
        bar.setExtraMessage(String.format("loss %.1f", step.loss().negElbo()));
    }

    static String describe(EpochRecord r, int lastEpoch) {
        return String.format("epoch %d/%d  train -ELBO %.2f (recon %.2f + KL %.2f)  test -ELBO %.2f (recon %.2f + KL %.2f)"
                        + "  %.2f s  %.0f img/s",
                r.epoch(), lastEpoch, r.train().negElbo(), r.train().reconstruction(), r.train().kl(),
                r.test().negElbo(), r.test().reconstruction(), r.test().kl(), r.seconds(), r.samplesPerSecond());
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
