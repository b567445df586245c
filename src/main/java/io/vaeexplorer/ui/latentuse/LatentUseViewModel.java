package io.vaeexplorer.ui.latentuse;

import io.vaeexplorer.concurrent.BackgroundTask;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.explore.LatentDiagnostics;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The collapse monitor: how much of its latent space the model uses, updated with the plane's codes, and a warning
 * when units collapse or the codes stop carrying information about the images. The measures come from
 * {@link LatentDiagnostics}, computed off the FX thread; codes that arrive while one computation runs wait, and
 * only the newest of them is measured next.
 *
 * <p>FX thread only.
 */
public final class LatentUseViewModel {

    /** Below this estimate of I(x; z), in nats, the codes say next to nothing about the images. */
    public static final double COLLAPSED_INFORMATION = 0.1;
    /** The seed of the mutual information's draws: the same codes give the same figures. */
    static final long SEED = 1;

    /** One latent dimension's share of the KL term. */
    public record DimensionKl(int dimension, double kl, boolean active) {
    }

    /** What the monitor shows of one set of codes. */
    public record Reading(List<DimensionKl> byKl, int activeUnits, int latent, double mutualInformation,
            double kl, int images) {
    }

    private final TaskExecutor executor;
    private final Runnable restartWithWarmup;
    private final ReadOnlyObjectWrapper<Reading> reading = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper activeUnits = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no codes yet: open data and a model");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private boolean measuring;
    private LatentCodes waiting;
    private boolean waitingSettled;

    /**
     * @param restartWithWarmup trains again with a KL warm-up, the remedy the warning offers
     */
    public LatentUseViewModel(TaskExecutor executor, Runnable restartWithWarmup) {
        this.executor = executor;
        this.restartWithWarmup = restartWithWarmup;
    }

    /** Trains again with a KL warm-up (the warning's one-click remedy); nothing while there is no warning. */
    public void restartWithWarmup() {
        if (!warning.get().isEmpty()) {
            restartWithWarmup.run();
        }
    }

    /**
     * Measures a set of codes (the newest wins while a measurement runs).
     *
     * @param settled whether the model has trained long enough for collapse to mean something: a fresh encoder's
     *     codes sit at the prior before any training, and warning of that would only be noise
     */
    public void show(LatentCodes codes, boolean settled) {
        if (codes == null || codes.count() == 0) {
            return;
        }
        if (measuring) {
            waiting = codes;
            waitingSettled = settled;
            return;
        }
        measuring = true;
        executor.execute(BackgroundTask.wrap(() -> read(codes)).onSuccess(r -> publish(r, settled))
                .onFinished(this::next));
    }

    /** Forgets the codes shown (a new data set, or no model). */
    public void clear() {
        waiting = null;
        reading.set(null);
        activeUnits.set(0);
        summary.set("no codes yet: open data and a model");
        warning.set("");
    }

    private void next() {
        measuring = false;
        LatentCodes pending = waiting;
        waiting = null;
        if (pending != null) {
            show(pending, waitingSettled);
        }
    }

    static Reading read(LatentCodes codes) {
        LatentDiagnostics diagnostics = LatentDiagnostics.of(codes, SEED);
        List<DimensionKl> dims = new ArrayList<>();
        for (int d : diagnostics.dimsByKl()) {
            dims.add(new DimensionKl(d, diagnostics.klPerDim()[d],
                    diagnostics.meanVariance()[d] > LatentDiagnostics.ACTIVE_UNIT_VARIANCE));
        }
        return new Reading(List.copyOf(dims), diagnostics.activeUnits(), codes.dim(),
                diagnostics.mutualInformation(), diagnostics.kl(),
                Math.min(codes.count(), LatentDiagnostics.MUTUAL_INFORMATION_IMAGES));
    }

    private void publish(Reading r, boolean settled) {
        reading.set(r);
        activeUnits.set(r.activeUnits());
        summary.set(String.format("%d of %d units active · I(x;z) %.2f nats (at most ln %d = %.2f) · KL %.2f nats",
                r.activeUnits(), r.latent(), r.mutualInformation(), r.images(), Math.log(r.images()), r.kl()));
        warning.set(settled ? warningFor(r) : "");
    }

    /** The warning a reading deserves, or "" when the latent space is in use. */
    static String warningFor(Reading r) {
        if (r.mutualInformation() < COLLAPSED_INFORMATION) {
            return String.format("Posterior collapse: the codes carry almost no information about the images "
                    + "(I(x;z) = %.3f nats); every decode looks alike. Warming the KL term up usually helps.",
                    r.mutualInformation());
        }
        int inactive = r.latent() - r.activeUnits();
        if (inactive > 0) {
            return String.format("%d of %d latent units are inactive (collapsed to the prior). A KL warm-up can "
                    + "bring some back; a smaller latent size loses nothing.", inactive, r.latent());
        }
        return "";
    }

    /** The newest reading, or null before the first. */
    public ReadOnlyObjectProperty<Reading> readingProperty() {
        return reading.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty activeUnitsProperty() {
        return activeUnits.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** A warning of collapse, or "" when there is none. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }
}
