package io.vaeexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.LabeledImages;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.engine.step.StepWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeTrainerTest {

    private static final ModelConfig SMALL = ModelConfig.mlp(2, List.of(32));

    /** One number per image that tells MNIST's images apart: the hash of its pixels. */
    private static List<Integer> rowHashes(float[] pixels, int imageSize) {
        List<Integer> hashes = new ArrayList<>();
        for (int row = 0; row < pixels.length / imageSize; row++) {
            hashes.add(Arrays.hashCode(Arrays.copyOfRange(pixels, row * imageSize, (row + 1) * imageSize)));
        }
        return hashes;
    }

    @Test
    void theKlWeightFollowsTheScheduleStepByStepFromTheRunsStart() {
        LabeledImages train = SmallMnist.slice(256, 10).train();
        // 256 images in batches of 64: four steps an epoch; a warm-up over two epochs reaches beta at step 8
        TrainingConfig warmup = new TrainingConfig(3, 64, 1e-3f, 5, 0, KlSchedule.warmup(2));
        try (VaeTrainer trainer = new VaeTrainer(SMALL.withBeta(2f), warmup, train, ComputeDevice.cpu(), null, 0, 0)) {
            List<Float> weights = new ArrayList<>();
            for (int epoch = 0; epoch < 3; epoch++) {
                trainer.beginEpoch();
                while (trainer.hasNextBatch()) {
                    weights.add(trainer.weights().kl());
                    assertTrue(trainer.trainStep().isFinite());
                }
            }
            assertEquals(List.of(0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 1.75f, 2f, 2f, 2f, 2f), weights);
            assertFalse(trainer.weights().hasCapacity());
        }
        TrainingConfig capacity = new TrainingConfig(2, 64, 1e-3f, 5, 0, KlSchedule.capacity(10, 2));
        try (VaeTrainer trainer = new VaeTrainer(SMALL.withBeta(50f), capacity, train, ComputeDevice.cpu(), null, 40,
                10)) {
            trainer.beginEpoch();
            assertEquals(new StepWeights(1f, 50f, 0f), trainer.weights(), "a resumed run's schedule starts anew");
            trainer.trainStep();
            trainer.trainStep();
            assertEquals(2.5f, trainer.weights().capacity(), 1e-6f);
        }
    }

    @Test
    void everyEpochVisitsEachImageExactlyOnceAcrossGatheredChunks() {
        // 2100 images in batches of 64: 33 batches, so three chunks of 16 batches, the last one short
        LabeledImages train = SmallMnist.slice(2100, 10).train();
        int imageSize = train.imageSize();
        List<Integer> expected = new ArrayList<>(rowHashes(train.pixels(), imageSize));
        expected.sort(null);
        assertEquals(2100, expected.stream().distinct().count(), "the slice should hold no duplicate images");

        try (VaeTrainer trainer = new VaeTrainer(SMALL, new TrainingConfig(2, 64, 1e-3f, 5, 0), train,
                ComputeDevice.cpu(), null, 0, 0)) {
            List<List<Integer>> epochs = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) {
                trainer.beginEpoch();
                List<Integer> seen = new ArrayList<>();
                int batches = 0;
                while (trainer.hasNextBatch()) {
                    int size = trainer.nextBatchSize();
                    float[] pixels = trainer.skipBatch();
                    assertEquals(size * imageSize, pixels.length);
                    seen.addAll(rowHashes(pixels, imageSize));
                    batches++;
                }
                assertEquals(33, batches);
                epochs.add(seen);
                List<Integer> sorted = new ArrayList<>(seen);
                sorted.sort(null);
                assertEquals(expected, sorted, "epoch " + epoch + " did not visit each image exactly once");
            }
            assertNotEquals(epochs.get(0), epochs.get(1), "two epochs came in the same order");
            assertNotEquals(rowHashes(train.pixels(), imageSize), epochs.get(0), "the data was not shuffled");
        }
    }

    @Test
    void trainingStepsAfterAChunkBoundaryStillLowerTheLoss() {
        LabeledImages train = SmallMnist.slice(1500, 10).train();
        try (VaeTrainer trainer = new VaeTrainer(SMALL, new TrainingConfig(1, 50, 1e-3f, 3, 0), train,
                ComputeDevice.cpu(), null, 0, 0)) {
            trainer.beginEpoch();
            double first = trainer.trainStep().negElbo();
            double last = first;
            int steps = 1;
            while (trainer.hasNextBatch()) {
                last = trainer.trainStep().negElbo();
                steps++;
            }
            assertEquals(30, steps);
            assertEquals(30, trainer.step());
            assertTrue(last < first - 50, "loss per image " + first + " -> " + last);
        }
    }

    @Test
    void aConditionalModelUsesTheLabelsAndDecodesEachClassDifferently() {
        Dataset data = SmallMnist.slice(2048, 500);
        TrainingConfig training = new TrainingConfig(6, 64, 1e-3f, 4, 0);
        ModelConfig plainConfig = ModelConfig.mlp(2, List.of(128));
        ModelConfig conditional = plainConfig.withConditionClasses(10);
        double plainLoss;
        double conditionalLoss;
        WeightSnapshot weights;
        try (VaeTrainer plain = trainEpochs(plainConfig, training, data.train());
             Evaluator evaluator = new Evaluator(data.test(), ComputeDevice.cpu(), 9L)) {
            plainLoss = evaluator.negElbo(plain.block()).negElbo();
        }
        try (VaeTrainer trainer = trainEpochs(conditional, training, data.train());
             Evaluator evaluator = new Evaluator(data.test(), ComputeDevice.cpu(), 9L)) {
            conditionalLoss = evaluator.negElbo(trainer.block()).negElbo();
            weights = trainer.snapshot(1);
        }
        // told the digit, the decoder need not spend the two latent dimensions on it (on this small slice the
        // margin is a few nats; on all of MNIST it is larger)
        assertTrue(conditionalLoss < plainLoss - 1, "test -ELBO " + conditionalLoss + " conditional, " + plainLoss
                + " plain");
        try (InferenceModel model = InferenceModel.onCpu(weights)) {
            assertEquals(10, model.conditionClasses());
            float[] z = {0.3f, -0.2f, 0.3f, -0.2f};
            float[] zeroAndOne = model.decode(z, new int[] {0, 1}, 2);
            assertArrayEquals(model.decode(new float[] {0.3f, -0.2f}, 1),
                    Arrays.copyOf(zeroAndOne, 784), 1e-6f, "a plain decode of a conditional model is at class 0");
            double apart = 0;
            for (int p = 0; p < 784; p++) {
                apart += Math.abs(zeroAndOne[p] - zeroAndOne[784 + p]);
            }
            assertTrue(apart > 20, "the same z decodes to a 0 and a 1 that differ by " + apart + " in sum");
        }
    }

    private static VaeTrainer trainEpochs(ModelConfig config, TrainingConfig training, LabeledImages train) {
        VaeTrainer trainer = new VaeTrainer(config, training, train, ComputeDevice.cpu(), null, 0, 0);
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            trainer.beginEpoch();
            while (trainer.hasNextBatch()) {
                trainer.trainStep();
            }
        }
        return trainer;
    }
}
