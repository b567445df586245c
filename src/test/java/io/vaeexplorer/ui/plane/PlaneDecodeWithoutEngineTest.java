package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.concurrent.InferenceWorker;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.explore.SnapshotModel;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.workspace.Workspace;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plane's view-model decoding through its inference workers with a model of a few lines of plain Java: the
 * path from a click to the decoded image, and from new weights to a new decode, without a native library.
 */
class PlaneDecodeWithoutEngineTest {

    /**
     * Decodes z to an image whose every pixel is (z0 + 5) / 10 scaled by the snapshot's version, so a test can
     * read which z and which weights made it.
     */
    private static final class LevelModel implements SnapshotModel {
        private WeightSnapshot weights;

        LevelModel(WeightSnapshot weights) {
            this.weights = weights;
        }

        @Override
        public WeightSnapshot snapshot() {
            return weights;
        }

        @Override
        public void update(WeightSnapshot newer) {
            weights = newer;
        }

        @Override
        public int latent() {
            return weights.config().latent();
        }

        @Override
        public int rows() {
            return weights.config().imageRows();
        }

        @Override
        public int cols() {
            return weights.config().imageCols();
        }

        @Override
        public float[] decode(float[] z, int count) {
            float[] images = new float[count * rows() * cols()];
            for (int i = 0; i < count; i++) {
                float level = (z[i * latent()] + 5f) / 10f / weights.version();
                Arrays.fill(images, i * rows() * cols(), (i + 1) * rows() * cols(), level);
            }
            return images;
        }

        @Override
        public float[][] encode(float[] images, int count) {
            return new float[][] {new float[count * latent()], new float[count * latent()]};
        }

        @Override
        public void close() {
        }
    }

    private final List<String> loads = new CopyOnWriteArrayList<>();
    private final InferenceWorker.Loader loader = new InferenceWorker.Loader() {
        @Override
        public void prepareThread() {
        }

        @Override
        public SnapshotModel load(WeightSnapshot snapshot) {
            loads.add(Thread.currentThread().getName());
            return new LevelModel(snapshot);
        }
    };
    private final PlaneFixture fixture = PlaneFixture.loadingWith(loader);
    private final List<String> errors = fixture.errors;
    private final InferenceWorker interactive = fixture.interactive;
    private final Workspace workspace = fixture.workspace;
    private final PlaneViewModel plane = fixture.plane;

    @AfterEach
    void close() {
        fixture.close();
    }

    private static WeightSnapshot weights(long version) {
        return PlaneFixture.weightsWithoutValues(2, version);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            Thread.sleep(5);
        }
    }

    private Raster decodedWhenReady(Raster old) throws InterruptedException {
        waitFor("a new decode", () -> plane.decodedImageProperty().get() != old && interactive.isIdle());
        return plane.decodedImageProperty().get();
    }

    @Test
    void aClickIsDecodedByTheInteractiveWorkersModelAndNewWeightsDecodeItAgain() throws Exception {
        workspace.showWeights(weights(1));
        plane.decodeAt(1.0, -2.0);
        Raster first = decodedWhenReady(null);
        assertNotNull(first);
        assertEquals(28, first.width());
        assertEquals(Math.round(0.6f * 255), first.get(14, 14), "the pixel level says z0 = 1 reached the decoder");
        assertEquals(List.of("vae-interactive"), loads, "one model, built on the interactive worker's thread");

        workspace.showWeights(weights(2));
        Raster second = decodedWhenReady(first);
        assertEquals(Math.round(0.3f * 255), second.get(0, 0), "the same z through the newer weights");
        assertEquals(1, loads.size(), "weights of the same architecture are loaded into the model it has");
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
