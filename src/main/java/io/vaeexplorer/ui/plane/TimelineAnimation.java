package io.vaeexplorer.ui.plane;

import io.vaeexplorer.render.PngWriter;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.render.ScatterRenderer;
import io.vaeexplorer.ui.fx.ClassColors;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a run's timeline into animation frames: the test scatter at each recorded moment on one fixed scale
 * (so the space is seen to spread and sort itself), with the step and the reconstructions of the first test
 * images underneath. Plain Java2D, so it runs off the FX thread. At a scale above 1 the text is drawn again at that
 * scale and the scatter's squares and the reconstructions' pixels are enlarged pixel for pixel: the frames are
 * exactly that many times as wide and high.
 */
public final class TimelineAnimation {

    public static final int SCATTER = 360;
    private static final int[] PALETTE = ClassColors.argbByLabelByte();

    private TimelineAnimation() {
    }

    /**
     * Up to {@code count} frames spread evenly over the run (the first and the last always among them) side by
     * side in one picture: the training run as a PNG strip, {@code scale} times as wide and high as at 1.
     */
    public static BufferedImage strip(List<TrainingTimeline.Frame> timeline, int count, int scale) {
        List<BufferedImage> all = frames(timeline, scale);
        int n = Math.min(count, all.size());
        int width = all.get(0).getWidth();
        int height = all.get(0).getHeight();
        int gap = 4 * scale;
        BufferedImage strip = new BufferedImage(n * width + (n - 1) * gap, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = strip.createGraphics();
        try {
            g.setColor(Color.LIGHT_GRAY);
            g.fillRect(0, 0, strip.getWidth(), height);
            for (int i = 0; i < n; i++) {
                int at = n == 1 ? all.size() - 1 : (int) Math.round(i * (all.size() - 1) / (double) (n - 1));
                g.drawImage(all.get(at), i * (width + gap), 0, null);
            }
        } finally {
            g.dispose();
        }
        return strip;
    }

    /** One frame per recorded moment, {@code scale} (1 or more) times as wide and high as at 1. */
    public static List<BufferedImage> frames(List<TrainingTimeline.Frame> timeline, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("the timeline is empty: train a model first");
        }
        float[][] xy = new float[timeline.size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = timeline.get(i).points().xy();
        }
        // the last frame's extent: early frames sit near the origin and are meant to look small
        double[] bounds = ScatterRenderer.commonBounds(new float[][] {xy[xy.length - 1]}, 0.005);
        int reconHeight = 0;
        int reconWidth = 0;
        for (TrainingTimeline.Frame f : timeline) {
            if (f.reconstructions() != null) {
                reconHeight = Math.max(reconHeight, f.reconstructions().height() * 2);
                reconWidth = Math.max(reconWidth, f.reconstructions().width() * 2);
            }
        }
        int width = Math.max(SCATTER, reconWidth);
        int height = SCATTER + 24 + reconHeight;
        List<BufferedImage> frames = new ArrayList<>();
        for (TrainingTimeline.Frame f : timeline) {
            LatentPoints p = f.points();
            BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                g.scale(scale, scale);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                BufferedImage scatter = new BufferedImage(SCATTER, SCATTER, BufferedImage.TYPE_INT_RGB);
                scatter.setRGB(0, 0, SCATTER, SCATTER, ScatterRenderer.render(p.xy(), p.labels(), p.count(), PALETTE,
                        SCATTER, SCATTER, bounds, 0xffffffff), 0, SCATTER);
                g.drawImage(scatter, (width - SCATTER) / 2, 0, null);
                g.setColor(Color.DARK_GRAY);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                g.drawString("step " + f.step(), 8, SCATTER + 17);
                Raster recon = f.reconstructions();
                if (recon != null) {
                    g.drawImage(PngWriter.toBufferedImage(recon), (width - recon.width() * 2) / 2, SCATTER + 24,
                            recon.width() * 2, recon.height() * 2, null);
                }
            } finally {
                g.dispose();
            }
            frames.add(image);
        }
        return frames;
    }
}
