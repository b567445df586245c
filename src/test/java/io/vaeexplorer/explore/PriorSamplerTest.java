package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PriorSamplerTest {

    @Test
    void priorSamplesAreStandardNormal() {
        float[] z = PriorSampler.sample(10_000, 2, 42); // 20k draws
        assertEquals(20_000, z.length);
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        mean /= z.length;
        double variance = 0;
        for (float v : z) {
            variance += (v - mean) * (v - mean);
        }
        variance /= z.length - 1;
        assertEquals(0.0, mean, 0.03);      // standard error 0.007
        assertEquals(1.0, variance, 0.05);  // standard error 0.01
        // each dimension on its own too
        for (int k = 0; k < 2; k++) {
            double sum = 0;
            for (int i = 0; i < 10_000; i++) {
                sum += z[i * 2 + k];
            }
            assertEquals(0.0, sum / 10_000, 0.05, "mean of dimension " + k);
        }
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        assertArrayEquals(PriorSampler.sample(100, 20, 7), PriorSampler.sample(100, 20, 7));
        assertFalse(Arrays.equals(PriorSampler.sample(100, 20, 7), PriorSampler.sample(100, 20, 8)));
    }

    @Test
    void oddSizesAreFilledCompletely() {
        float[] z = PriorSampler.sample(3, 1, 1);
        for (float v : z) {
            assertFalse(v == 0f, "every entry drawn");
        }
    }

    @Test
    void posteriorDrawsAreCentredOnMuAndScaledBySigma() {
        float[] mu = {3f, -1f};
        float[] sigma = {0.5f, 0f};
        float[] z = PriorSampler.posterior(mu, sigma, 5_000, 3);
        assertEquals(10_000, z.length);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 5_000; i++) {
            sum += z[i * 2];
            squares += (z[i * 2] - 3.0) * (z[i * 2] - 3.0);
            assertEquals(-1f, z[i * 2 + 1], 0f, "zero sigma keeps mu");
        }
        assertEquals(3.0, sum / 5_000, 0.03);
        assertEquals(0.25, squares / 5_000, 0.02);
        assertArrayEquals(z, PriorSampler.posterior(mu, sigma, 5_000, 3));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> PriorSampler.sample(0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> PriorSampler.sample(2, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> PriorSampler.posterior(new float[2], new float[3], 4, 1));
    }
}
