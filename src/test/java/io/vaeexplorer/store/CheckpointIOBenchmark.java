package io.vaeexplorer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long saving and loading a checkpoint take, which depends on the machine and its disk: not part of the
 * default test run. {@code mvn -B test -Dtest=CheckpointIOBenchmark -Dsurefire.failIfNoSpecifiedTests=false} runs it.
 */
class CheckpointIOBenchmark {

    @TempDir
    Path dir;

    @Test
    void largeModelRoundTripsQuickly() {
        Checkpoint big = CheckpointIOTest.large();
        CheckpointIO.save(big, dir); // warm up the code paths once
        CheckpointIO.load(dir);
        long start = System.nanoTime();
        CheckpointIO.save(big, dir);
        long saved = System.nanoTime();
        Checkpoint loaded = CheckpointIO.load(dir);
        long loadedAt = System.nanoTime();

        assertEquals(big, loaded);
        long saveMs = (saved - start) / 1_000_000;
        long loadMs = (loadedAt - saved) / 1_000_000;
        System.out.printf("650k-parameter checkpoint: save %d ms, load %d ms%n", saveMs, loadMs);
        // the goal is well under 100 ms each; the bound is loose because the test machine is shared
        assertTrue(saveMs < 1000 && loadMs < 1000, "save " + saveMs + " ms, load " + loadMs + " ms");
    }
}
