package io.vaeexplorer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.core.LatentUse;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.ModelScore;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.engine.VaeTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The latent space's use on models whose answer is known: collapsed, uncollapsed, and one dead unit. */
class ModelScorerTest {

    private static final int LATENT = 4;
    private static Dataset data;

    @BeforeAll
    static void loadData() {
        data = SmallMnist.slice(4000, 1000);
    }

    private static WeightSnapshot trained(Objective objective) {
        ModelConfig config = new ModelConfig(ModelKind.MLP, 28, 28, LATENT, List.of(200), Likelihood.BCE, 1f,
                objective);
        DjlRuntime.disableGradientsOnThisThread();
        try (VaeTrainer trainer = new VaeTrainer(config, new TrainingConfig(3, 64, 1e-3f, 5, 0), data.train(),
                ComputeDevice.cpu(), null, 0, 0)) {
            for (int epoch = 0; epoch < 3; epoch++) {
                trainer.beginEpoch();
                while (trainer.hasNextBatch()) {
                    trainer.trainStep();
                }
            }
            return trainer.snapshot(1);
        }
    }

    private static LatentUse use(WeightSnapshot weights) {
        ModelScore score = ModelScorer.score(weights, data.train(), true, data.test(), 0, 0, 3, () -> false);
        assertNotNull(score.latentUse());
        return score.latentUse();
    }

    @Test
    void aKlOnlyModelHasCollapsedCompletely() {
        LatentUse use = use(trained(Objective.KL_ONLY));
        assertEquals(0, use.activeUnits());
        assertTrue(use.mutualInformation() < 0.05, "I(x;z) = " + use.mutualInformation());
        assertTrue(Arrays.stream(use.klPerDim()).allMatch(kl -> kl < 0.05), Arrays.toString(use.klPerDim()));
        // its codes say nothing of the digit: about one in ten right
        assertTrue(use.knnAccuracy() < 0.3, "k-NN accuracy " + use.knnAccuracy());
    }

    @Test
    void aReconstructionOnlyModelUsesEveryUnit() {
        LatentUse use = use(trained(Objective.RECON_ONLY));
        assertEquals(LATENT, use.activeUnits());
        assertTrue(use.mutualInformation() > 3, "I(x;z) = " + use.mutualInformation());
        assertTrue(use.knnAccuracy() > 0.6, "k-NN accuracy " + use.knnAccuracy());
    }

    @Test
    void aUnitWhosePosteriorIsThePriorIsDeadAndCarriesNoKl() {
        WeightSnapshot elbo = trained(Objective.ELBO);
        LatentUse before = use(elbo);
        assertTrue(before.klPerDim()[0] > 0.1, "unit 0 of the trained model carries information: "
                + Arrays.toString(before.klPerDim()));
        LatentUse after = use(withDeadUnit(elbo, 0));
        assertEquals(0.0, after.klPerDim()[0], 1e-6);
        assertEquals(before.activeUnits() - 1, after.activeUnits());
        for (int k = 1; k < LATENT; k++) {
            assertEquals(before.klPerDim()[k], after.klPerDim()[k], 1e-9, "the other units are untouched");
        }
        assertTrue(after.mutualInformation() < before.mutualInformation());
    }

    /** The model with unit {@code unit}'s mean and log-variance heads set to 0: q(z_unit|x) = N(0, 1) for all x. */
    private static WeightSnapshot withDeadUnit(WeightSnapshot snapshot, int unit) {
        List<NamedWeight> weights = new ArrayList<>();
        for (NamedWeight w : snapshot.weights()) {
            String name = w.name().toLowerCase();
            float[] values = w.values().clone();
            if (name.contains("mu") || name.contains("logvar")) {
                int row = w.shape().length == 2 ? (int) w.shape()[1] : 1;
                Arrays.fill(values, unit * row, unit * row + row, 0f);
            }
            weights.add(new NamedWeight(w.name(), w.shape(), values));
        }
        return new WeightSnapshot(snapshot.config(), snapshot.version() + 1, snapshot.step(), weights);
    }
}
