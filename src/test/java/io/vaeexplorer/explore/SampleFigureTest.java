package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.CodeImageModel.codeOf;
import static io.vaeexplorer.explore.CodeImageModel.imageOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleFigureTest {

    @Test
    void priorSamplesAreTheDecodesOfTheSeedsDraws() {
        CodeImageModel model = new CodeImageModel(3);
        ImageGrid samples = SampleFigure.prior(model, 5, 42, 4);
        assertEquals(5, samples.count());
        assertEquals(4, samples.columns());
        assertEquals(2, samples.gridRows());
        float[] z = PriorSampler.sample(5, 3, 42);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(Arrays.copyOfRange(z, 3 * i, 3 * i + 3), codeOf(samples, i), "sample " + i);
        }
        assertArrayEquals(samples.pixels(), SampleFigure.prior(model, 5, 42, 4).pixels(), "same seed, same images");
        assertFalse(Arrays.equals(samples.pixels(), SampleFigure.prior(model, 5, 43, 4).pixels()));
    }

    @Test
    void variantsFollowTheSourceImageAndComeFromItsPosterior() {
        CodeImageModel model = new CodeImageModel(2);
        float[] mu = {1f, -1f};
        float[] sigma = {0.5f, 0.25f};
        float[] source = imageOf(mu, sigma);
        ImageGrid variants = SampleFigure.variants(model, source, 6, 7, 4);
        assertEquals(7, variants.count(), "the source and its six variants");
        assertEquals(4, variants.columns());
        assertArrayEquals(source, variants.image(0));
        float[] z = PriorSampler.posterior(mu, sigma, 6, 7);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(Arrays.copyOfRange(z, 2 * i, 2 * i + 2), codeOf(variants, i + 1), "variant " + i);
        }
    }
}
