package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vaeexplorer.data.PictureFiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --conditional} and {@code render --what classes} end to end on a small slice of MNIST. */
class ConditionalCliTest {

    @TempDir
    Path temp;

    @Test
    void aConditionalModelIsTrainedEvaluatedAndDrawnAsARowPerClass() throws IOException {
        Path model = temp.resolve("cvae");
        CliTest.Run train = CliTest.run("train", "--conditional", "--limit", "512", "--epochs", "1", "--hidden", "64",
                "--latent", "2", "--batch", "64", "--out", model.toString(), "--json");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.json().get("model").getAsString().contains("conditional on 10 classes"), train.lastLine());

        CliTest.Run eval = CliTest.run("eval", "--model-dir", model.toString(), "--iwae", "4", "--iwae-images", "50",
                "--json");
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(Double.isFinite(eval.json().get("iwae_log_likelihood").getAsDouble()), eval.lastLine());

        Path grid = temp.resolve("classes.png");
        CliTest.Run render = CliTest.run("render", "--model-dir", model.toString(), "--what", "classes", "--count",
                "5", "--scale", "1", "--out", grid.toString());
        assertEquals(0, render.exit(), render.err());
        BufferedImage picture = ImageIO.read(grid.toFile());
        // 5 columns and 10 rows of 28-pixel digits (with the tiler's gaps)
        assertTrue(picture.getWidth() >= 5 * 28 && picture.getWidth() < 6 * 28, "width " + picture.getWidth());
        assertTrue(picture.getHeight() >= 10 * 28 && picture.getHeight() < 11 * 28, "height " + picture.getHeight());
        assertNotEquals(tile(picture, 0, 0), tile(picture, 1, 0), "the rows decode the same z at other classes");
    }

    @Test
    void aPlainModelHasNoClassGridAndUnlabelledPicturesNoConditionalModel() {
        Path plain = temp.resolve("plain");
        CliTest.Run train = CliTest.run("train", "--limit", "256", "--epochs", "1", "--hidden", "32", "--latent", "2",
                "--out", plain.toString());
        assertEquals(0, train.exit(), train.err());
        CliTest.Run render = CliTest.run("render", "--model-dir", plain.toString(), "--what", "classes");
        assertNotEquals(0, render.exit());
        assertTrue(render.err().contains("needs a conditional model"), render.err());
        assertEquals(1, render.err().strip().lines().count(), render.err());

        Path pictures = temp.resolve("unlabelled");
        for (int i = 0; i < 12; i++) {
            PictureFiles.write(pictures.resolve(i + ".png"),
                    PictureFiles.centredSquare(8, 8, Color.BLACK, new Color(40 + 15 * i, 200, 90), 2 + i % 4));
        }
        PictureFolderFixture.CacheIn cache = PictureFolderFixture.cacheIn(temp.resolve("cache"));
        try {
            CliTest.Run refused = PictureFolderFixture.trainSmallMlp(pictures, temp.resolve("never"), 1, 4,
                    "--conditional");
            assertNotEquals(0, refused.exit());
            assertTrue(refused.err().contains("a conditional model needs labelled pictures"), refused.err());
            assertEquals(1, refused.err().strip().lines().filter(l -> l.contains("conditional")).count(),
                    refused.err());
        } finally {
            cache.close();
        }
    }

    /** The pixels of the tile in grid column {@code col}, row {@code row}, as one string. */
    private static String tile(BufferedImage picture, int row, int col) {
        int step = picture.getWidth() / 5;
        int rowStep = picture.getHeight() / 10;
        StringBuilder pixels = new StringBuilder();
        for (int y = row * rowStep; y < row * rowStep + 28; y++) {
            for (int x = col * step; x < col * step + 28; x++) {
                pixels.append(picture.getRGB(x, y) & 0xff).append(',');
            }
        }
        return pixels.toString();
    }
}
