package io.vaeexplorer.ui.plane;

import static io.vaeexplorer.ui.ExperimentFixture.maxDifference;
import static io.vaeexplorer.ui.ExperimentFixture.samePixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.InferenceModel;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.ExperimentFixture;
import io.vaeexplorer.ui.workspace.Workspace;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plane of a conditional model, without a toolkit: the vector under the marker and the manifold are decoded as
 * the class chosen in the workspace, and another choice decodes them again at the same z.
 */
class PlaneDecodeClassTest {

    private static Dataset data;

    private final BlockingQueue<Runnable> answers = new LinkedBlockingQueue<>();
    private final PlaneFixture fixture = PlaneFixture.withEngine(answers::add);
    private final Workspace workspace = fixture.workspace;
    private final PlaneViewModel plane = fixture.plane;

    @BeforeAll
    static void smallTestSet() {
        data = SmallMnist.slice(10, 300);
    }

    @AfterEach
    void close() {
        fixture.close();
        assertTrue(fixture.errors.isEmpty(), fixture.errors.toString());
    }

    private static WeightSnapshot weights(int classes, long version) {
        return ExperimentFixture.untrainedWeights(ModelConfig.mlp(2, List.of(16)).withConditionClasses(classes), 5,
                version);
    }

    private void answerUntil(String what, BooleanSupplier condition) throws InterruptedException {
        PlaneFixture.answerUntil(answers, what, condition);
    }

    private boolean settled() {
        return fixture.worker.isIdle() && fixture.interactive.isIdle() && answers.isEmpty();
    }

    private static Raster decodedAt(InferenceModel model, float[] z, int label) {
        return ImageTiler.tile(model.decode(z, new int[] {label}, 1), 1, ImageShape.grey(28, 28), 1, 0, 1);
    }

    @Test
    void anotherClassDecodesTheSameVectorAndTheManifoldAsThatClass() throws Exception {
        WeightSnapshot weights = weights(10, 1);
        workspace.openDataset(data);
        workspace.showWeights(weights);
        plane.refreshLatentPoints();
        answerUntil("the codes", () -> plane.latentPointsProperty().get() != null);
        assertTrue(plane.conditionalProperty().get());
        assertEquals(data.classNames(), plane.decodeClassNames());

        plane.decodeAt(0.8, -0.6);
        float[] z = plane.selectedZProperty().get().clone();
        answerUntil("the decode as class 0", () -> settled() && plane.decodedImageProperty().get() != null);
        Raster asZero = plane.decodedImageProperty().get();
        plane.showManifoldProperty().set(true);
        answerUntil("the manifold", () -> settled() && plane.manifoldProperty().get() != null);
        Raster manifoldAsZero = plane.manifoldProperty().get().raster();

        try (InferenceModel direct = new InferenceModel(weights, ComputeDevice.cpu())) {
            assertTrue(maxDifference(decodedAt(direct, z, 0), asZero) <= 1, "decoded as class 0 at first");
            plane.decodeClassProperty().set(6);
            assertEquals(6, workspace.decodeClassProperty().get(), "the choice is the workspace's");
            answerUntil("the decode as class 6", () -> settled()
                    && !samePixels(plane.decodedImageProperty().get(), asZero)
                    && !samePixels(plane.manifoldProperty().get().raster(), manifoldAsZero));
            assertArrayEquals(z, plane.selectedZProperty().get(), "the same vector");
            Raster asSix = plane.decodedImageProperty().get();
            assertTrue(maxDifference(decodedAt(direct, z, 6), asSix) <= 1, "decoded as class 6");
            assertTrue(maxDifference(asZero, asSix) > 5, "classes 0 and 6 draw the vector apart");
        }
    }

    @Test
    void aPlainModelHasNoClassToChooseAndAChoiceDecodesNothingAgain() throws Exception {
        workspace.openDataset(data);
        workspace.showWeights(ExperimentFixture.untrainedWeights(2, 1));
        plane.refreshLatentPoints();
        plane.showManifoldProperty().set(true);
        answerUntil("the codes, the decode and the manifold", () -> settled()
                && plane.decodedImageProperty().get() != null && plane.manifoldProperty().get() != null);
        assertFalse(plane.conditionalProperty().get());
        assertEquals(List.of(), plane.decodeClassNames());
        Raster decoded = plane.decodedImageProperty().get();
        ManifoldImage manifold = plane.manifoldProperty().get();

        plane.decodeClassProperty().set(3);
        assertTrue(settled(), "no decode was asked for");
        assertTrue(decoded == plane.decodedImageProperty().get() && manifold == plane.manifoldProperty().get());
    }
}
