package io.vaeexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.LatentCodes;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingResult;
import io.vaeexplorer.training.TrainingService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void iwaeTightensTheElboAndLatentCodesCoverTheSet() throws Exception {
        Dataset data = SmallMnist.slice(2000, 300);
        TrainingService service = new TrainingService(new TrainingRequest(data, ModelConfig.mlp(2, List.of(64)),
                new TrainingConfig(2, 64, 1e-3f, 3, 0), null, 0));
        service.start();
        TrainingResult result = service.result().get(90, TimeUnit.SECONDS);
        DjlRuntime.engine().setRandomSeed(5);
        try (InferenceModel model = new InferenceModel(result.checkpoint().weights(), ComputeDevice.cpu());
             Evaluator evaluator = new Evaluator(data.test(), ComputeDevice.cpu())) {
            LossParts elbo = evaluator.negElbo(model.block());
            double k1 = evaluator.iwaeLogLikelihood(model.block(), 1, 300);
            double k64 = evaluator.iwaeLogLikelihood(model.block(), 64, 300);
            // k = 1 is an unbiased one-sample ELBO estimate; more samples give a tighter (higher) bound
            assertEquals(-elbo.negElbo(), k1, 3.0);
            assertTrue(k64 > k1 + 0.5, "IWAE k=64 " + k64 + " vs k=1 " + k1);
            assertTrue(k64 < 0);

            LatentCodes codes = evaluator.latentCodes(model.block());
            assertEquals(300, codes.count());
            assertEquals(2, codes.dim());
            float[][] direct = model.encode(data.test().image(7), 1);
            assertEquals(direct[0][0], codes.mu(7)[0], 1e-5);
            assertEquals(direct[1][1], codes.sigma(7)[1], 1e-5);
            assertEquals(data.test().label(7), codes.labels()[7]);
        }
    }
}
