package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The figure recipes on a model of colour images: every figure keeps the images' three channels and their layout. */
class ColourRecipesTest {

    private static final ImageShape SHAPE = ImageShape.rgb(2, 3);

    /**
     * A 2-d model of 2 x 3 colour images (channel-major): z1 sets the whole red plane to 0.5 + z1 / 4, z2 the green
     * plane to 0.5 + z2 / 4, and the blue plane counts pixels 0, 0.1, .. 0.5 whatever z is, so a row or column
     * mix-up shows. Encoding reads z back from the red and green planes.
     */
    static final class ColourCodeModel implements LatentModel {

        @Override
        public int latent() {
            return 2;
        }

        @Override
        public int rows() {
            return 2;
        }

        @Override
        public int cols() {
            return 3;
        }

        @Override
        public int channels() {
            return 3;
        }

        @Override
        public float[] decode(float[] z, int count) {
            float[] images = new float[count * 18];
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < 6; p++) {
                    images[i * 18 + p] = 0.5f + z[2 * i] / 4;
                    images[i * 18 + 6 + p] = 0.5f + z[2 * i + 1] / 4;
                    images[i * 18 + 12 + p] = p / 10f;
                }
            }
            return images;
        }

        @Override
        public float[][] encode(float[] images, int count) {
            assertEquals(count * 18, images.length, "three planes of 2 x 3 a picture");
            float[] mu = new float[2 * count];
            float[] sigma = new float[2 * count];
            for (int i = 0; i < count; i++) {
                mu[2 * i] = (images[i * 18] - 0.5f) * 4;
                mu[2 * i + 1] = (images[i * 18 + 6] - 0.5f) * 4;
                sigma[2 * i] = 0.5f;
                sigma[2 * i + 1] = 0.5f;
            }
            return new float[][] {mu, sigma};
        }
    }

    private final ColourCodeModel model = new ColourCodeModel();

    /** Red level of image {@code i}'s first pixel, and so on. */
    private static float plane(ImageGrid grid, int image, int channel) {
        return grid.image(image)[channel * 6];
    }

    @Test
    void theManifoldIsAGridOfColourImagesRedAlongXGreenUpY() {
        ImageGrid grid = ManifoldFigure.decode(model, 3, -2, 2, -2, 2, null);
        assertEquals(SHAPE, grid.shape());
        assertEquals(9, grid.count());
        assertEquals(18, grid.imageSize());
        assertEquals(0, plane(grid, 0, 0), 1e-6, "top left: x = -2");
        assertEquals(1, plane(grid, 0, 1), 1e-6, "top left: y = 2");
        assertEquals(1, plane(grid, 2, 0), 1e-6, "top right: x = 2");
        assertEquals(0, plane(grid, 8, 1), 1e-6, "bottom right: y = -2");
        assertArrayEquals(new float[] {0, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f},
                Arrays.copyOfRange(grid.image(4), 12, 18), "the blue plane as decoded");

        // tiled: the picture is in colour, red rising to the right and green falling downwards
        Raster raster = ImageTiler.tile(grid, 0, 1);
        assertEquals(3, raster.channels());
        assertEquals(9, raster.width());
        assertEquals(6, raster.height());
        assertEquals(0x00FF00, raster.rgb(0, 0));
        assertEquals(0xFFFF66, raster.rgb(7, 1), "top right image, pixel (row 1, col 1): the fifth, blue 0.4");
    }

    @Test
    void reconstructionsSamplesSweepsAndInterpolationsKeepTheColourShape() {
        float[] originals = model.decode(new float[] {1, -1, -1.5f, 0.5f}, 2);
        ReconstructionFigure recon = ReconstructionFigure.of(model, originals, 2, 2);
        assertEquals(SHAPE, recon.originals().shape());
        assertEquals(SHAPE, recon.reconstructions().shape());
        assertArrayEquals(originals, recon.reconstructions().pixels(), 1e-6f);

        ImageGrid variants = SampleFigure.variants(model, recon.originals().image(1), 4, 7, 5);
        assertEquals(SHAPE, variants.shape());
        assertEquals(5, variants.count());
        assertArrayEquals(recon.originals().image(1), variants.image(0), "the image itself comes first");

        ImageGrid prior = SampleFigure.prior(model, 6, 3, 3);
        assertEquals(SHAPE, prior.shape());
        assertEquals(6 * 18, prior.pixels().length);

        SweepFigure sweep = SweepFigure.around(model, recon.originals().image(0), EpsilonSweep.Units.SIGMA, 3, 2, 0,
                1, false);
        assertEquals(SHAPE, sweep.images().shape());
        assertEquals(9, sweep.images().count());
        assertEquals(0.75f, plane(sweep.images(), 4, 0), 1e-6, "the centre is the image's own mean, z1 = 1");

        InterpolationEnds ends = InterpolationEnds.encode(model, recon.originals().image(0),
                recon.originals().image(1), 1, false);
        ImageGrid strip = ends.strip(model, 4, false).images();
        assertEquals(SHAPE, strip.shape());
        assertArrayEquals(recon.originals().image(0), strip.image(0), 1e-6f);
        assertArrayEquals(recon.originals().image(1), strip.image(3), 1e-6f);
        assertTrue(plane(strip, 1, 0) < plane(strip, 0, 0), "red falls from A (z1 = 1) to B (z1 = -1.5)");
    }
}
