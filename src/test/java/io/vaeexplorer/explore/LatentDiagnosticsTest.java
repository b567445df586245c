package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.core.LatentCodes;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentDiagnosticsTest {

    /** Dimension 0 carries the data (means spread, narrow posteriors); dimension 1 is dead (the prior itself). */
    private static LatentCodes oneDeadUnit(int count) {
        SplittableRandom random = new SplittableRandom(3);
        float[] mu = new float[count * 2];
        float[] sigma = new float[count * 2];
        for (int i = 0; i < count; i++) {
            mu[2 * i] = (float) (4 * random.nextDouble() - 2);
            sigma[2 * i] = 0.1f;
            mu[2 * i + 1] = 0;
            sigma[2 * i + 1] = 1;
        }
        return new LatentCodes(count, 2, mu, sigma, new byte[count]);
    }

    @Test
    void aDeadUnitHasNoKlNoVarianceAndIsNotActive() {
        LatentDiagnostics diagnostics = LatentDiagnostics.of(oneDeadUnit(500), 1);
        assertEquals(0.0, diagnostics.klPerDim()[1], 1e-12);
        assertEquals(0.0, diagnostics.meanVariance()[1], 1e-12);
        // means uniform on [-2, 2]: variance 4/3; KL = 0.5 (E[mu^2] + 0.01 - ln 0.01 - 1)
        assertEquals(4.0 / 3, diagnostics.meanVariance()[0], 0.15);
        assertEquals(0.5 * (4.0 / 3 + 0.01 - Math.log(0.01) - 1), diagnostics.klPerDim()[0], 0.1);
        assertEquals(1, diagnostics.activeUnits());
        assertArrayEquals(new int[] {0, 1}, diagnostics.dimsByKl());
        assertEquals(diagnostics.klPerDim()[0], diagnostics.kl(), 1e-12);
    }

    @Test
    void theKlPerDimensionSumsToTheClosedFormKlOfEachImage() {
        float[] mu = {0.5f, -1f, 2f, 0f};
        float[] sigma = {0.5f, 2f, 1f, 0.25f};
        LatentCodes codes = new LatentCodes(2, 2, mu, sigma, new byte[2]);
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double v = sigma[i] * sigma[i];
            expected += 0.5 * (mu[i] * mu[i] + v - Math.log(v) - 1);
        }
        assertEquals(expected / 2, Arrays.stream(LatentDiagnostics.klPerDim(codes)).sum(), 1e-9);
    }

    @Test
    void aFullyCollapsedModelCarriesNoInformationAndHasNoActiveUnit() {
        int count = 3000;
        float[] mu = new float[count * 3];
        float[] sigma = new float[count * 3];
        Arrays.fill(sigma, 1f);
        LatentDiagnostics collapsed = LatentDiagnostics.of(new LatentCodes(count, 3, mu, sigma, new byte[count]), 7);
        assertEquals(0, collapsed.activeUnits());
        assertEquals(0.0, collapsed.kl(), 1e-12);
        // every posterior is the aggregate one
        assertEquals(0.0, collapsed.mutualInformation(), 1e-9);
    }

    @Test
    void codesThatTellEveryImageApartReachTheEstimatesCeilingOfLnN() {
        int count = 400;
        float[] mu = new float[count * 2];
        float[] sigma = new float[count * 2];
        for (int i = 0; i < count; i++) {
            mu[2 * i] = i % 20;
            mu[2 * i + 1] = i / 20;
            sigma[2 * i] = 0.01f;
            sigma[2 * i + 1] = 0.01f;
        }
        double mi = LatentDiagnostics.mutualInformation(new LatentCodes(count, 2, mu, sigma, new byte[count]), 1000, 1);
        assertEquals(Math.log(count), mi, 1e-6);
        assertEquals(2, LatentDiagnostics.of(new LatentCodes(count, 2, mu, sigma, new byte[count]), 1).activeUnits());
    }

    @Test
    void theEstimateUsesASeededSubsetOfLargeSets() {
        LatentCodes codes = oneDeadUnit(5000);
        double a = LatentDiagnostics.mutualInformation(codes, 800, 11);
        assertEquals(a, LatentDiagnostics.mutualInformation(codes, 800, 11));
        assertTrue(a > 0.5 && a <= Math.log(800) + 0.05, "one informative unit on [-2, 2] at sigma 0.1: " + a);
    }
}
