package io.vaeexplorer.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifWriterTest {

    @TempDir
    Path folder;

    /** What the JDK's GIF reader sees in a file: decoded frames and each frame's metadata. */
    record Decoded(List<BufferedImage> frames, List<IIOMetadataNode> metadata) {

        static Decoded read(Path file) throws IOException {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                reader.setInput(in);
                int count = reader.getNumImages(true);
                List<BufferedImage> frames = new ArrayList<>();
                List<IIOMetadataNode> metadata = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    frames.add(reader.read(i));
                    metadata.add((IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"));
                }
                return new Decoded(frames, metadata);
            } finally {
                reader.dispose();
            }
        }

        int delayCentiseconds(int frame) {
            return Integer.parseInt(node(metadata.get(frame), "GraphicControlExtension").getAttribute("delayTime"));
        }

        /** The NETSCAPE2.0 block's bytes (1, count low, count high), or null when the frame has none. */
        byte[] loopBlock(int frame) {
            IIOMetadataNode extensions = node(metadata.get(frame), "ApplicationExtensions");
            if (extensions == null) {
                return null;
            }
            for (int i = 0; i < extensions.getLength(); i++) {
                IIOMetadataNode extension = (IIOMetadataNode) extensions.item(i);
                if ("NETSCAPE".equals(extension.getAttribute("applicationID"))
                        && "2.0".equals(extension.getAttribute("authenticationCode"))) {
                    return (byte[]) extension.getUserObject();
                }
            }
            return null;
        }

        private static IIOMetadataNode node(IIOMetadataNode root, String name) {
            for (int i = 0; i < root.getLength(); i++) {
                if (root.item(i).getNodeName().equals(name)) {
                    return (IIOMetadataNode) root.item(i);
                }
            }
            return null;
        }
    }

    /** Every grey level once in 16 x 16, shifted by {@code shift}, so frames differ and any mangling shows. */
    private static Raster levels(int shift) {
        byte[] pixels = new byte[256];
        for (int i = 0; i < 256; i++) {
            pixels[i] = (byte) (i + shift);
        }
        return Raster.grey(16, 16, pixels);
    }

    private static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        assertEquals(rgb & 0xFF, (rgb >> 8) & 0xFF, "grey pixels have equal channels");
        assertEquals(rgb & 0xFF, (rgb >> 16) & 0xFF);
        return rgb & 0xFF;
    }

    @Test
    void greyFramesComeBackExactlyWithDelayAndLoop() throws IOException {
        List<Raster> frames = List.of(levels(0), levels(85), levels(170));
        Path file = GifWriter.write(frames, 120, true, folder.resolve("walk.gif"));

        Decoded gif = Decoded.read(file);
        assertEquals(3, gif.frames().size());
        for (int f = 0; f < 3; f++) {
            BufferedImage frame = gif.frames().get(f);
            assertEquals(16, frame.getWidth());
            assertEquals(16, frame.getHeight());
            assertEquals(12, gif.delayCentiseconds(f), "120 ms is 12 hundredths");
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    assertEquals(frames.get(f).get(x, y), grey(frame, x, y), "frame " + f + " pixel " + x + "," + y);
                }
            }
        }
        assertArrayEquals(new byte[] {1, 0, 0}, gif.loopBlock(0), "loops forever");
    }

    @Test
    void playsOnceWithoutTheLoopBlockAndRoundsTheDelay() throws IOException {
        Path file = GifWriter.write(List.of(levels(0), levels(1)), 95, false, folder.resolve("once.gif"));
        Decoded gif = Decoded.read(file);
        assertEquals(2, gif.frames().size());
        assertNull(gif.loopBlock(0));
        assertEquals(10, gif.delayCentiseconds(1), "95 ms rounds to 100");

        GifWriter.write(List.of(levels(0)), 0, false, file);
        assertEquals(1, Decoded.read(file).delayCentiseconds(0), "the shortest delay, not GIF's 'no delay'");
    }

    @Test
    void colourAndGreyImagesMixWithTheirColoursKept() throws IOException {
        BufferedImage colour = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        int[] palette = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x102030, 0xB2182B, 0x2166AC, 0x000000};
        for (int i = 0; i < 8; i++) {
            colour.setRGB(i % 4, i / 4, palette[i]);
        }
        byte[] greyPixels = {0, 10, 20, 30, (byte) 200, (byte) 210, (byte) 220, (byte) 255};
        BufferedImage grey = PngWriter.toBufferedImage(Raster.grey(4, 2, greyPixels));

        Path file = GifWriter.writeImages(List.of(colour, grey), 50, true, folder.resolve("mixed.gif"));
        Decoded gif = Decoded.read(file);
        assertEquals(2, gif.frames().size());
        for (int i = 0; i < 8; i++) {
            assertEquals(palette[i], gif.frames().get(0).getRGB(i % 4, i / 4) & 0xFFFFFF, "colour pixel " + i);
            assertEquals(greyPixels[i] & 0xFF, grey(gif.frames().get(1), i % 4, i / 4), "grey pixel " + i);
        }
        assertEquals(5, gif.delayCentiseconds(0));
    }

    @Test
    void colourRastersOfFewColoursComeBackExactly() throws IOException {
        Raster ramp = PngWriterTest.colourRamp(); // 256 pixels, each its own colour: exactly a full palette
        Raster red = Raster.rgb(16, 16, filledRgb(256, 0xFF, 0x00, 0x00));
        Path file = GifWriter.write(List.of(ramp, red, levels(3)), 100, true, folder.resolve("colour.gif"));

        Decoded gif = Decoded.read(file);
        assertEquals(3, gif.frames().size());
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(ramp.rgb(x, y), gif.frames().get(0).getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
                assertEquals(0xFF0000, gif.frames().get(1).getRGB(x, y) & 0xFFFFFF);
                assertEquals(levels(3).get(x, y), grey(gif.frames().get(2), x, y), "a grey frame stays exact");
            }
        }
    }

    /**
     * A smooth colour picture of far more than 256 colours, as a decoder draws them, goes through the JDK writer's
     * palette reduction: every pixel comes back close (this ramp spans the whole colour cube, the hardest case for
     * 256 colours), and the colours stay colours.
     */
    @Test
    void richColourFramesComeBackCloseThroughThePaletteReduction() throws IOException {
        int side = 48;
        byte[] pixels = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int at = 3 * (y * side + x);
                pixels[at] = (byte) (255 * x / (side - 1));
                pixels[at + 1] = (byte) (255 * y / (side - 1));
                pixels[at + 2] = (byte) (128 + 127 * Math.sin((x + y) / 9.0));
            }
        }
        Raster smooth = Raster.rgb(side, side, pixels);
        Path file = GifWriter.write(List.of(smooth, smooth), 100, true, folder.resolve("smooth.gif"));

        for (BufferedImage frame : Decoded.read(file).frames()) {
            long error = 0;
            int worst = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int expected = smooth.rgb(x, y);
                    int actual = frame.getRGB(x, y);
                    for (int shift = 0; shift < 24; shift += 8) {
                        int d = Math.abs((expected >> shift & 0xFF) - (actual >> shift & 0xFF));
                        error += d;
                        worst = Math.max(worst, d);
                    }
                }
            }
            double mean = error / (3.0 * side * side);
            assertTrue(mean < 8, "mean error " + mean + " levels");
            assertTrue(worst < 40, "worst error " + worst + " levels");
            assertTrue((frame.getRGB(side - 1, 0) >> 16 & 0xFF) > 200, "the top right stays red");
            assertTrue((frame.getRGB(side - 1, 0) >> 8 & 0xFF) < 50);
        }
    }

    private static byte[] filledRgb(int count, int red, int green, int blue) {
        byte[] pixels = new byte[3 * count];
        for (int i = 0; i < count; i++) {
            pixels[3 * i] = (byte) red;
            pixels[3 * i + 1] = (byte) green;
            pixels[3 * i + 2] = (byte) blue;
        }
        return pixels;
    }

    @Test
    void refusesFramesOfDifferentSizesAndNoFrames() {
        Path file = folder.resolve("bad.gif");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GifWriter.write(List.of(levels(0), Raster.filled(8, 8, 0)), 100, true, file));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GifWriter.write(List.of(), 100, true, file));
        assertTrue(Files.notExists(file));
    }

    @Test
    void anUnwritablePathFailsNamingTheFileAndLeavesNothingBehind() throws IOException {
        Path blocker = Files.writeString(folder.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("walk.gif");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> GifWriter.write(List.of(levels(0)), 100, true, file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("could not write GIF"), e.getMessage());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count(), "only the blocker, no temporary file");
        }
    }

    @Test
    void replacesAnExistingFileAtomically() throws IOException {
        Path file = folder.resolve("nested/deeper/anim.gif");
        GifWriter.write(List.of(levels(0), levels(1), levels(2)), 100, true, file);
        GifWriter.write(List.of(Raster.filled(3, 5, 77)), 100, true, file);
        Decoded gif = Decoded.read(file);
        assertEquals(1, gif.frames().size());
        assertEquals(3, gif.frames().get(0).getWidth());
        assertEquals(77, grey(gif.frames().get(0), 2, 4));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
