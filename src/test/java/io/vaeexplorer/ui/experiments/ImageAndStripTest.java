package io.vaeexplorer.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.RasterView;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How the interpolation view shares its space between the decode at t and the strip. */
class ImageAndStripTest {

    private static final Raster IMAGE = Raster.grey(28, 28, new byte[28 * 28]);
    /** Ten framed 28 x 28 tiles in a row. */
    private static final Raster STRIP = Raster.grey(291, 30, new byte[291 * 30]);

    @Test
    void aWideShortSpacePutsTheStripBesideTheImage() {
        double[][] parts = InterpolationView.ImageAndStrip.arrange(884, 170, IMAGE, STRIP);
        assertEquals(0, parts[1][1], "the strip starts at the top, beside the image");
        assertTrue(parts[1][0] >= parts[0][0] + parts[0][2], "no overlap");
        assertEquals(6, RasterView.fitScale(parts[0][2], parts[0][3], 28, 28), "image 6x");
        assertEquals(2, RasterView.fitScale(parts[1][2], parts[1][3], 291, 30), "strip 2x");
        within(parts, 884, 170);
    }

    @Test
    void aTallSpacePutsTheStripUnderTheImageAsLargeAsTheWidthAllows() {
        double[][] parts = InterpolationView.ImageAndStrip.arrange(884, 600, IMAGE, STRIP);
        assertEquals(0, parts[1][0], "the strip is under the image");
        assertTrue(parts[1][1] >= parts[0][1] + parts[0][3], "no overlap");
        assertEquals(3, RasterView.fitScale(parts[1][2], parts[1][3], 291, 30), "strip 3x");
        assertEquals(90, parts[1][3], 1e-9, "the strip's part is as tall as the strip is shown");
        assertEquals(17, RasterView.fitScale(parts[0][2], parts[0][3], 28, 28), "the image takes the rest");
        within(parts, 884, 600);
    }

    @Test
    void withoutRastersTheStripKeepsTheLowerThird() {
        double[][] parts = InterpolationView.ImageAndStrip.arrange(300, 300, null, null);
        assertEquals(100, parts[1][3], 1e-9);
        within(parts, 300, 300);
    }

    private static void within(double[][] parts, double width, double height) {
        for (double[] p : parts) {
            assertTrue(p[0] >= 0 && p[1] >= 0 && p[0] + p[2] <= width + 1e-9 && p[1] + p[3] <= height + 1e-9,
                    Arrays.toString(p));
        }
    }
}
