package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render --scale}: the figure at 2 is the figure at 1 with every pixel a 2 x 2 block, frames included. */
class RenderScaleTest {

    @TempDir
    static Path temp;

    private static Path modelDir;

    @BeforeAll
    static void copyModel() throws IOException {
        modelDir = CliTest.copyOfShippedModel(temp);
    }

    @Test
    void atScaleTwoEveryPixelOfTheFigureAtOneIsATwoByTwoBlock() throws IOException {
        for (String[] figure : new String[][] {{"prior", "--count", "9"}, {"recon", "--count", "4"}}) {
            BufferedImage once = render(figure, "1");
            BufferedImage twice = render(figure, "2");
            assertEquals(2 * once.getWidth(), twice.getWidth(), figure[0]);
            assertEquals(2 * once.getHeight(), twice.getHeight(), figure[0]);
            assertEquals(1, twice.getRaster().getNumBands(), figure[0] + ": a grey model's figure stays grey");
            // the files' own levels: getRGB would pass grey through a colour conversion
            for (int y = 0; y < twice.getHeight(); y++) {
                for (int x = 0; x < twice.getWidth(); x++) {
                    if (once.getRaster().getSample(x / 2, y / 2, 0) != twice.getRaster().getSample(x, y, 0)) {
                        throw new AssertionError(figure[0] + ": (" + x + ", " + y + ") is not the level of ("
                                + x / 2 + ", " + y / 2 + ") at scale 1");
                    }
                }
            }
        }
    }

    @Test
    void aScaleOutsideOneToSixteenIsRefusedInOneLine() {
        for (String scale : new String[] {"0", "-2", "17"}) {
            Path png = temp.resolve("refused-" + scale + ".png");
            CliTest.Run run = CliTest.run("render", "--model-dir", modelDir.toString(), "--what", "prior", "--scale",
                    scale, "--out", png.toString());
            assertEquals(1, run.exit(), scale);
            assertEquals("error: --scale must be from 1 to 16, got " + scale, run.err().strip());
            assertTrue(Files.notExists(png), "nothing written at scale " + scale);
        }
    }

    private static BufferedImage render(String[] figure, String scale) throws IOException {
        Path png = temp.resolve(figure[0] + "-x" + scale + ".png");
        CliTest.Run run = CliTest.run("render", "--model-dir", modelDir.toString(), "--what", figure[0], figure[1],
                figure[2], "--scale", scale, "--out", png.toString());
        assertEquals(0, run.exit(), run.err());
        return ImageIO.read(png.toFile());
    }
}
