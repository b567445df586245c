package io.vaeexplorer.ui.plane;

import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Colours the plane's layers share, one palette for each of the window's themes: the canvas ignores the
 * stylesheet, so its background, grid, frame and text change with the theme here. The class colours, the marks in
 * white over {@link #OUTLINE}, and the pictures (manifold, density, thumbnails) are the same in both.
 *
 * @param background around the plot, behind the tick labels
 * @param plotBackground inside the plot, behind the points
 * @param grid grid lines at the ticks
 * @param zeroLine the grid line through 0
 * @param frame the line around the plot
 * @param text tick labels, axis titles, the density key's labels
 * @param hoverRing the ring around the hovered point
 * @param fadedArgb the points of the classes not highlighted, opaque ARGB
 * @param keyBackground the density key's box
 * @param keyBorder the density key's box outline and ramp ticks
 * @param holesText the density key's "holes" end, in the overlay's blue
 * @param crowdText the density key's "crowd" end, in the overlay's red
 */
record PlaneStyle(Color background, Color plotBackground, Color grid, Color zeroLine, Color frame, Color text,
                  Color hoverRing, int fadedArgb, Color keyBackground, Color keyBorder, Color holesText,
                  Color crowdText) {

    /** Outlines under white strokes and marks, so they show on any colour. */
    static final Color OUTLINE = Color.rgb(20, 20, 20, 0.9);
    static final Font TICK_FONT = Font.font(11);
    static final Font LEGEND_FONT = Font.font(11);

    static final PlaneStyle LIGHT = new PlaneStyle(Color.rgb(246, 246, 246), Color.WHITE, Color.rgb(0, 0, 0, 0.09),
            Color.rgb(0, 0, 0, 0.22), Color.rgb(120, 120, 120), Color.rgb(40, 40, 40), OUTLINE, 0xffdcdcdc,
            Color.rgb(255, 255, 255, 0.92), Color.rgb(0, 0, 0, 0.4), Color.rgb(33, 102, 172),
            Color.rgb(178, 24, 43));

    /** Matches the stylesheet's dark background around the canvas. */
    static final PlaneStyle DARK = new PlaneStyle(Color.rgb(43, 45, 48), Color.rgb(30, 31, 34),
            Color.rgb(255, 255, 255, 0.08), Color.rgb(255, 255, 255, 0.25), Color.rgb(110, 112, 116),
            Color.rgb(222, 222, 222), Color.rgb(240, 240, 240, 0.9), 0xff4a4c50, Color.rgb(36, 37, 40, 0.94),
            Color.rgb(255, 255, 255, 0.35), Color.rgb(120, 170, 235), Color.rgb(245, 120, 120));

    static PlaneStyle of(boolean dark) {
        return dark ? DARK : LIGHT;
    }
}
