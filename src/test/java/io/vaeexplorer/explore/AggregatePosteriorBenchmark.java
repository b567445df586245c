package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.explore.AggregatePosterior.Area;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How long the aggregate posterior's density takes, which depends on the machine: not part of the default test
 * run. {@code mvn -B test -Dtest=AggregatePosteriorBenchmark -Dsurefire.failIfNoSpecifiedTests=false} runs it.
 */
class AggregatePosteriorBenchmark {

    /**
     * 10,000 codes (the MNIST test set) on a 200 x 200 grid, as the plane view asks on every change. Sigmas are
     * like a trained model's (0.05-0.3 at d = 2; at d = 20 the same in 12 active dimensions, about 1 with means
     * near 0 in the rest); zoomed in, most components cover the whole grid, the worst case. The guards are
     * generous (a loaded 2-core machine is several times slower than a quiet one); the times are printed.
     */
    @Test
    void tenThousandCodesOnA200x200GridIsFast() {
        Random random = new Random(11);
        int n = 10_000;
        float[] mu2 = new float[n * 2];
        float[] sigma2 = new float[n * 2];
        for (int i = 0; i < mu2.length; i++) {
            mu2[i] = (float) (1.5 * random.nextGaussian());
            sigma2[i] = 0.05f + 0.25f * random.nextFloat();
        }
        int d = 20;
        float[] mu20 = new float[n * d];
        float[] sigma20 = new float[n * d];
        for (int i = 0; i < mu20.length; i++) {
            boolean active = i % d < 12; // a trained d = 20 VAE leaves some dimensions at the prior
            mu20[i] = (float) ((active ? 1.0 : 0.05) * random.nextGaussian());
            sigma20[i] = active ? 0.05f + 0.3f * random.nextFloat() : 0.95f + 0.05f * random.nextFloat();
        }
        Pca pca = Pca.fit(mu20, n, d);
        Area view = new Area(-4, 4, -4, 4, 200, 200);
        Area zoomed = new Area(-0.5, 0.5, -0.5, 0.5, 200, 200); // every component covers most of the grid
        for (int warm = 0; warm < 2; warm++) {
            AggregatePosterior.density(mu2, sigma2, n, 2, null, view);
            AggregatePosterior.density(mu20, sigma20, n, d, pca, view);
        }
        long d2 = time(3, () -> AggregatePosterior.density(mu2, sigma2, n, 2, null, view));
        long d20 = time(3, () -> AggregatePosterior.density(mu20, sigma20, n, d, pca, view));
        long d20Zoomed = time(1, () -> AggregatePosterior.density(mu20, sigma20, n, d, pca, zoomed));
        System.out.printf("aggregate posterior, 10,000 codes at 200x200: d=2 %d ms, d=20 %d ms; d=20 zoomed in %d ms%n",
                d2, d20, d20Zoomed);
        assertTrue(d2 < 2000 && d20 < 2000, "d=2 " + d2 + " ms, d=20 " + d20 + " ms");
        assertTrue(d20Zoomed < 6000, "zoomed: d=20 " + d20Zoomed + " ms");
    }

    /** Best of {@code runs}, in milliseconds: the least disturbed by the other builds on the machine. */
    private static long time(int runs, Runnable work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        return best;
    }
}
