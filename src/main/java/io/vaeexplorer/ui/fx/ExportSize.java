package io.vaeexplorer.ui.fx;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The size at which the window exports its pictures, one choice for all of them: 1x, as they are now, or 2x, twice
 * as wide and high (for print). Pictures of nodes (the plane, the loss chart) are drawn again at the larger scale;
 * pictures of decoded images are enlarged pixel for pixel ({@link io.vaeexplorer.render.ImageTiler#enlarge}), as
 * {@code render --scale} does. The window holds one and hands it to every exporter, which reads {@link #scale()} on
 * the FX thread when an export starts.
 */
public final class ExportSize {

    /** The name under which the choice is remembered from one launch to the next. */
    public static final String SWITCH = "exports-at-2x";

    private final BooleanProperty doubled = new SimpleBooleanProperty(this, "doubled", false);

    /** True for exports at 2x, false for 1x. */
    public BooleanProperty doubledProperty() {
        return doubled;
    }

    /** How many times as wide and high as at 1x the next export is: 1 or 2. */
    public int scale() {
        return doubled.get() ? 2 : 1;
    }
}
