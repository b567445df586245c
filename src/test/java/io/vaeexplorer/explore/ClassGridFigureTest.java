package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassGridFigureTest {

    /**
     * A conditional model whose images spell out what they were decoded from: an image is one row of d + 1
     * pixels, z followed by the class (as class / 10); encoding returns the first d pixels as mu and the class as
     * every sigma.
     */
    static final class ClassSpellingModel implements LatentModel {
        private final int latent;
        private final int classes;

        ClassSpellingModel(int latent, int classes) {
            this.latent = latent;
            this.classes = classes;
        }

        @Override
        public int latent() {
            return latent;
        }

        @Override
        public int rows() {
            return 1;
        }

        @Override
        public int cols() {
            return latent + 1;
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int conditionClasses() {
            return classes;
        }

        @Override
        public float[] decode(float[] z, int count) {
            return decode(z, new int[count], count);
        }

        @Override
        public float[][] encode(float[] images, int count) {
            return encode(images, new int[count], count);
        }

        @Override
        public float[] decode(float[] z, int[] labels, int count) {
            float[] images = new float[count * (latent + 1)];
            for (int i = 0; i < count; i++) {
                System.arraycopy(z, i * latent, images, i * (latent + 1), latent);
                images[i * (latent + 1) + latent] = labels[i] / 10f;
            }
            return images;
        }

        @Override
        public float[][] encode(float[] images, int[] labels, int count) {
            float[] mu = new float[count * latent];
            float[] sigma = new float[count * latent];
            for (int i = 0; i < count; i++) {
                System.arraycopy(images, i * (latent + 1), mu, i * latent, latent);
                Arrays.fill(sigma, i * latent, (i + 1) * latent, labels[i]);
            }
            return new float[][] {mu, sigma};
        }
    }

    @Test
    void eachRowIsOneClassAndEachColumnOneLatentVector() {
        ClassSpellingModel model = new ClassSpellingModel(3, 4);
        ImageGrid grid = ClassGridFigure.of(model, 5, 11);
        assertEquals(20, grid.count());
        assertEquals(5, grid.columns());
        float[] shared = PriorSampler.sample(5, 3, 11);
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 5; col++) {
                float[] image = grid.image(row * 5 + col);
                assertEquals(row / 10f, image[3], "row " + row + " is class " + row);
                assertArrayEquals(Arrays.copyOfRange(shared, col * 3, col * 3 + 3), Arrays.copyOf(image, 3),
                        "column " + col + " decodes the same z in every row");
            }
        }
    }

    @Test
    void aPlainModelOrTooManyRowsIsRefused() {
        CodeImageModel plain = new CodeImageModel(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassGridFigure.of(plain, 4, 1));
        assertTrue(e.getMessage().contains("conditional"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassGridFigure.of(new ClassSpellingModel(2, 3), 4, 4, 1));
    }

    @Test
    void aModelAtOneClassDecodesAndEncodesEverythingAtThatClass() {
        ClassSpellingModel model = new ClassSpellingModel(2, 5);
        LatentModel atThree = model.atClass(3);
        float[] decoded = atThree.decode(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.3f, 0.4f, 0.3f}, decoded);
        assertArrayEquals(new float[] {3, 3, 3, 3}, atThree.encode(decoded, 2)[1]);
        assertEquals(0.1f, atThree.atClass(1).decode(new float[] {0f, 0f}, 1)[2], 1e-6f, "another class replaces it");
        assertThrows(IllegalArgumentException.class, () -> model.atClass(5));
        CodeImageModel plain = new CodeImageModel(2);
        assertSame(plain, plain.atClass(3), "a plain model has no class to fix");
    }
}
