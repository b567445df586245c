package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.vaeexplorer.cli.PictureFolderFixture.SquareClass;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --data DIR} on a folder of pictures: options, the load's summary, and what {@code train --json} says. */
@Timeout(120)
class PictureDataTest {

    @TempDir
    Path temp;

    private PictureFolderFixture.CacheIn cache;

    @BeforeEach
    void keepTheCacheInTheTestsFolder() {
        cache = PictureFolderFixture.cacheIn(temp.resolve("cache"));
    }

    @AfterEach
    void restoreTheCache() {
        cache.close();
    }

    /** Two classes of 24x24 pictures: a bright square on the left, or one on the right, shifted a little each. */
    private Path twoClasses(boolean colour) throws IOException {
        IntFunction<Color> bright = i -> colour ? new Color(40 + i * 5, 200, 90) : Color.WHITE;
        Path root = PictureFolderFixture.squares(temp.resolve(colour ? "colour" : "grey"), 24, 40, 8,
                new SquareClass("left", bright, i -> 2 + i % 4, i -> 6 + i % 5),
                new SquareClass("right", bright, i -> 12 + i % 4, i -> 6 + i % 5));
        Files.writeString(root.resolve("left").resolve("notes.txt"), "not a picture");
        return root;
    }

    @Test
    void trainingOnAFolderOfGreyPicturesReportsItsShapeClassesAndSplit() throws IOException {
        Path data = twoClasses(false);
        CliTest.Run run = CliTest.run("train", "--data", data.toString(), "--image-size", "16", "--holdout", "0.25",
                "--epochs", "1", "--batch", "16", "--hidden", "32", "--latent", "2", "--out",
                temp.resolve("model").toString(), "--json");

        assertEquals(0, run.exit(), run.out() + run.err());
        JsonObject json = JsonLineTest.parseStrict(run.lastLine());
        assertEquals(16, json.get("image_size").getAsInt());
        assertEquals(1, json.get("channels").getAsInt());
        assertEquals(2, json.get("classes").getAsInt());
        assertEquals(60, json.get("train_images").getAsInt());
        assertEquals(20, json.get("test_images").getAsInt());
        assertTrue(Double.isFinite(json.get("test_neg_elbo").getAsDouble()), run.lastLine());
        assertTrue(run.err().contains("16x16, grey, 2 classes, 60 training and 20 test pictures"), run.err());
        assertTrue(run.err().contains("ignored"), "the text file is counted: " + run.err());
    }

    @Test
    void theMlpTrainsOnColourPicturesAndTheCheckpointKeepsTheirChannels() throws IOException {
        Path data = twoClasses(true);
        Path out = temp.resolve("colour-model");
        CliTest.Run run = PictureFolderFixture.trainSmallMlp(data, out, 2, 16, "--json");

        assertEquals(0, run.exit(), run.out() + run.err());
        JsonObject json = JsonLineTest.parseStrict(run.lastLine());
        assertEquals(3, json.get("channels").getAsInt(), "colour is the default when a picture has colour");
        assertEquals(24, json.get("image_size").getAsInt(), "the pictures' own size when they share one up to 64");
        assertTrue(json.get("model").getAsString().startsWith("MLP 1728-64-2"), run.lastLine());
        JsonArray epochs = json.get("epoch_seconds").getAsJsonArray();
        assertEquals(2, epochs.size());
        assertTrue(Double.isFinite(json.get("test_neg_elbo").getAsDouble()), run.lastLine());

        CliTest.Run eval = CliTest.run("eval", "--model-dir", out.toString(), "--data", data.toString(), "--json");
        assertEquals(0, eval.exit(), eval.out() + eval.err());
        CliTest.Run grey = CliTest.run("eval", "--model-dir", out.toString(), "--data", data.toString(),
                "--channels", "1");
        assertNotEquals(0, grey.exit());
        assertTrue(grey.err().contains("was trained on 24x24x3 images, but"), grey.err());
    }

    @Test
    void theConvModelTrainsOnColourPicturesAndRefusesSidesItCannotHalveInOneLine() throws IOException {
        Path data = twoClasses(true);
        CliTest.Run run = CliTest.run("train", "--data", data.toString(), "--model", "conv", "--hidden", "4,8",
                "--epochs", "1", "--batch", "16", "--out", temp.resolve("conv").toString(), "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        JsonObject json = JsonLineTest.parseStrict(run.lastLine());
        assertEquals(3, json.get("channels").getAsInt());
        assertTrue(json.get("model").getAsString().startsWith("CONV 1728-4-8-2"), run.lastLine());
        assertTrue(Double.isFinite(json.get("test_neg_elbo").getAsDouble()), run.lastLine());

        CliTest.Run odd = CliTest.run("train", "--data", data.toString(), "--model", "conv", "--image-size", "30",
                "--epochs", "1", "--out", temp.resolve("odd").toString());
        assertNotEquals(0, odd.exit(), odd.out() + odd.err());
        assertTrue(odd.err().contains("cannot take 30x30 images") && odd.err().contains("28x28 or 32x32 would work"),
                odd.err());
    }
}
