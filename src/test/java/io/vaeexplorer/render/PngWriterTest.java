package io.vaeexplorer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {

    @TempDir
    Path folder;

    /** Every grey level once, in a 16 x 16 raster, so any value mangling shows up. */
    private static Raster allLevels() {
        byte[] pixels = new byte[256];
        for (int i = 0; i < 256; i++) {
            pixels[i] = (byte) i;
        }
        return Raster.grey(16, 16, pixels);
    }

    @Test
    void bufferedImageIsByteGrayWithTheSamePixels() {
        Raster raster = allLevels();
        BufferedImage image = PngWriter.toBufferedImage(raster);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertSamePixels(raster, image);
    }

    @Test
    void writtenPngReadsBackIdentically() throws IOException {
        Raster raster = allLevels();
        Path file = PngWriter.write(raster, folder.resolve("levels.png"));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(16, read.getWidth());
        assertEquals(16, read.getHeight());
        assertSamePixels(raster, read);
    }

    @Test
    void writesIntoMissingNestedFoldersAndLeavesNoTemporaryFiles() throws IOException {
        Path file = folder.resolve("runs/mnist/figures/manifold.png");
        Raster tiled = ImageTiler.tile(new float[] {0, 0.5f, 1, 0.25f}, 1, ImageShape.grey(2, 2), 1, 1, 3);
        PngWriter.write(tiled, file);
        assertTrue(Files.isRegularFile(file));
        assertSamePixels(tiled, ImageIO.read(file.toFile()));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "only the PNG, no temporary file left behind");
        }
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = folder.resolve("sheet.png");
        PngWriter.write(Raster.filled(3, 3, 0), file);
        PngWriter.write(Raster.filled(5, 2, 200), file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(5, read.getWidth());
        assertEquals(200, read.getRaster().getSample(4, 1, 0));
    }

    @Test
    void failureNamesTheFile() throws IOException {
        Path blocker = Files.writeString(folder.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("out.png");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> PngWriter.write(Raster.filled(2, 2, 9), file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    /** 16 x 16 colours: red rises along x, green along y, blue falls along both, so any channel mix-up shows. */
    static Raster colourRamp() {
        byte[] pixels = new byte[16 * 16 * 3];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int at = 3 * (y * 16 + x);
                pixels[at] = (byte) (x * 17);
                pixels[at + 1] = (byte) (y * 17);
                pixels[at + 2] = (byte) (255 - 8 * (x + y));
            }
        }
        return Raster.rgb(16, 16, pixels);
    }

    @Test
    void aColourRasterIsWrittenAsAnRgbPngWithItsExactColours() throws IOException {
        Raster raster = colourRamp();
        Path file = PngWriter.write(raster, folder.resolve("colour.png"));
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(3, read.getColorModel().getNumComponents(), "red, green and blue, no alpha");
        assertEquals(16, read.getWidth());
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(raster.rgb(x, y), read.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
        assertEquals(0xFFFF0F, read.getRGB(15, 15) & 0xFFFFFF);
    }

    @Test
    void aGreyRasterStaysAOneChannelPng() throws IOException {
        BufferedImage read = ImageIO.read(PngWriter.write(allLevels(), folder.resolve("grey.png")).toFile());
        assertEquals(1, read.getColorModel().getNumComponents());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, read.getType());
    }

    /** Reads the raw raster samples: getRGB would push TYPE_BYTE_GRAY through a colour-space conversion. */
    private static void assertSamePixels(Raster expected, BufferedImage actual) {
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                assertEquals(expected.get(x, y), actual.getRaster().getSample(x, y, 0), "pixel " + x + "," + y);
            }
        }
    }
}
