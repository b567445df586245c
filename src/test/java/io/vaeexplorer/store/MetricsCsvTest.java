package io.vaeexplorer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.NamedWeight;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {

    @TempDir
    Path temp;

    private static Checkpoint run(KlSchedule schedule, List<EpochRecord> history) {
        return run(schedule, Objective.ELBO, history);
    }

    private static Checkpoint run(KlSchedule schedule, Objective objective, List<EpochRecord> history) {
        ModelConfig config = ModelConfig.mlp(2, List.of(4)).withBeta(2f).withObjective(objective);
        List<NamedWeight> weights = List.of(new NamedWeight("w", new long[] {2}, new float[] {1f, 2f}));
        return new Checkpoint(new WeightSnapshot(config, 1, 30, weights),
                new TrainingConfig(3, 64, 1e-3f, 1, 0, schedule), history, "cpu", "mnist");
    }

    private static List<EpochRecord> threeEpochs() {
        return List.of(new EpochRecord(1, 10, new LossParts(180, 5), new LossParts(170, 6), 2.5, 1000),
                new EpochRecord(2, 20, new LossParts(160, 6), new LossParts(158, 6.5), 2.25, 1100),
                new EpochRecord(3, 30, new LossParts(150, 7), null, 2, 1200));
    }

    @Test
    void aSaveWritesOneRowPerEpochBesideTheModelWithTheScheduledWeight() throws Exception {
        Path saved = CheckpointIO.save(run(KlSchedule.warmup(2), threeEpochs()), temp.resolve("run"));
        Path metrics = saved.resolveSibling(MetricsCsv.FILE_NAME);
        String text = Files.readString(metrics, StandardCharsets.UTF_8);
        List<String> rows = List.of(text.split("\r\n"));
        assertTrue(text.endsWith("\r\n"));
        assertEquals(4, rows.size());
        assertEquals(String.join(",", MetricsCsv.COLUMNS), rows.get(0));
        assertEquals("1,10,185.000000,180.000000,5.000000,176.000000,170.000000,6.000000,0.500000,,2.500000",
                rows.get(1), "a warm-up to beta 2 over two epochs: weight 0.5 at the first epoch's middle");
        assertTrue(rows.get(2).contains(",1.500000,,2.250000"), rows.get(2));
        assertEquals("3,30,157.000000,150.000000,7.000000,,,,2.000000,,2.000000", rows.get(3),
                "no test loss measured: empty fields");
    }

    @Test
    void theCapacityHasItsColumnAndAFileOfAnotherNameGetsItsOwnLog() throws Exception {
        Path saved = CheckpointIO.save(run(KlSchedule.capacity(30, 3), threeEpochs()), temp.resolve("cap.vae"));
        Path metrics = temp.resolve("cap.metrics.csv");
        assertEquals(metrics, CheckpointIO.metricsFile(saved));
        List<String> rows = Files.readAllLines(metrics);
        assertTrue(rows.get(1).endsWith(",2.000000,5.000000,2.500000"), "beta, then C = 30 x 0.5 / 3: " + rows.get(1));
    }

    @Test
    void aReconstructionOnlyRunLogsNoKlWeightAndNoCapacity() throws Exception {
        for (KlSchedule schedule : List.of(KlSchedule.warmup(2), KlSchedule.capacity(30, 3))) {
            Path saved = CheckpointIO.save(run(schedule, Objective.RECON_ONLY, threeEpochs()),
                    temp.resolve(schedule.kind() + ".vae"));
            List<String> rows = Files.readAllLines(CheckpointIO.metricsFile(saved));
            for (String row : rows.subList(1, rows.size())) {
                assertTrue(row.endsWith(",0.000000,," + row.substring(row.lastIndexOf(',') + 1)), row);
            }
        }
    }
}
