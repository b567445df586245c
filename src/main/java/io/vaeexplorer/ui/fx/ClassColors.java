package io.vaeexplorer.ui.fx;

import javafx.scene.paint.Color;

/**
 * A colour for each class. The first ten are the "tab10" palette the tutorials' scatter plots use; beyond ten
 * (folders of pictures may have up to 128 classes) hues step by the golden angle, which keeps any run of
 * neighbouring labels far apart on the colour wheel, at three alternating brightnesses.
 */
public final class ClassColors {

    private static final int[] TAB10 = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    private static final double GOLDEN_ANGLE = 137.50776405;
    private static final double[] BRIGHTNESS = {0.85, 0.65, 0.45};
    /** Every label byte's colour, 0xRRGGBB. */
    private static final int[] RGB = new int[256];

    static {
        for (int label = 0; label < RGB.length; label++) {
            if (label < TAB10.length) {
                RGB[label] = TAB10[label];
            } else {
                int k = label - TAB10.length;
                Color c = Color.hsb((k * GOLDEN_ANGLE + 15) % 360, 0.75, BRIGHTNESS[k % BRIGHTNESS.length]);
                RGB[label] = (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                        | (int) Math.round(c.getBlue() * 255);
            }
        }
    }

    private ClassColors() {
    }

    /** Packed 0xAARRGGBB, opaque, for pixel buffers. */
    public static int argb(int label) {
        return 0xff000000 | RGB[Math.floorMod(label, RGB.length)];
    }

    /** The opaque ARGB colour of every possible label byte (0..255), for pixel renderers. */
    public static int[] argbByLabelByte() {
        int[] palette = new int[256];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = argb(i);
        }
        return palette;
    }

    public static Color color(int label) {
        int rgb = RGB[Math.floorMod(label, RGB.length)];
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }
}
