package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The losses of the current run, on the FX thread: every step's loss as the trainer reported it, and every
 * epoch's train and test loss. The chart smooths and decimates them as it draws ({@link LossCurves}), so that
 * its smoothing and the part of the run it shows can change after the fact; the CSV export writes them all
 * ({@link LossChartViewModel#exportCsv}).
 */
public final class LossHistory {

    /** The loss parts of one optimiser step, not smoothed. */
    public record StepPoint(long step, double total, double reconstruction, double kl) {
    }

    private final ObservableList<StepPoint> steps = FXCollections.observableArrayList();
    private final ObservableList<StepPoint> stepsView = FXCollections.unmodifiableObservableList(steps);
    private final ObservableList<EpochRecord> epochs = FXCollections.observableArrayList();

    /** Every step's loss in step order; read-only. */
    public ObservableList<StepPoint> steps() {
        return stepsView;
    }

    /** Per-epoch train and test losses. */
    public ObservableList<EpochRecord> epochs() {
        return epochs;
    }

    public int stepCount() {
        return steps.size();
    }

    public void clear() {
        steps.clear();
        epochs.clear();
    }

    /** Replaces the epochs (a loaded model's history); step losses of a loaded model are not saved. */
    public void setEpochs(List<EpochRecord> history) {
        clear();
        epochs.setAll(history);
    }

    public void addStep(long step, LossParts loss) {
        steps.add(new StepPoint(step, loss.negElbo(), loss.reconstruction(), loss.kl()));
    }

    public void addEpoch(EpochRecord record) {
        epochs.add(record);
    }
}
