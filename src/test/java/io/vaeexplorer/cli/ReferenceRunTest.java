package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceRunTest {

    @TempDir
    Path temp;

    @Test
    void theTwinsPeakResidentMemoryIsMeasuredWhileItRuns() throws Exception {
        // a stand-in twin that holds about 30 MB in a shell variable for a moment, then reports one epoch
        Path twin = temp.resolve("twin.sh");
        Path arguments = temp.resolve("arguments.txt");
        Files.writeString(twin, """
                echo "$@" > '%s'
                while [ $# -gt 0 ]; do [ "$1" = --json ] && out=$2; shift; done
                held=$(head -c 30000000 /dev/zero | tr '\\0' a)
                sleep 1
                printf '{"epochs": [{"train_wall_s": 3.0, "test_neg_elbo": 150.0}]}' > "$out"
                """.formatted(arguments));
        ReferenceRun.Result result = ReferenceRun.run("/bin/sh", twin, List.of("--data", temp.toString()), 2, 1, 128, 1);

        assertTrue(result.peakResidentMb() >= 30, "peak " + result.peakResidentMb() + " MB");
        assertTrue(result.summary().contains("peak resident memory"), result.summary());
        assertEquals(150.0, result.testNegElbo(), 1e-9);
        assertFalse(Files.readString(arguments).contains("--iwae"), "a twin without an IWAE option gets none");
    }

    @Test
    void aTwinWithAnIwaeBoundIsAskedForTheSmallestOneSoBothSidesDoTheSameWork() throws Exception {
        Path twin = temp.resolve("vae_twin.sh");
        Path arguments = temp.resolve("arguments.txt");
        Files.writeString(twin, """
                # accepts --iwae-k and --iwae-n like bench/vae_ref.py
                echo "$@" > '%s'
                while [ $# -gt 0 ]; do [ "$1" = --json ] && out=$2; shift; done
                printf '{"epochs": [{"train_wall_s": 3.0, "test_neg_elbo": 150.0}]}' > "$out"
                """.formatted(arguments));
        ReferenceRun.run("/bin/sh", twin, List.of("--data", temp.toString()), 2, 1, 128, 1);
        assertTrue(Files.readString(arguments).contains("--iwae-k 1 --iwae-n 1"), Files.readString(arguments));
    }

    @Test
    void thePeakRatioIsOursOverTheirsAndMissingWhenEitherSideIsUnknown() {
        assertEquals(0.5, BenchComparison.peakRatio(300, 600), 1e-12);
        assertTrue(Double.isNaN(BenchComparison.peakRatio(300, Double.NaN)));
        assertTrue(Double.isNaN(BenchComparison.peakRatio(-1, 600)));
    }
}
