package io.vaeexplorer.ui.plane;

import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/** Colours and fonts the plane's layers share. */
final class PlaneStyle {

    /** Outlines under white strokes and marks, so they show on any colour. */
    static final Color DARK = Color.rgb(20, 20, 20, 0.9);
    static final Color TEXT = Color.rgb(40, 40, 40);
    static final Font TICK_FONT = Font.font(11);
    static final Font LEGEND_FONT = Font.font(11);

    private PlaneStyle() {
    }
}
