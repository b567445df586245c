package io.vaeexplorer.cli;

import static io.vaeexplorer.data.PictureFiles.mostColourful;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.cli.PictureFolderFixture.SquareClass;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} on a small MLP trained on a folder of red and blue pictures: every figure comes out in colour. */
@Timeout(120)
class RenderColourTest {

    @TempDir
    static Path temp;

    private static Path data;
    private static Path model;
    private static PictureFolderFixture.CacheIn cache;

    /** Two classes of 16 x 16 pictures on black: a pure red square, or a pure blue one, shifted a little each. */
    @BeforeAll
    static void trainOnRedAndBlueSquares() {
        cache = PictureFolderFixture.cacheIn(temp.resolve("cache"));
        data = PictureFolderFixture.squares(temp.resolve("squares"), 16, 30, 7,
                new SquareClass("red", i -> Color.RED, i -> 2 + i % 5, i -> 3 + i % 4),
                new SquareClass("blue", i -> Color.BLUE, i -> 2 + i % 5, i -> 3 + i % 4));
        model = temp.resolve("model");
        CliTest.Run run = PictureFolderFixture.trainSmallMlp(data, model, 8, 8);
        assertEquals(0, run.exit(), run.out() + run.err());
    }

    @AfterAll
    static void restoreTheCache() {
        cache.close();
    }

    private static BufferedImage render(String figure, String... more) throws IOException {
        Path png = temp.resolve(figure + ".png");
        String[] args = {"render", "--model-dir", model.toString(), "--data", data.toString(), "--what", figure,
                "--out", png.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        CliTest.Run run = CliTest.run(all);
        assertEquals(0, run.exit(), run.out() + run.err());
        return ImageIO.read(png.toFile());
    }

    @Test
    void everyFigureIsAnRgbPngWithColourInIt() throws IOException {
        for (String figure : new String[] {"prior", "manifold", "sweep", "interpolate"}) {
            BufferedImage image = render(figure);
            assertEquals(3, image.getColorModel().getNumComponents(), figure + " is an RGB PNG");
            assertTrue(mostColourful(image, 0) > 80, figure + " has colour in it");
        }
    }

    @Test
    void theReconstructionsSitUnderTheOriginalsInTheirOwnColours() throws IOException {
        BufferedImage image = render("recon", "--count", "6", "--scale", "1");
        // originals above: 2 pixels of frame, 16 of image; reconstructions 4 rows further down
        int pureRedOrBlue = 0;
        for (int y = 2; y < 18; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb == 0xFF0000 || rgb == 0x0000FF) {
                    pureRedOrBlue++;
                }
            }
        }
        assertTrue(pureRedOrBlue >= 6 * 49, "six originals' squares, exact: " + pureRedOrBlue);
        assertTrue(mostColourful(image, 18 + 4) > 80, "the reconstructions are in colour");
    }

    @Test
    void theInterpolationGifIsInColour() throws IOException {
        Path gif = temp.resolve("walk.gif");
        CliTest.Run run = CliTest.run("render", "--model-dir", model.toString(), "--data", data.toString(), "--what",
                "interpolate", "--steps", "4", "--gif", gif.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("6 frames of 32x32"), run.out());
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true));
            for (int i = 0; i < 6; i++) {
                BufferedImage frame = reader.read(i);
                assertTrue(mostColourful(frame, 0) > 80, "frame " + i + " has colour in it");
            }
        } finally {
            reader.dispose();
        }
    }
}
