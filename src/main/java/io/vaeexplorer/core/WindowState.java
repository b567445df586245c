package io.vaeexplorer.core;

import java.util.List;
import java.util.Map;

/**
 * How a person left the explorer window: its size and place, whether it was maximised, where the split dividers
 * sat, the folder the last file dialog was left in, and the view's on/off options (layers of the latent plane).
 * Kept between launches so the window comes back as it was.
 *
 * @param bounds the window's size and place while not maximised; null when unknown
 * @param dividers each remembered split pane's divider positions (fractions of its size), by the pane's id
 * @param lastFolder the folder of the last file chosen in a file dialog; null when none was chosen yet
 * @param switches each remembered on/off option, by a name that stays the same across versions
 */
public record WindowState(Bounds bounds, boolean maximized, Map<String, List<Double>> dividers, String lastFolder,
                          Map<String, Boolean> switches) {

    /** A window's place and size on the screens' coordinates. */
    public record Bounds(double x, double y, double width, double height) {
    }

    /** Nothing remembered: the window opens at its default size. */
    public static final WindowState NONE = new WindowState(null, false, Map.of(), null, Map.of());

    public WindowState {
        dividers = dividers == null ? Map.of() : Map.copyOf(dividers);
        // a file from before the switches were kept has none
        switches = switches == null ? Map.of() : Map.copyOf(switches);
    }

    /** A state with no remembered switches. */
    public WindowState(Bounds bounds, boolean maximized, Map<String, List<Double>> dividers, String lastFolder) {
        this(bounds, maximized, dividers, lastFolder, Map.of());
    }

    /** Throws when the state holds values no window could have (a hand edit or a damaged file). */
    public void validate() {
        if (bounds != null) {
            boolean finite = Double.isFinite(bounds.x()) && Double.isFinite(bounds.y())
                    && Double.isFinite(bounds.width()) && Double.isFinite(bounds.height());
            if (!finite || !(bounds.width() > 0) || !(bounds.height() > 0)) {
                throw new IllegalArgumentException("window bounds out of range: " + bounds);
            }
        }
        dividers.forEach((id, positions) -> {
            if (id == null || positions == null) {
                throw new IllegalArgumentException("a divider entry without id or positions");
            }
            double previous = 0;
            for (Double p : positions) {
                if (p == null || !(p >= previous) || p > 1) {
                    throw new IllegalArgumentException("divider positions of " + id + " out of range: " + positions);
                }
                previous = p;
            }
        });
    }
}
