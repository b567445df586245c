package io.vaeexplorer.ui;

import io.vaeexplorer.model.EpochRecord;
import io.vaeexplorer.model.LossParts;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The loss curves of the current run, on the FX thread: every step's loss is kept (for export), the chart gets
 * an exponentially smoothed curve decimated to at most {@link #MAX_CHART_POINTS} points (every other point is
 * dropped when it fills, and the stride doubles), so a run of thousands of steps stays cheap to draw.
 */
public final class LossHistory {

    /** A smoothed loss value at a step. */
    public record StepPoint(long step, double total, double reconstruction, double kl) {
    }

    public static final int MAX_CHART_POINTS = 1000;
    private static final double SMOOTHING = 0.95;

    private final ObservableList<StepPoint> chartSteps = FXCollections.observableArrayList();
    private final ObservableList<EpochRecord> epochs = FXCollections.observableArrayList();
    private record RawStep(long step, LossParts loss) {
    }

    private final List<RawStep> rawSteps = new ArrayList<>();
    private long stride = 1;
    private double smoothTotal = Double.NaN;
    private double smoothReconstruction;
    private double smoothKl;

    /** Smoothed, decimated step losses for the chart. */
    public ObservableList<StepPoint> chartSteps() {
        return chartSteps;
    }

    /** Per-epoch train and test losses. */
    public ObservableList<EpochRecord> epochs() {
        return epochs;
    }

    public int stepCount() {
        return rawSteps.size();
    }

    public void clear() {
        chartSteps.clear();
        epochs.clear();
        rawSteps.clear();
        stride = 1;
        smoothTotal = Double.NaN;
    }

    /** Replaces the epochs (a loaded model's history); step losses of a loaded model are not saved. */
    public void setEpochs(List<EpochRecord> history) {
        clear();
        epochs.setAll(history);
    }

    public void addStep(long step, LossParts loss) {
        rawSteps.add(new RawStep(step, loss));
        if (Double.isNaN(smoothTotal)) {
            smoothTotal = loss.negElbo();
            smoothReconstruction = loss.reconstruction();
            smoothKl = loss.kl();
        } else {
            smoothTotal = SMOOTHING * smoothTotal + (1 - SMOOTHING) * loss.negElbo();
            smoothReconstruction = SMOOTHING * smoothReconstruction + (1 - SMOOTHING) * loss.reconstruction();
            smoothKl = SMOOTHING * smoothKl + (1 - SMOOTHING) * loss.kl();
        }
        if (step % stride != 0) {
            return;
        }
        chartSteps.add(new StepPoint(step, smoothTotal, smoothReconstruction, smoothKl));
        if (chartSteps.size() > MAX_CHART_POINTS) {
            stride *= 2;
            List<StepPoint> kept = new ArrayList<>(chartSteps.size() / 2 + 1);
            for (StepPoint p : chartSteps) {
                if (p.step() % stride == 0) {
                    kept.add(p);
                }
            }
            chartSteps.setAll(kept);
        }
    }

    public void addEpoch(EpochRecord record) {
        epochs.add(record);
    }

    /** Writes every step's loss (not smoothed) and then every epoch as CSV. */
    public void writeCsv(Writer out) throws IOException {
        out.write("kind,step,epoch,total,reconstruction,kl,test_total,test_reconstruction,test_kl\n");
        for (RawStep s : rawSteps) {
            LossParts l = s.loss();
            out.write(String.format(Locale.ROOT, "step,%d,,%.6f,%.6f,%.6f,,,%n", s.step(), l.negElbo(),
                    l.reconstruction(), l.kl()));
        }
        for (EpochRecord e : epochs) {
            out.write(String.format(Locale.ROOT, "epoch,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", e.step(), e.epoch(),
                    e.train().negElbo(), e.train().reconstruction(), e.train().kl(), e.test().negElbo(),
                    e.test().reconstruction(), e.test().kl()));
        }
    }
}
