package io.vaeexplorer.ui.plane;

/**
 * Hears of every redraw of the latent plane and how long its FX-thread work took (buffer fill, image update,
 * canvas commands). Tests and benchmarks set one with {@link LatentPlaneView#setRedrawProbe}; the window sets none.
 */
@FunctionalInterface
public interface RedrawProbe {

    /** Called on the FX thread at the end of each redraw. */
    void redrawn(long nanos);
}
