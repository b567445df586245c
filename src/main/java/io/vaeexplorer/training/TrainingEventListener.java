package io.vaeexplorer.training;

/** Receives a run's events on the training thread; must not block it. */
@FunctionalInterface
public interface TrainingEventListener {
    void onEvent(TrainingEvent event);
}
