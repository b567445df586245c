package io.vaeexplorer.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/** The save dialog every export button opens: a title, a suggested file name and one file type. */
final class SaveDialog {

    private SaveDialog() {
    }

    /**
     * @param owner a node of the window the dialog belongs to
     * @param type what the files are, e.g. "Animated GIF"
     * @param pattern their pattern, e.g. "*.gif"
     * @return the chosen file, or empty when the person cancelled
     */
    static Optional<Path> choose(Node owner, String title, String suggestedName, String type, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(type, pattern));
        File file = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return Optional.ofNullable(file).map(File::toPath);
    }
}
