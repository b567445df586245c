package io.vaeexplorer.ui.fx;

/** How class names are shown where room is short: folder names can be sentences. */
public final class ClassNames {

    /** The longest class name shown whole. */
    public static final int SHOWN_CHARS = 18;

    private ClassNames() {
    }

    /** A class name cut to {@link #SHOWN_CHARS} characters, an ellipsis marking the cut. */
    public static String shortened(String name) {
        return name.length() <= SHOWN_CHARS ? name : name.substring(0, SHOWN_CHARS - 1) + "\u2026";
    }
}
