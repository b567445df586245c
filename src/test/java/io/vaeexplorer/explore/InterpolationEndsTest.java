package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.CodeImageModel.codeOf;
import static io.vaeexplorer.explore.CodeImageModel.imageOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpolationEndsTest {

    private static final float[] MU_A = {1f, 0f};
    private static final float[] SIGMA_A = {0.5f, 0.5f};
    private static final float[] MU_B = {0f, 2f};
    private static final float[] SIGMA_B = {1f, 0.25f};

    @Test
    void bothEndsAreEncodedInOneBatch() {
        CodeImageModel model = new CodeImageModel(2);
        InterpolationEnds ends = InterpolationEnds.encode(model, imageOf(MU_A, SIGMA_A), imageOf(MU_B, SIGMA_B), 9,
                false);
        assertEquals(List.of("encode 2"), model.calls);
        assertArrayEquals(MU_A, ends.muA());
        assertArrayEquals(SIGMA_A, ends.sigmaA());
        assertArrayEquals(MU_B, ends.muB());
        assertArrayEquals(SIGMA_B, ends.sigmaB());
        assertNull(ends.eps(), "means only");
        assertEquals(2, ends.dim());
        assertThrows(IllegalArgumentException.class,
                () -> InterpolationEnds.encode(model, new float[4], new float[6], 9, false));
    }

    @Test
    void theStripDecodesTheLineFromAToBInOneRow() {
        CodeImageModel model = new CodeImageModel(2);
        InterpolationEnds ends = InterpolationEnds.encode(model, imageOf(MU_A, SIGMA_A), imageOf(MU_B, SIGMA_B), 9,
                false);
        InterpolationEnds.Strip strip = ends.strip(model, 5, false);
        ImageGrid images = strip.images();
        assertEquals(5, images.count());
        assertEquals(5, images.columns());
        assertArrayEquals(Interpolation.linear(MU_A, MU_B, 5), strip.path());
        assertArrayEquals(MU_A, codeOf(images, 0), 0f, "exactly A");
        assertArrayEquals(new float[] {0.5f, 1f}, codeOf(images, 2), 1e-6f, "half way");
        assertArrayEquals(MU_B, codeOf(images, 4), 0f, "exactly B");
        assertEquals("decode 5", model.calls.get(model.calls.size() - 1), "the strip in one batch");

        assertArrayEquals(Interpolation.spherical(MU_A, MU_B, 4), ends.strip(model, 4, true).path());
        assertArrayEquals(Interpolation.sphericalAt(MU_A, MU_B, 0.3),
                codeOf(ends.decodeAt(model, 0.3, true), 0), 0f);
        assertArrayEquals(Interpolation.at(MU_A, MU_B, 0.3), codeOf(ends.decodeAt(model, 0.3, false), 0), 0f);
    }

    @Test
    void noiseIsOneDrawSharedByThePathScaledByTheInterpolatedSigma() {
        CodeImageModel model = new CodeImageModel(2);
        InterpolationEnds ends = InterpolationEnds.encode(model, imageOf(MU_A, SIGMA_A), imageOf(MU_B, SIGMA_B), 9,
                true);
        float[] eps = PriorSampler.sample(1, 2, 9);
        assertArrayEquals(eps, ends.eps());
        float[] path = ends.path(3, false);
        float[] mu = Interpolation.linear(MU_A, MU_B, 3);
        float[] sigma = Interpolation.linear(SIGMA_A, SIGMA_B, 3);
        for (int i = 0; i < path.length; i++) {
            assertEquals(mu[i] + eps[i % 2] * sigma[i], path[i], 0f, "value " + i);
        }
        float[] atB = ends.at(1, true);
        assertArrayEquals(new float[] {MU_B[0] + eps[0] * SIGMA_B[0], MU_B[1] + eps[1] * SIGMA_B[1]}, atB, 0f);
    }

    @Test
    void eachPairOfTestImagesHasItsOwnSeed() {
        assertEquals(InterpolationEnds.pairSeed(3, 7), InterpolationEnds.pairSeed(3, 7));
        assertNotEquals(InterpolationEnds.pairSeed(3, 7), InterpolationEnds.pairSeed(7, 3));
        assertNotEquals(InterpolationEnds.pairSeed(0, 1), InterpolationEnds.pairSeed(0, 2));
    }

    @Test
    void theAnimationRunsForthAndBackWithoutRepeatingAnEnd() {
        assertArrayEquals(new int[] {0}, InterpolationEnds.forthAndBack(1));
        assertArrayEquals(new int[] {0, 1}, InterpolationEnds.forthAndBack(2));
        assertArrayEquals(new int[] {0, 1, 2, 3, 2, 1}, InterpolationEnds.forthAndBack(4));
        assertThrows(IllegalArgumentException.class, () -> InterpolationEnds.forthAndBack(0));
    }

    @Test
    void endsOfDifferentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new InterpolationEnds(new float[2], new float[2], new float[3], new float[3], null));
        assertThrows(IllegalArgumentException.class,
                () -> new InterpolationEnds(new float[2], new float[2], new float[2], new float[2], new float[1]));
    }
}
