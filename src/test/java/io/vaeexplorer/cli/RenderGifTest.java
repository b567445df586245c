package io.vaeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.ImageShape;
import io.vaeexplorer.explore.ImageGrid;
import io.vaeexplorer.render.Raster;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render --what interpolate --gif}, end to end on the shipped 2-D model and MNIST. */
class RenderGifTest {

    @TempDir
    static Path temp;

    private static Path modelDir;

    /** A copy of the shipped model, so a default output path can never land in the assets folder. */
    @BeforeAll
    static void copyModel() throws IOException {
        modelDir = CliTest.copyOfShippedModel(temp);
    }

    @Test
    void theAnimationRunsFromAToBAndBackWithTheStripsImages() throws IOException {
        Path gif = temp.resolve("walk/a-to-b.gif");
        Path png = temp.resolve("strip.png");
        CliTest.Run run = CliTest.run("render", "--model-dir", modelDir.toString(), "--what", "interpolate",
                "--a", "3", "--b", "2", "--steps", "5", "--scale", "1", "--delay", "80", "--gif", gif.toString(),
                "--out", png.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("8 frames of 28x28"), run.out());

        List<BufferedImage> frames = new ArrayList<>();
        List<IIOMetadataNode> metadata = new ArrayList<>();
        read(gif, frames, metadata);
        assertEquals(8, frames.size(), "5 steps forth, 3 back (neither end twice)");
        for (int f = 0; f < frames.size(); f++) {
            assertEquals(28, frames.get(f).getWidth());
            assertEquals(28, frames.get(f).getHeight());
            IIOMetadataNode control = (IIOMetadataNode) metadata.get(f).getElementsByTagName("GraphicControlExtension")
                    .item(0);
            assertEquals("8", control.getAttribute("delayTime"), "80 ms in hundredths");
        }
        IIOMetadataNode loop = (IIOMetadataNode) metadata.get(0).getElementsByTagName("ApplicationExtension").item(0);
        assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
        assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) loop.getUserObject(), "loops forever");

        // each frame is the strip's tile of the same step: 0 1 2 3 4 3 2 1 (tiles 30 px apart after a 2 px border)
        BufferedImage strip = ImageIO.read(png.toFile());
        int[] steps = {0, 1, 2, 3, 4, 3, 2, 1};
        for (int f = 0; f < frames.size(); f++) {
            assertArrayEquals(greys(strip, 2 + 30 * steps[f], 2), greys(frames.get(f), 0, 0), "frame " + f);
        }
        assertFalse(Arrays.equals(greys(frames.get(0), 0, 0), greys(frames.get(4), 0, 0)),
                "A and B decode to different digits");
    }

    @Test
    void withoutOutOnlyTheGifIsWritten() throws IOException {
        Path gif = temp.resolve("only.gif");
        CliTest.Run run = CliTest.run("render", "--model-dir", modelDir.toString(), "--what", "interpolate",
                "--steps", "2", "--gif", gif.toString());
        assertEquals(0, run.exit(), run.err());
        List<BufferedImage> frames = new ArrayList<>();
        read(gif, frames, new ArrayList<>());
        assertEquals(2, frames.size(), "two steps: A, B, then the loop returns to A");
        assertEquals(56, frames.get(0).getWidth(), "default scale 2");
        try (Stream<Path> files = Files.list(modelDir)) {
            assertEquals(List.of(modelDir.resolve("model.vae")), files.toList(), "no PNG beside the model");
        }
    }

    @Test
    void gifWithAnotherFigureOrABadDelayIsRefused() {
        Path gif = temp.resolve("refused.gif");
        CliTest.Run prior = CliTest.run("render", "--model-dir", modelDir.toString(), "--what", "prior",
                "--gif", gif.toString());
        assertEquals(1, prior.exit());
        assertEquals("error: --gif works only with --what interpolate", prior.err().strip());
        CliTest.Run fast = CliTest.run("render", "--model-dir", modelDir.toString(), "--what", "interpolate",
                "--gif", gif.toString(), "--delay", "0");
        assertEquals(1, fast.exit());
        assertTrue(fast.err().contains("--delay"), fast.err());
        assertTrue(Files.notExists(gif));
    }

    @Test
    void anUnwritableGifPathIsOneLineNamingIt() throws IOException {
        Path blocker = Files.writeString(temp.resolve("blocker"), "a file, not a folder");
        Path gif = blocker.resolve("walk.gif");
        CliTest.Run run = CliTest.run("render", "--model-dir", modelDir.toString(), "--what", "interpolate",
                "--steps", "2", "--gif", gif.toString());
        assertEquals(1, run.exit());
        String err = run.err().strip();
        assertTrue(err.startsWith("error: could not write GIF " + gif), err);
        assertFalse(err.contains("\n") || err.contains("Exception"), err);
    }

    @Test
    void helpMentionsTheGif() {
        CliTest.Run help = CliTest.run("render", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--gif=FILE.gif"), help.out());
        assertTrue(help.out().contains("--delay=MS"), help.out());
        assertTrue(help.out().contains("animated GIF"), help.out());
    }

    @Test
    void framesGoForthAndBack() {
        float[] images = new float[4 * 2];
        for (int i = 0; i < 4; i++) {
            images[2 * i] = i / 3f; // image i: left pixel i / 3, right pixel 0
        }
        List<Raster> frames = RenderCommand.forthAndBack(new ImageGrid(images, 4, 4, ImageShape.grey(1, 2)), 3);
        int[] expected = {0, 1, 2, 3, 2, 1};
        assertEquals(expected.length, frames.size());
        for (int f = 0; f < frames.size(); f++) {
            assertEquals(6, frames.get(f).width());
            assertEquals(3, frames.get(f).height());
            assertEquals(Math.round(expected[f] / 3f * 255), frames.get(f).get(2, 2), "frame " + f);
            assertEquals(0, frames.get(f).get(3, 0));
        }
        assertNotEquals(frames.get(0).get(0, 0), frames.get(3).get(0, 0));
    }

    private static void read(Path gif, List<BufferedImage> frames, List<IIOMetadataNode> metadata) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            for (int i = 0; i < reader.getNumImages(true); i++) {
                frames.add(reader.read(i));
                metadata.add((IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"));
            }
        } finally {
            reader.dispose();
        }
    }

    /** The 28 x 28 grey levels at (left, top); the PNG is TYPE_BYTE_GRAY, the GIF frame indexed on greys. */
    private static int[] greys(BufferedImage image, int left, int top) {
        int[] levels = new int[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                levels[y * 28 + x] = image.getType() == BufferedImage.TYPE_BYTE_GRAY
                        ? image.getRaster().getSample(left + x, top + y, 0)
                        : image.getRGB(left + x, top + y) & 0xFF;
            }
        }
        return levels;
    }
}
