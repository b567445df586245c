package io.vaeexplorer.ui.fx;

import io.vaeexplorer.core.WindowState;
import java.util.List;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;

/**
 * Where the explorer window opens and how small it may get, from the screens there are now: a size that fits the
 * screen (a laptop's 1280 x 720 included), and a remembered place only while it is still on a screen, so a window
 * last seen on an unplugged monitor does not open out of reach. Plain geometry, no toolkit needed.
 */
final class WindowPlacement {

    static final double DEFAULT_WIDTH = 1400;
    static final double DEFAULT_HEIGHT = 900;
    /** The smallest window in which every control can be reached (some through scroll bars). */
    static final double MIN_WIDTH = 900;
    static final double MIN_HEIGHT = 600;

    private WindowPlacement() {
    }

    /** The window's minimum size on a screen with this usable area: ours, or the whole area if that is smaller. */
    static Dimension2D minimumSize(Rectangle2D screen) {
        return new Dimension2D(Math.min(MIN_WIDTH, screen.getWidth()), Math.min(MIN_HEIGHT, screen.getHeight()));
    }

    /**
     * The window's bounds: the remembered ones, made to fit the screen they mostly lie on, when they lie on one;
     * otherwise the remembered (or default) size fitted to the primary screen and centred there.
     *
     * @param saved the remembered bounds, or null
     * @param primary the primary screen's usable area (without task bars)
     * @param screens every screen's usable area
     */
    static Rectangle2D bounds(WindowState.Bounds saved, Rectangle2D primary, List<Rectangle2D> screens) {
        if (saved != null) {
            Rectangle2D wanted = new Rectangle2D(saved.x(), saved.y(), saved.width(), saved.height());
            Rectangle2D screen = mostlyOn(wanted, screens);
            if (screen != null) {
                double width = fit(saved.width(), screen.getWidth(), MIN_WIDTH);
                double height = fit(saved.height(), screen.getHeight(), MIN_HEIGHT);
                // pulled wholly onto the screen, so the title bar can be grabbed
                double x = Math.max(screen.getMinX(), Math.min(saved.x(), screen.getMaxX() - width));
                double y = Math.max(screen.getMinY(), Math.min(saved.y(), screen.getMaxY() - height));
                return new Rectangle2D(x, y, width, height);
            }
        }
        double width = fit(saved == null ? DEFAULT_WIDTH : saved.width(), primary.getWidth(), MIN_WIDTH);
        double height = fit(saved == null ? DEFAULT_HEIGHT : saved.height(), primary.getHeight(), MIN_HEIGHT);
        return new Rectangle2D(primary.getMinX() + (primary.getWidth() - width) / 2,
                primary.getMinY() + (primary.getHeight() - height) / 2, width, height);
    }

    /** A length kept between the minimum (or the screen, if smaller) and the screen. */
    private static double fit(double wanted, double screen, double minimum) {
        return Math.max(Math.min(minimum, screen), Math.min(wanted, screen));
    }

    /** The screen holding the largest part of the rectangle, or null when no screen holds any of it. */
    private static Rectangle2D mostlyOn(Rectangle2D window, List<Rectangle2D> screens) {
        Rectangle2D best = null;
        double bestArea = 0;
        for (Rectangle2D screen : screens) {
            double w = Math.min(window.getMaxX(), screen.getMaxX()) - Math.max(window.getMinX(), screen.getMinX());
            double h = Math.min(window.getMaxY(), screen.getMaxY()) - Math.max(window.getMinY(), screen.getMinY());
            if (w > 0 && h > 0 && w * h > bestArea) {
                best = screen;
                bestArea = w * h;
            }
        }
        return best;
    }
}
