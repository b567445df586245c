package io.vaeexplorer.engine.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.vaeexplorer.engine.DjlRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusedAdamTest {

    private static final float LR = 0.01f;

    /** A 4 -> 3 linear layer with fixed weights, so both optimisers start from the same point. */
    private static List<Pair<String, Parameter>> layer(NDManager manager) {
        Linear linear = Linear.builder().setUnits(3).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        int k = 0;
        for (Pair<String, Parameter> p : linear.getParameters()) {
            NDArray w = p.getValue().getArray();
            float[] values = new float[(int) w.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) Math.sin(++k);
            }
            w.set(values);
            parameters.add(p);
        }
        return parameters;
    }

    /** loss = sum((W x + b) * c): the gradients differ per element and include both signs. */
    private static void backward(NDManager manager, Engine engine, List<Pair<String, Parameter>> parameters,
                                 int round) {
        try (NDManager step = manager.newSubManager();
             GradientCollector collector = engine.newGradientCollector()) {
            NDArray w = parameters.get(0).getValue().getArray();
            NDArray b = parameters.get(1).getValue().getArray();
            NDArray x = step.create(new float[] {1, -2, 0.5f, 3, -1, 0.25f, 2, -0.5f}, new Shape(2, 4));
            NDArray c = step.create(new float[] {1, -1, 2 + round, 0.5f, 3, -1}, new Shape(2, 3));
            NDArray y = x.matMul(w.transpose()).add(b);
            collector.backward(y.mul(c).sum());
        }
    }

    private static float[][] gradients(List<Pair<String, Parameter>> parameters) {
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            try (NDArray g = parameters.get(i).getValue().getArray().getGradient()) {
                out[i] = g.toFloatArray();
            }
        }
        return out;
    }

    private static float[][] weights(List<Pair<String, Parameter>> parameters) {
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).getValue().getArray().toFloatArray();
        }
        return out;
    }

    @Test
    void theFusedStepIsPyTorchsAdamAndZeroesTheGradients() throws Exception {
        Engine engine = DjlRuntime.engine();
        DjlRuntime.disableGradientsOnThisThread();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> parameters = layer(manager);
            float[][] w = weights(parameters);
            double[][] m = new double[w.length][];
            double[][] v = new double[w.length][];
            for (int i = 0; i < w.length; i++) {
                m[i] = new double[w[i].length];
                v[i] = new double[w[i].length];
            }
            try (AdamStep adam = FusedAdam.create(manager, parameters, LR)) {
                assertEquals("PyTorch fused Adam", adam.describe());
                for (int t = 1; t <= 3; t++) {
                    backward(manager, engine, parameters, t);
                    float[][] g = gradients(parameters);
                    adam.apply();
                    // torch.optim.Adam, written out: eps goes on sqrt(v_hat)
                    double bc1 = 1 - Math.pow(0.9, t);
                    double bc2 = 1 - Math.pow(0.999, t);
                    float[][] after = weights(parameters);
                    for (int i = 0; i < w.length; i++) {
                        float[] expected = new float[w[i].length];
                        for (int j = 0; j < expected.length; j++) {
                            m[i][j] = 0.9 * m[i][j] + 0.1 * g[i][j];
                            v[i][j] = 0.999 * v[i][j] + 0.001 * g[i][j] * g[i][j];
                            double denominator = Math.sqrt(v[i][j] / bc2) + 1e-8;
                            w[i][j] = (float) (w[i][j] - LR * (m[i][j] / bc1) / denominator);
                            expected[j] = w[i][j];
                        }
                        assertArrayEquals(expected, after[i], 1e-5f, "parameter " + i + " after step " + t);
                        assertArrayEquals(new float[g[i].length], gradients(parameters)[i], "gradient not zeroed");
                    }
                }
            }
        }
    }

    @Test
    void djlsAdamIsTheFallbackAndTakesTheSameFirstStep() throws Exception {
        Engine engine = DjlRuntime.engine();
        DjlRuntime.disableGradientsOnThisThread();
        String before = System.getProperty(AdamStep.CHOICE_PROPERTY);
        try (NDManager fusedSide = NDManager.newBaseManager(); NDManager djlSide = NDManager.newBaseManager()) {
            List<Pair<String, Parameter>> a = layer(fusedSide);
            List<Pair<String, Parameter>> b = layer(djlSide);
            float[][] start = weights(a);
            System.setProperty(AdamStep.CHOICE_PROPERTY, "djl");
            try (AdamStep fused = FusedAdam.create(fusedSide, a, LR);
                 AdamStep djl = AdamStep.forParameters(djlSide, b, LR)) {
                assertEquals("DJL Adam", djl.describe());
                backward(fusedSide, engine, a, 0);
                backward(djlSide, engine, b, 0);
                fused.apply();
                djl.apply();
                // the first step of either moves every weight by lr against its gradient's sign
                float[][] wa = weights(a);
                float[][] wb = weights(b);
                for (int i = 0; i < wa.length; i++) {
                    assertArrayEquals(wa[i], wb[i], 1e-6f);
                    for (int j = 0; j < wa[i].length; j++) {
                        assertEquals(LR, Math.abs(wa[i][j] - start[i][j]), 1e-5f);
                        assertNotEquals(start[i][j], wa[i][j]);
                    }
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty(AdamStep.CHOICE_PROPERTY);
            } else {
                System.setProperty(AdamStep.CHOICE_PROPERTY, before);
            }
        }
    }
}
