package io.vaeexplorer.data;

/**
 * Told how far a load has got, for a terminal bar or a window's progress bar.
 *
 * <p>Calls come from the loader's worker threads but never at the same time and always in order: {@code done}
 * rises by one per image from 1 to {@code total}, and the last call has {@code done == total}. When the pictures'
 * own size is taken and they turn out to have several, they are decoded a second time at the common size, and
 * {@code done} rises from 1 to {@code total} once more. Keep the work small (a window should hand it to its UI
 * thread), since decoding waits for it.
 *
 * <p>An exception thrown by {@code update} stops the load: each decoding thread ends after the picture it is on,
 * nothing is cached, and the load throws that exception. A window's Cancel is a callback that throws.
 */
@FunctionalInterface
public interface LoadProgress {

    LoadProgress NONE = (done, total) -> { };

    void update(int done, int total);
}
