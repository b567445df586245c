package io.vaeexplorer.ui.sweeps;

import io.vaeexplorer.sweep.SweepResult;
import io.vaeexplorer.sweep.SweepRunner;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One run of a settings sweep as the table shows it: its name, state, progress, latest loss. FX thread. */
public final class SweepRow {

    private final int index;
    private final String name;
    private final String configuration;
    private final ReadOnlyObjectWrapper<SweepRunner.RunStatus> status =
            new ReadOnlyObjectWrapper<>(SweepRunner.RunStatus.QUEUED);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("queued");

    SweepRow(int index, String name, String configuration) {
        this.index = index;
        this.name = name;
        this.configuration = configuration;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public String configuration() {
        return configuration;
    }

    public ReadOnlyObjectProperty<SweepRunner.RunStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** A line on what the run is doing: its epoch and loss, its error, or its result. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    void update(SweepRunner.RunStatus newStatus, double newProgress, String newDetail) {
        status.set(newStatus);
        if (newProgress >= 0) {
            progress.set(newProgress);
        }
        detail.set(newDetail);
    }

    void finish(SweepResult finished) {
        update(SweepRunner.RunStatus.FINISHED, 1, String.format("test -ELBO %.2f (recon %.2f + KL %.2f)",
                finished.test().negElbo(), finished.test().reconstruction(), finished.test().kl()));
    }
}
