package io.vaeexplorer.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KnnAccuracyTest {

    /** Two labelled clouds around (-3, 0) and (3, 0), or labels at random when {@code randomLabels}. */
    private static Object[] clouds(int count, long seed, boolean randomLabels) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] codes = new float[count * 2];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            codes[2 * i] = (float) ((label == 0 ? -3 : 3) + random.nextDouble() - 0.5);
            codes[2 * i + 1] = (float) (random.nextDouble() - 0.5);
            labels[i] = (byte) (randomLabels ? random.nextInt(2) : label);
        }
        return new Object[] {codes, labels};
    }

    @Test
    void separatedClassesAreAllNamedRight() {
        Object[] train = clouds(400, 1, false);
        Object[] test = clouds(100, 2, false);
        assertEquals(1.0, KnnAccuracy.of((float[]) train[0], (byte[]) train[1], (float[]) test[0], (byte[]) test[1], 2,
                5, 1000));
    }

    @Test
    void labelsThatTheCodeDoesNotKeepAreGuessedAtChance() {
        Object[] train = clouds(2000, 3, true);
        Object[] test = clouds(1000, 4, true);
        double accuracy = KnnAccuracy.of((float[]) train[0], (byte[]) train[1], (float[]) test[0], (byte[]) test[1],
                2, 5, 1000);
        assertTrue(accuracy > 0.4 && accuracy < 0.6, "chance is one half: " + accuracy);
    }

    @Test
    void theNearestNeighbourBreaksATie() {
        float[] train = {0f, 1f, 3f, 4f};
        byte[] labels = {7, 7, 2, 2};
        // k = 4 ties 7 and 2 at two votes each; the nearest code, at 3, is a 2
        assertEquals(2, KnnAccuracy.label(train, labels, new float[] {2.6f}, 0, 1, 4));
        assertEquals(7, KnnAccuracy.label(train, labels, new float[] {1.4f}, 0, 1, 4));
    }

    @Test
    void onlyTheFirstTestImagesAreClassifiedAndBadShapesAreRefused() {
        float[] train = {0f, 10f};
        byte[] labels = {0, 1};
        // the first test code is right, the second wrong: classifying one of them gives 1.0
        assertEquals(1.0, KnnAccuracy.of(train, labels, new float[] {0.5f, 0.5f}, new byte[] {0, 1}, 1, 1, 1));
        assertEquals(0.5, KnnAccuracy.of(train, labels, new float[] {0.5f, 0.5f}, new byte[] {0, 1}, 1, 1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> KnnAccuracy.of(train, labels, new float[] {0.5f}, new byte[] {0, 1}, 1, 1, 2));
    }
}
