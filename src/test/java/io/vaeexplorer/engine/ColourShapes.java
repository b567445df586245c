package io.vaeexplorer.engine;

import io.vaeexplorer.data.LabeledImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Small colour pictures drawn with Java2D for conv tests: a disc, a square or a bar in a bright random colour, size
 * and place on a dark random background, labelled by shape, as channel-major levels the way the picture loader
 * stores them.
 */
public final class ColourShapes {

    private ColourShapes() {
    }

    /** {@code count} pictures of {@code side x side} pixels, the same ones for the same seed. */
    public static LabeledImages images(int count, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int plane = side * side;
        byte[] levels = new byte[count * 3 * plane];
        byte[] labels = new byte[count];
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < count; i++) {
            int shape = random.nextInt(3);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(random.nextInt(60), random.nextInt(60), random.nextInt(60)));
            g.fillRect(0, 0, side, side);
            g.setColor(new Color(80 + random.nextInt(176), 80 + random.nextInt(176), 80 + random.nextInt(176)));
            int size = side / 3 + random.nextInt(side / 3);
            int x = random.nextInt(side - size + 1);
            int y = random.nextInt(side - size + 1);
            switch (shape) {
                case 0 -> g.fillOval(x, y, size, size);
                case 1 -> g.fillRect(x, y, size, size);
                default -> g.fillRect(x, y + size / 3, size, Math.max(1, size / 3));
            }
            g.dispose();
            for (int p = 0; p < plane; p++) {
                int rgb = image.getRGB(p % side, p / side);
                int base = i * 3 * plane + p;
                levels[base] = (byte) (rgb >> 16);
                levels[base + plane] = (byte) (rgb >> 8);
                levels[base + 2 * plane] = (byte) rgb;
            }
            labels[i] = (byte) shape;
        }
        return new LabeledImages(count, 3, side, side, levels, labels);
    }
}
