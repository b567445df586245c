package io.vaeexplorer.ui.plane;

import io.vaeexplorer.core.PlaneRegion;
import io.vaeexplorer.explore.AggregatePosterior;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The aggregate posterior against the prior behind the points (red where the codes crowd, blue in the prior's
 * holes), and its colour key in the plot's lower left corner.
 */
final class DensityLayer {

    private static final double OPACITY = 0.75;
    private static final double KEY_RAMP_WIDTH = 170;
    private static final double KEY_RAMP_HEIGHT = 12;

    /** The last density drawn and its image, converted once per density rather than once per redraw. */
    private DensityImage source;
    private WritableImage image;
    private double[] rampAt;

    void draw(GraphicsContext gc, PlaneViewport v, DensityImage d) {
        if (d == null) {
            return;
        }
        if (d != source) {
            source = d;
            image = new WritableImage(d.width(), d.height());
            image.getPixelWriter().setPixels(0, 0, d.width(), d.height(), PixelFormat.getIntArgbInstance(), d.argb(),
                    0, d.width());
        }
        PlaneRegion r = d.region();
        double x0 = v.canvasX(r.xMin());
        double x1 = v.canvasX(r.xMax());
        double y0 = v.canvasY(r.yMax());
        double y1 = v.canvasY(r.yMin());
        gc.setGlobalAlpha(OPACITY);
        gc.drawImage(image, x0, y0, x1 - x0, y1 - y0);
        gc.setGlobalAlpha(1);
    }

    /**
     * The key of the density overlay, in the plot's lower left corner: the colour ramp as the overlay shows it (at
     * the overlay's opacity, over a box of about the plot's colour) with ratios q/p under it and what the two ends
     * mean.
     *
     * @param shown whether the overlay is on the plane; without it there is no key
     */
    void drawKey(GraphicsContext gc, PlaneViewport v, boolean shown, PlaneStyle style) {
        rampAt = null;
        if (!shown) {
            return;
        }
        double pad = 8;
        double boxWidth = KEY_RAMP_WIDTH + 2 * pad;
        double boxHeight = 76;
        double x = v.left() + 6;
        double y = v.top() + v.height() - boxHeight - 6;
        if (boxWidth + 12 > v.width() || boxHeight + 12 > v.height()) {
            return; // too small to hold a key
        }
        gc.setFill(style.keyBackground());
        gc.fillRoundRect(x, y, boxWidth, boxHeight, 6, 6);
        gc.setStroke(style.keyBorder());
        gc.setLineWidth(1);
        gc.strokeRoundRect(x + 0.5, y + 0.5, boxWidth - 1, boxHeight - 1, 6, 6);

        gc.setFont(PlaneStyle.LEGEND_FONT);
        gc.setFill(style.text());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText("codes q against the prior p", x + pad, y + 4);

        double rampX = x + pad;
        double rampY = y + 22;
        double full = AggregatePosterior.FULL_COLOUR_LOG_RATIO;
        gc.setGlobalAlpha(OPACITY);
        for (int i = 0; i < KEY_RAMP_WIDTH; i++) {
            double logRatio = ((i + 0.5) / KEY_RAMP_WIDTH * 2 - 1) * full;
            int rgb = AggregatePosterior.ratioRgb(logRatio);
            gc.setFill(Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff));
            gc.fillRect(rampX + i, rampY, 1, KEY_RAMP_HEIGHT);
        }
        gc.setGlobalAlpha(1);
        gc.setStroke(style.keyBorder());
        gc.strokeRect(rampX - 0.5, rampY - 0.5, KEY_RAMP_WIDTH + 1, KEY_RAMP_HEIGHT + 1);
        rampAt = new double[] {rampX, rampY, KEY_RAMP_WIDTH, KEY_RAMP_HEIGHT};

        long end = Math.round(Math.exp(full));
        long middle = Math.round(Math.sqrt(end));
        double[] ratios = {1.0 / end, 1.0 / middle, 1, middle, end};
        String[] names = {"1/" + end, "1/" + middle, "1", Long.toString(middle), Long.toString(end)};
        gc.setFont(PlaneStyle.TICK_FONT);
        gc.setTextBaseline(VPos.TOP);
        gc.setStroke(style.keyBorder());
        for (int i = 0; i < ratios.length; i++) {
            double tx = rampX + (Math.log(ratios[i]) / full + 1) / 2 * KEY_RAMP_WIDTH;
            gc.strokeLine(Math.round(tx) + 0.5, rampY + KEY_RAMP_HEIGHT, Math.round(tx) + 0.5,
                    rampY + KEY_RAMP_HEIGHT + 3);
            gc.setTextAlign(i == 0 ? TextAlignment.LEFT : i == ratios.length - 1 ? TextAlignment.RIGHT
                    : TextAlignment.CENTER);
            double labelX = i == 0 ? rampX : i == ratios.length - 1 ? rampX + KEY_RAMP_WIDTH : tx;
            gc.setFill(style.text());
            gc.fillText(names[i], labelX, rampY + KEY_RAMP_HEIGHT + 3);
        }
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(style.holesText());
        gc.fillText("holes (few codes)", rampX, y + boxHeight - 18);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setFill(style.crowdText());
        gc.fillText("codes crowd", rampX + KEY_RAMP_WIDTH, y + boxHeight - 18);
    }

    /** The plot had no room for anything: no key is on the canvas. */
    void forgetKey() {
        rampAt = null;
    }

    /** The key's colour ramp {x, y, width, height} on the canvas when last drawn, or null. */
    double[] keyRamp() {
        return rampAt == null ? null : rampAt.clone();
    }
}
