package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.render.Raster;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline's frames and strip at 1x and at 2x: the same picture, twice as wide and high, text drawn anew. */
class TimelineAnimationTest {

    /** Points on a ring, four classes, and a reconstruction strip of distinct grey levels. */
    private static TrainingTimeline.Frame frame(long step, float spread) {
        int n = 40;
        float[] mu = new float[2 * n];
        float[] sigma = new float[2 * n];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            mu[2 * i] = spread * (float) Math.cos(i * 0.7);
            mu[2 * i + 1] = spread * (float) Math.sin(i * 1.3);
            sigma[2 * i] = 1;
            sigma[2 * i + 1] = 1;
            labels[i] = (byte) (i % 4);
        }
        byte[] levels = new byte[20 * 6];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (byte) (2 * i);
        }
        return new TrainingTimeline.Frame(step, LatentPoints.of(n, 2, mu, sigma, labels, step),
                Raster.grey(20, 6, levels));
    }

    private static final List<TrainingTimeline.Frame> RUN = List.of(frame(0, 0.3f), frame(50, 1.5f), frame(100, 2f));

    @Test
    void atTwoTimesEachFrameIsTwiceAsLargeWithThePointsAndReconstructionsEnlargedPixelForPixel() {
        List<BufferedImage> once = TimelineAnimation.frames(RUN, 1);
        List<BufferedImage> twice = TimelineAnimation.frames(RUN, 2);
        assertEquals(RUN.size(), twice.size());
        for (int f = 0; f < RUN.size(); f++) {
            BufferedImage small = once.get(f);
            BufferedImage large = twice.get(f);
            assertEquals(2 * small.getWidth(), large.getWidth());
            assertEquals(2 * small.getHeight(), large.getHeight());
            // the scatter above the step line and the reconstructions below it are pictures: enlarged exactly
            for (int y = 0; y < large.getHeight(); y++) {
                int smallY = y / 2;
                if (smallY >= TimelineAnimation.SCATTER && smallY < TimelineAnimation.SCATTER + 24) {
                    continue; // the step's text, drawn anew
                }
                for (int x = 0; x < large.getWidth(); x++) {
                    if (large.getRGB(x, y) != small.getRGB(x / 2, smallY)) {
                        throw new AssertionError("frame " + f + ": (" + x + ", " + y + ") is not the 1x pixel");
                    }
                }
            }
            assertTrue(mixedBlocksInTextRow(large) > 0, "the step is written again at 2x, not its 1x pixels enlarged");
        }
    }

    @Test
    void atTwoTimesTheStripIsTwiceAsWideAndHighGapsIncluded() {
        BufferedImage once = TimelineAnimation.strip(RUN, 2, 1);
        BufferedImage twice = TimelineAnimation.strip(RUN, 2, 2);
        assertEquals(2 * once.getWidth(), twice.getWidth());
        assertEquals(2 * once.getHeight(), twice.getHeight());
        int frameWidth = TimelineAnimation.frames(RUN, 1).get(0).getWidth();
        assertEquals(2 * frameWidth + 4, once.getWidth(), "two frames 4 pixels apart");
        // the gap's grey at the same place of both
        assertEquals(once.getRGB(frameWidth + 1, 10), twice.getRGB(2 * frameWidth + 3, 21));
    }

    @Test
    void aScaleBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TimelineAnimation.frames(RUN, 0));
    }

    /** 2 x 2 blocks of the step's text row holding more than one colour: none where 1x pixels were enlarged. */
    private static int mixedBlocksInTextRow(BufferedImage image) {
        int blocks = 0;
        for (int y = 2 * TimelineAnimation.SCATTER; y < 2 * (TimelineAnimation.SCATTER + 24); y += 2) {
            for (int x = 0; x + 1 < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                if (image.getRGB(x + 1, y) != rgb || image.getRGB(x, y + 1) != rgb
                        || image.getRGB(x + 1, y + 1) != rgb) {
                    blocks++;
                }
            }
        }
        return blocks;
    }
}
