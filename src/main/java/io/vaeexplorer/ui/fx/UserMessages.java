package io.vaeexplorer.ui.fx;

/**
 * Where a view-model tells the person what happened: the status line and the error banner. View-models receive
 * this instead of the window's main view-model, so none of them holds another that holds it back.
 * FX thread only.
 */
public interface UserMessages {

    /** One line on what is going on or what just finished. */
    void status(String message);

    /** One line on what went wrong; the banner shows it until dismissed. */
    void error(String message);
}
