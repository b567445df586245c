package io.vaeexplorer.training;

/** Life cycle of one training run. */
public enum TrainingState {
    /** Created, not started. */
    READY,
    RUNNING,
    PAUSED,
    /** Stopped by the user before the last epoch; the last completed weights are kept. */
    CANCELLED,
    /** All epochs done. */
    FINISHED,
    /** Stopped by an error or a diverging loss; the last good snapshot is kept. */
    FAILED;

    /** True once the run can no longer change. */
    public boolean isFinal() {
        return this == CANCELLED || this == FINISHED || this == FAILED;
    }
}
