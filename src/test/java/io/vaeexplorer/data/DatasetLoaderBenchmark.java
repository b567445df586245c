package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

/**
 * How long loading the shipped MNIST takes, which depends on the machine: not part of the default test run.
 * {@code mvn -B test -Dtest=DatasetLoaderBenchmark -Dsurefire.failIfNoSpecifiedTests=false} runs it.
 */
class DatasetLoaderBenchmark {

    @Test
    void loadsTheShippedMnistQuickly() {
        long start = System.nanoTime();
        Dataset data = DatasetLoader.load(AssetLocator.mnistDir());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(60_000, data.train().count());
        System.out.printf("loaded MNIST in %.2f s%n", seconds);
        assertTrue(seconds < 5, "loading took " + seconds + " s"); // generous: the machine is shared
    }
}
