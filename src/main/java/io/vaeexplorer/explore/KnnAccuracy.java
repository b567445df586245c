package io.vaeexplorer.explore;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How well the code keeps the one known factor of the data, its label: the share of test images whose label the
 * k nearest training codes (Euclidean distance between posterior means) name by majority. Ties between labels go
 * to the label of the nearest neighbour among the tied ones.
 */
public final class KnnAccuracy {

    /** Neighbours asked: odd, so two labels cannot tie. */
    public static final int DEFAULT_K = 5;

    /** Test images classified at most: the cost is test x training x latent size. */
    public static final int MAX_TEST_IMAGES = 2000;

    private KnnAccuracy() {
    }

    /**
     * @param train training means, row-major (trainCount x dim)
     * @param trainLabels their labels
     * @param test test means, row-major (testCount x dim); the first {@code maxTest} are classified
     * @param testLabels their labels
     * @return the share of correct labels in [0, 1]
     */
    public static double of(float[] train, byte[] trainLabels, float[] test, byte[] testLabels, int dim, int k,
            int maxTest) {
        Checks.atLeast("dim", dim, 1);
        Checks.atLeast("k", k, 1);
        if (train.length != (long) trainLabels.length * dim || test.length != (long) testLabels.length * dim) {
            throw new IllegalArgumentException("codes and labels differ in count");
        }
        Checks.atLeast("training codes", trainLabels.length, 1);
        int testCount = Math.min(testLabels.length, maxTest);
        Checks.atLeast("test codes", testCount, 1);
        int neighbours = Math.min(k, trainLabels.length);
        long correct = IntStream.range(0, testCount).parallel()
                .filter(i -> label(train, trainLabels, test, i, dim, neighbours) == (testLabels[i] & 0xFF)).count();
        return (double) correct / testCount;
    }

    /** The majority label of the k training codes nearest test code i. */
    static int label(float[] train, byte[] trainLabels, float[] test, int i, int dim, int k) {
        // the k nearest so far, sorted by distance: an insertion list, as k is small
        double[] nearest = new double[k];
        int[] index = new int[k];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int j = 0; j < trainLabels.length; j++) {
            double distance = 0;
            for (int c = 0; c < dim; c++) {
                double diff = test[i * dim + c] - train[j * dim + c];
                distance += diff * diff;
            }
            if (distance < nearest[k - 1]) {
                int at = k - 1;
                while (at > 0 && nearest[at - 1] > distance) {
                    nearest[at] = nearest[at - 1];
                    index[at] = index[at - 1];
                    at--;
                }
                nearest[at] = distance;
                index[at] = j;
            }
        }
        int[] votes = new int[256];
        int best = -1;
        int bestVotes = 0;
        for (int n = 0; n < k; n++) {
            votes[trainLabels[index[n]] & 0xFF]++;
        }
        // the nearest first: among labels with equal votes the one met first wins
        for (int n = 0; n < k; n++) {
            int label = trainLabels[index[n]] & 0xFF;
            if (votes[label] > bestVotes) {
                bestVotes = votes[label];
                best = label;
            }
        }
        return best;
    }
}
