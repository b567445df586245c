package io.vaeexplorer.ui.fx;

import javafx.scene.paint.Color;

/** Ten well-separated colours for the ten classes (the "tab10" palette that the tutorials' scatter plots use). */
public final class ClassColors {

    private static final int[] RGB = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};

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
