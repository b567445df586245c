package io.vaeexplorer.ui.fx;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;

/** The save dialog of an export button with one file type; see {@link FileDialogs}, which it goes through. */
public final class SaveDialog {

    private SaveDialog() {
    }

    /**
     * @param owner a node of the window the dialog belongs to
     * @param type what the files are, e.g. "Animated GIF"
     * @param pattern their pattern, e.g. "*.gif"
     * @return the chosen file, or empty when the person cancelled
     */
    public static Optional<Path> choose(Node owner, String title, String suggestedName, String type, String pattern) {
        return FileDialogs.save(owner, title, suggestedName, FileDialogs.type(type, pattern));
    }
}
