package io.vaeexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElboLossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        DjlRuntime.configure();
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static ModelConfig config(Likelihood r, Objective o, float beta) {
        return new ModelConfig(ModelKind.MLP, 28, 28, 2, List.of(8), r, beta, o);
    }

    @Test
    void zeroLogitsCostLn2PerPixelWhateverTheImage() {
        NDArray logits = manager.zeros(new Shape(3, 784));
        NDArray images = manager.randomUniform(0f, 1f, new Shape(3, 784));
        float perImage = ElboLoss.reconstructionSum(Likelihood.BCE, logits, images).getFloat() / 3;
        assertEquals(784 * Math.log(2), perImage, 1e-3); // 543.43 nats
    }

    @Test
    void bceFromLogitsMatchesTheTextbookFormula() {
        float[] l = {-3f, -0.5f, 0f, 0.7f, 4f, 12f};
        float[] x = {0f, 0.2f, 1f, 0.5f, 1f, 0.9f};
        double expected = 0;
        for (int i = 0; i < l.length; i++) {
            double p = 1 / (1 + Math.exp(-l[i]));
            expected += -(x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p));
        }
        NDArray logits = manager.create(l, new Shape(1, 6));
        NDArray images = manager.create(x, new Shape(1, 6));
        assertEquals(expected, ElboLoss.reconstructionSum(Likelihood.BCE, logits, images).getFloat(), 1e-4);
    }

    @Test
    void bceStaysFiniteForExtremeLogits() {
        NDArray logits = manager.create(new float[] {-200f, 200f}, new Shape(1, 2));
        NDArray images = manager.create(new float[] {1f, 0f}, new Shape(1, 2));
        assertEquals(400f, ElboLoss.reconstructionSum(Likelihood.BCE, logits, images).getFloat(), 1e-3);
    }

    @Test
    void mseIsSquaredErrorOfTheSigmoidOutput() {
        NDArray logits = manager.zeros(new Shape(2, 784)); // sigmoid = 0.5 everywhere
        NDArray images = manager.zeros(new Shape(2, 784));
        assertEquals(2 * 784 * 0.25, ElboLoss.reconstructionSum(Likelihood.MSE, logits, images).getFloat(), 1e-3);
    }

    @Test
    void klOfThePriorIsZeroAndOfAShiftedUnitGaussianIsHalfTheSquaredShift() {
        NDArray zero = manager.zeros(new Shape(4, 2));
        assertEquals(0f, ElboLoss.klSum(zero, zero).getFloat(), 1e-6);
        NDArray mu = manager.create(new float[] {1f, 2f}, new Shape(1, 2));
        NDArray logvar = manager.zeros(new Shape(1, 2));
        assertEquals(0.5 * (1 + 4), ElboLoss.klSum(mu, logvar).getFloat(), 1e-5);
        // sigma^2 = e: KL = 0.5 * (e - 1 - 1) per dimension
        NDArray logvarOne = manager.ones(new Shape(1, 1));
        NDArray muZero = manager.zeros(new Shape(1, 1));
        assertEquals(0.5 * (Math.E - 2), ElboLoss.klSum(muZero, logvarOne).getFloat(), 1e-5);
    }

    @Test
    void objectivesWeightTheTwoPartsAsTheAblationsSay() {
        NDList parts = new NDList(manager.create(100f), manager.create(10f));
        assertEquals(110f, new ElboLoss(config(Likelihood.BCE, Objective.ELBO, 1f)).combine(parts).getFloat(), 1e-4);
        assertEquals(140f, new ElboLoss(config(Likelihood.BCE, Objective.ELBO, 4f)).combine(parts).getFloat(), 1e-4);
        assertEquals(100f, new ElboLoss(config(Likelihood.BCE, Objective.RECON_ONLY, 1f)).combine(parts).getFloat(), 1e-4);
        assertEquals(10f, new ElboLoss(config(Likelihood.BCE, Objective.KL_ONLY, 1f)).combine(parts).getFloat(), 1e-4);
    }
}
