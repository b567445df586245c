package io.vaeexplorer.ui.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.explore.LatentModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class a conditional model decodes at, kept in the workspace every feature reads. No toolkit is started. */
class WorkspaceTest {

    private final Workspace workspace = new Workspace();

    private static WeightSnapshot model(int classes, long version) {
        return new WeightSnapshot(ModelConfig.mlp(2, List.of(16)).withConditionClasses(classes), version, 0,
                List.of());
    }

    @Test
    void theClassesOfAConditionalModelAreNamedAfterTheOpenDataSet() {
        assertEquals(0, workspace.conditionClassesProperty().get());
        assertEquals(List.of(), workspace.decodeClassNames());
        workspace.showWeights(model(12, 1));
        assertEquals(12, workspace.conditionClassesProperty().get());
        assertEquals("class 11", workspace.decodeClassNames().get(11), "no data set names it yet");

        Dataset digits = SmallMnist.slice(10, 10);
        workspace.openDataset(digits);
        List<String> expected = new ArrayList<>(digits.classNames());
        expected.addAll(List.of("class 10", "class 11"));
        assertEquals(expected, workspace.decodeClassNames());

        workspace.showWeights(model(0, 2));
        assertEquals(0, workspace.conditionClassesProperty().get());
        assertEquals(List.of(), workspace.decodeClassNames(), "a plain model has no classes to pick");
    }

    @Test
    void aModelThatLacksTheChosenClassBringsItBackToZeroAndAPlainOneKeepsIt() {
        workspace.showWeights(model(10, 1));
        workspace.decodeClassProperty().set(7);
        assertEquals(new ChosenClass(7), workspace.chosenClass());

        workspace.showWeights(model(0, 2));
        assertEquals(7, workspace.decodeClassProperty().get(), "kept for the next conditional model");
        workspace.showWeights(model(10, 3));
        assertEquals(7, workspace.decodeClassProperty().get());
        workspace.showWeights(model(4, 4));
        assertEquals(0, workspace.decodeClassProperty().get());
    }

    @Test
    void aChosenClassLeavesAPlainModelAsItIsAndFallsBackToZeroWhereAModelLacksIt() {
        LatentModel plain = new LatentModel() {
            @Override
            public int latent() {
                return 2;
            }

            @Override
            public int rows() {
                return 1;
            }

            @Override
            public int cols() {
                return 1;
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public float[] decode(float[] z, int count) {
                return new float[count];
            }

            @Override
            public float[][] encode(float[] images, int count) {
                return new float[][] {new float[2 * count], new float[2 * count]};
            }
        };
        ChosenClass seven = new ChosenClass(7);
        assertSame(plain, seven.of(plain));
        assertSame(plain, seven.restyle(plain, 3));
        assertEquals(0, seven.within(plain));
    }
}
