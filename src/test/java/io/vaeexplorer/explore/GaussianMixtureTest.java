package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.core.LatentCodes;
import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    /** Three clusters in 2-D: at (-4, 0) sd 0.5 (half the points), (4, 0) sd 1 and (0, 5) sd 0.25. */
    private static float[] threeClusters(int count, long seed) {
        float[] noise = PriorSampler.sample(count, 2, seed);
        float[] points = new float[count * 2];
        for (int i = 0; i < count; i++) {
            int c = i % 4 < 2 ? 0 : i % 4 == 2 ? 1 : 2;
            double[] centre = c == 0 ? new double[] {-4, 0} : c == 1 ? new double[] {4, 0} : new double[] {0, 5};
            double sd = c == 0 ? 0.5 : c == 1 ? 1 : 0.25;
            points[2 * i] = (float) (centre[0] + sd * noise[2 * i]);
            points[2 * i + 1] = (float) (centre[1] + sd * noise[2 * i + 1]);
        }
        return points;
    }

    @Test
    void findsTheClustersTheirWeightsAndSpreads() {
        float[] points = threeClusters(6000, 1);
        GaussianMixture mixture = GaussianMixture.fit(points, 6000, 2, 3, 7);
        int[] order = {0, 1, 2};
        Integer[] byX = {0, 1, 2};
        Arrays.sort(byX, (a, b) -> Double.compare(mixture.means()[2 * a] + 10 * mixture.means()[2 * a + 1],
                mixture.means()[2 * b] + 10 * mixture.means()[2 * b + 1]));
        for (int i = 0; i < 3; i++) {
            order[i] = byX[i];
        }
        // sorted by x + 10 y: (-4, 0), (4, 0), (0, 5)
        double[][] centres = {{-4, 0}, {4, 0}, {0, 5}};
        double[] weights = {0.5, 0.25, 0.25};
        double[] sds = {0.5, 1, 0.25};
        for (int i = 0; i < 3; i++) {
            int c = order[i];
            assertEquals(centres[i][0], mixture.means()[2 * c], 0.1);
            assertEquals(centres[i][1], mixture.means()[2 * c + 1], 0.1);
            assertEquals(weights[i], mixture.weights()[c], 0.02);
            assertEquals(sds[i] * sds[i], mixture.variances()[2 * c], 0.1 * sds[i] * sds[i]);
        }
    }

    @Test
    void samplesFollowTheMixtureAndRepeatWithTheSeed() {
        GaussianMixture mixture = new GaussianMixture(1, new double[] {0.25, 0.75}, new double[] {-10, 10},
                new double[] {1, 4});
        float[] z = mixture.sample(20000, 3);
        assertArrayEquals(z, mixture.sample(20000, 3));
        long left = 0;
        double rightSum = 0;
        double rightSquares = 0;
        for (float v : z) {
            if (v < 0) {
                left++;
            } else {
                rightSum += v;
                rightSquares += v * v;
            }
        }
        long right = z.length - left;
        assertEquals(0.25, left / 20000.0, 0.01);
        double mean = rightSum / right;
        assertEquals(10, mean, 0.05);
        assertEquals(4, rightSquares / right - mean * mean, 0.15);
    }

    @Test
    void aCollapsedDimensionKeepsTheFloorAndTheFitGoesOn() {
        float[] points = threeClusters(3000, 2);
        float[] withDead = new float[3000 * 3];
        for (int i = 0; i < 3000; i++) {
            withDead[3 * i] = points[2 * i];
            withDead[3 * i + 1] = 0f; // every code the same in this dimension
            withDead[3 * i + 2] = points[2 * i + 1];
        }
        GaussianMixture mixture = GaussianMixture.fit(withDead, 3000, 3, 3, 1);
        for (int c = 0; c < 3; c++) {
            assertEquals(GaussianMixture.VARIANCE_FLOOR, mixture.variances()[3 * c + 1], 1e-12);
        }
        assertTrue(Double.isFinite(mixture.meanLogLikelihood(withDead, 3000)));
    }

    @Test
    void moreComponentsFitTheDataBetterThanOneAndTheFitIsSeeded() {
        float[] points = threeClusters(3000, 4);
        GaussianMixture one = GaussianMixture.fit(points, 3000, 2, 1, 1);
        GaussianMixture three = GaussianMixture.fit(points, 3000, 2, 3, 1);
        assertTrue(three.meanLogLikelihood(points, 3000) > one.meanLogLikelihood(points, 3000) + 1);
        assertArrayEquals(three.means(), GaussianMixture.fit(points, 3000, 2, 3, 1).means());
        // more components than points: one per point at most
        assertEquals(2, GaussianMixture.fit(new float[] {0, 0, 1, 1}, 2, 2, 5, 1).components());
    }

    @Test
    void fittingToImagesEncodesOnlyTheFittedSubsetInBatchesAndFitsAsToTheWholeSetsCodes() {
        int count = GaussianMixture.MAX_FITTED_CODES + 5000;
        int latent = 2;
        // CodeImageModel reads an image's first row as mu and its second as sigma
        byte[] levels = new byte[count * 2 * latent];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (byte) random.nextInt(256);
        }
        float[] mu = new float[count * latent];
        float[] sigma = new float[count * latent];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < latent; d++) {
                mu[i * latent + d] = (levels[i * 2 * latent + d] & 0xff) / 255f;
                sigma[i * latent + d] = (levels[i * 2 * latent + latent + d] & 0xff) / 255f;
            }
        }
        GaussianMixture ofCodes = GaussianMixture.fitToPosteriors(
                new LatentCodes(count, latent, mu, sigma, new byte[count]), 3, 7);

        CodeImageModel model = new CodeImageModel(latent);
        GaussianMixture ofImages = GaussianMixture.fitToImages(model, levels, new byte[count], count, 3, 7);

        assertArrayEquals(ofCodes.means(), ofImages.means());
        assertArrayEquals(ofCodes.variances(), ofImages.variances());
        assertArrayEquals(ofCodes.weights(), ofImages.weights());
        int batches = GaussianMixture.MAX_FITTED_CODES / GaussianMixture.ENCODE_BATCH;
        assertEquals(Collections.nCopies(batches, "encode " + GaussianMixture.ENCODE_BATCH), model.calls);
    }

    @Test
    void fittingToImagesRefusesLevelsThatAreNotWholeImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.fitToImages(new CodeImageModel(2), new byte[10], new byte[3], 3, 2, 1));
        assertEquals("expected 3 images of 4 levels, got 10 levels", e.getMessage());
    }
}
