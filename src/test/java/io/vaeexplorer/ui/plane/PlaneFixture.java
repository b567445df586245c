package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.RecordedMessages;
import io.vaeexplorer.ui.workspace.Workspace;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The plane's view-model without controls, as its tests build it: a workspace, the two inference workers, background
 * work and maths on the calling thread, and the status and error lines kept for the test to read. Close it after the
 * test to stop the workers.
 */
final class PlaneFixture implements AutoCloseable {

    final RecordedMessages messages = new RecordedMessages();
    final List<String> statuses = messages.statuses;
    final List<String> errors = messages.errors;
    final InferenceWorker worker;
    final InferenceWorker interactive;
    final Workspace workspace;
    final PlaneViewModel plane;
    /** The size the plane's exports are written at, 1x until a test says otherwise. */
    final ExportSize exportSize = new ExportSize();

    private PlaneFixture(InferenceWorker worker, InferenceWorker interactive, boolean workersGetWeights) {
        this.worker = worker;
        this.interactive = interactive;
        this.workspace = workersGetWeights ? new Workspace(worker, interactive) : new Workspace();
        this.plane = new PlaneViewModel(workspace, worker, interactive, TaskExecutor.direct(), exportSize,
                TaskExecutor.direct(), messages, () -> false);
    }

    /**
     * Workers that answer on {@code answers} and are never handed weights (the workspace gives them to none), so
     * decodes stay queued and no model is built; codes reach the view-model as the workers' answers would.
     */
    static PlaneFixture withoutModel(Executor answers) {
        return new PlaneFixture(new InferenceWorker(answers), InferenceWorker.interactive(answers), false);
    }

    /** Workers that answer on the calling thread and build their models with {@code loader} from the weights shown. */
    static PlaneFixture loadingWith(InferenceWorker.Loader loader) {
        return new PlaneFixture(new InferenceWorker(Runnable::run, loader),
                InferenceWorker.interactive(Runnable::run, loader), true);
    }

    /** Workers that build the engine's model from the weights shown and answer on {@code answers}. */
    static PlaneFixture withEngine(Executor answers) {
        return new PlaneFixture(new InferenceWorker(answers), InferenceWorker.interactive(answers), true);
    }

    /** Runs the workers' answers from {@code answers} here until the condition holds (a minute at most). */
    static void answerUntil(BlockingQueue<Runnable> answers, String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            Runnable answer = answers.poll(10, TimeUnit.MILLISECONDS);
            if (answer != null) {
                answer.run();
            }
        }
    }

    /**
     * An MLP of the latent size with no weights at all: what the plane needs to know of a model when nothing is
     * decoded. The version is {@code version}.
     */
    static WeightSnapshot weightsWithoutValues(int latent, long version) {
        return new WeightSnapshot(ModelConfig.mlp(latent, List.of(16)), version, 0, List.of());
    }

    @Override
    public void close() {
        worker.close();
        interactive.close();
    }
}
