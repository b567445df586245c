package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}'s reading of both twins' results and its pairing of runs, with a stand-in for the twin. */
class BenchCommandTest {

    @TempDir
    Path temp;

    @Test
    void readsTheMlpTwinsSummaryAndTheSteadyEpochsOfItsEpochList() {
        JsonObject root = JsonParser.parseString("""
                {"epochs": [{"train_wall_s": 9.0}, {"train_wall_s": 3.0}, {"train_wall_s": 2.0}, {"train_wall_s": 4.0}],
                 "summary": {"epoch_wall_median_s": 3.5, "final_test_loss": 105.2},
                 "latency": {"decode_b1_us": {"median": 35.0}, "decode_b100_us": {"median": 80.0}},
                 "encode_test_10k": {"median_s": 0.046}}""").getAsJsonObject();
        ReferenceRun.Result result = ReferenceRun.read(root);
        assertEquals(3.5, result.epochSecondsMedian(), 1e-12);
        assertEquals(3.0, result.steadyEpochSecondsMedian(), 1e-12, "epochs 2..4");
        assertEquals(105.2, result.testNegElbo(), 1e-12);
        assertEquals(35.0, result.decode1Micros(), 1e-12);
        assertEquals(46.0, result.encodeTestMillis(), 1e-9);
    }

    @Test
    void readsTheConvTwinWhichHasNoSummaryOrLatencies() {
        JsonObject root = JsonParser.parseString("""
                {"model": "conv", "steady_epoch_s_median": 13.7,
                 "epochs": [{"train_wall_s": 31.0, "test_neg_elbo": 170.0},
                            {"train_wall_s": 12.9, "test_neg_elbo": 160.0},
                            {"train_wall_s": 13.7, "test_neg_elbo": 157.27}]}""").getAsJsonObject();
        ReferenceRun.Result result = ReferenceRun.read(root);
        assertEquals(13.3, result.steadyEpochSecondsMedian(), 1e-12);
        assertEquals(13.7, result.epochSecondsMedian(), 1e-12);
        assertEquals(157.27, result.testNegElbo(), 1e-12, "the last epoch's");
        assertTrue(Double.isNaN(result.decode1Micros()));
        assertTrue(result.summary().contains("13.300"), result.summary());
    }

    @Test
    void benchesTheConvModelInPairsWithTheTwinAndComparesSteadyEpochs() throws Exception {
        // a stand-in for the twin: answers with fixed epoch times in the conv twin's format
        Path twin = temp.resolve("twin.sh");
        Files.writeString(twin, """
                while [ $# -gt 0 ]; do [ "$1" = --json ] && out=$2; shift; done
                echo 'epoch 1: train 9.00 s'
                printf '{"epochs": [{"train_wall_s": 9.0, "test_neg_elbo": 200.0}, {"train_wall_s": 2.0, "test_neg_elbo": 190.0}]}' > "$out"
                """);
        CliTest.Run run = CliTest.run("bench", "--model", "conv", "--hidden", "4,8", "--latent", "2", "--epochs", "2",
                "--limit", "256", "--batch", "64", "--reference", twin.toString(), "--python", "/bin/sh",
                "--pairs", "2", "--json");
        assertEquals(0, run.exit(), run.err());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("reference run ")).count(), run.out());
        JsonObject line = run.json();
        assertTrue(line.get("model").getAsString().startsWith("CONV 784-4-8-2"), line.toString());
        assertEquals("TorchScript conv step, PyTorch fused Adam", line.get("training_step").getAsString());
        JsonArray seconds = line.getAsJsonArray("epoch_seconds");
        assertEquals(seconds.get(1).getAsDouble(), line.get("steady_epoch_seconds_median").getAsDouble(), 1e-4);
        JsonObject reference = line.getAsJsonObject("reference");
        assertEquals(List.of(2.0, 2.0), reference.getAsJsonArray("steady_epoch_seconds_median").asList().stream()
                .map(e -> e.getAsDouble()).toList());
        assertEquals(2, reference.getAsJsonArray("epoch_ratio_per_pair").size());
        assertEquals(190.0, reference.get("test_neg_elbo").getAsDouble(), 1e-9);
    }

    @Test
    void theConvTwinGetsThePictureFolderTheirSizeChannelsTrainingCountAndLayerSizes() throws Exception {
        Path pictures = temp.resolve("pictures");
        for (int i = 0; i < 20; i++) {
            BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i % 20, i / 2, 0x30c060);
            Files.createDirectories(pictures.resolve("dots"));
            ImageIO.write(image, "png", pictures.resolve("dots").resolve(i + ".png").toFile());
        }
        Path twin = temp.resolve("twin.sh");
        Path arguments = temp.resolve("arguments.txt");
        Files.writeString(twin, """
                echo "$@" > '%s'
                while [ $# -gt 0 ]; do [ "$1" = --json ] && out=$2; shift; done
                printf '{"epochs": [{"train_wall_s": 1.0, "test_neg_elbo": 900.0}]}' > "$out"
                """.formatted(arguments));
        PictureFolderFixture.CacheIn cache = PictureFolderFixture.cacheIn(temp.resolve("cache"));
        try {
            CliTest.Run run = CliTest.run("bench", "--model", "conv", "--data", pictures.toString(), "--image-size",
                    "16", "--channels", "3", "--hidden", "4,8", "--latent", "2", "--epochs", "1", "--batch", "8",
                    "--reference", twin.toString(), "--python", "/bin/sh");
            assertEquals(0, run.exit(), run.out() + run.err());
            // 20 pictures, 2 held out as ours' test set: both sides train on 18
            assertTrue(Files.readString(arguments).startsWith("--folder " + pictures + " --size 16 --channels 3"
                    + " --train 18 --hidden 4,8 "), Files.readString(arguments));

            CliTest.Run mlp = CliTest.run("bench", "--data", pictures.toString(), "--image-size", "16", "--epochs",
                    "1", "--reference", twin.toString(), "--python", "/bin/sh");
            assertEquals(1, mlp.exit(), mlp.out() + mlp.err());
            assertTrue(mlp.err().contains("the MLP's twin reads IDX files only"), mlp.err());
        } finally {
            cache.close();
        }
    }
}
