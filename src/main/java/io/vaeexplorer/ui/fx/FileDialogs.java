package io.vaeexplorer.ui.fx;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The one way the explorer asks for a file or a folder, so that every dialog behaves alike: it has a title, opens
 * in the folder the last dialog was left in (the home folder the first time: a chooser left to itself opens in
 * the program's working folder), offers the given file types, and remembers the chosen file's folder for the next
 * dialog. {@link ExplorerApp} keeps that folder across launches. Call on the FX thread.
 *
 * <pre>{@code
 * FileDialogs.save(this, "Save model", "model.vae", FileDialogs.type("VAE model", "*.vae")).ifPresent(...);
 * FileDialogs.open(this, "Load model", FileDialogs.type("VAE model", "*.vae")).ifPresent(...);
 * FileDialogs.folder(this, "Open a data folder").ifPresent(...);
 * }</pre>
 */
public final class FileDialogs {

    /** Shows the dialogs; tests put one in that answers without a native dialog. */
    interface Presenter {
        File showSave(FileChooser chooser, Window owner);

        File showOpen(FileChooser chooser, Window owner);

        File showFolder(DirectoryChooser chooser, Window owner);
    }

    static final Presenter NATIVE = new Presenter() {
        @Override
        public File showSave(FileChooser chooser, Window owner) {
            return chooser.showSaveDialog(owner);
        }

        @Override
        public File showOpen(FileChooser chooser, Window owner) {
            return chooser.showOpenDialog(owner);
        }

        @Override
        public File showFolder(DirectoryChooser chooser, Window owner) {
            return chooser.showDialog(owner);
        }
    };

    private static Presenter presenter = NATIVE;
    private static Path lastFolder;

    private FileDialogs() {
    }

    /** A file type for the dialogs, e.g. {@code type("PNG image", "*.png")}; the patterns are shown after it. */
    public static FileChooser.ExtensionFilter type(String description, String... patterns) {
        return new FileChooser.ExtensionFilter(description + " (" + String.join(", ", patterns) + ")", patterns);
    }

    /**
     * Asks where to save a file.
     *
     * @param owner a node of the window the dialog belongs to
     * @param suggestedName the file name the dialog starts with
     * @param types the file types offered, the first selected
     * @return the chosen file, or empty when the person cancelled
     */
    public static Optional<Path> save(Node owner, String title, String suggestedName,
            FileChooser.ExtensionFilter... types) {
        return remember(presenter.showSave(fileChooser(title, suggestedName, types), windowOf(owner)));
    }

    /** Asks for an existing file to open; empty when the person cancelled. */
    public static Optional<Path> open(Node owner, String title, FileChooser.ExtensionFilter... types) {
        return remember(presenter.showOpen(fileChooser(title, null, types), windowOf(owner)));
    }

    /** Asks for a folder; empty when the person cancelled. The folder itself is remembered. */
    public static Optional<Path> folder(Node owner, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        chooser.setInitialDirectory(initialFolder().toFile());
        File chosen = presenter.showFolder(chooser, windowOf(owner));
        if (chosen == null) {
            return Optional.empty();
        }
        lastFolder = chosen.toPath().toAbsolutePath();
        return Optional.of(chosen.toPath());
    }

    /** Where the next dialog opens: the last folder used while it still exists, else the home folder. */
    public static Path initialFolder() {
        if (lastFolder != null && Files.isDirectory(lastFolder)) {
            return lastFolder;
        }
        return Path.of(System.getProperty("user.home"));
    }

    /** The folder the last dialog was left in, or null when none was used; for keeping it across launches. */
    static Path lastFolder() {
        return lastFolder;
    }

    /** Sets the remembered folder (from the last launch), or forgets it with null. */
    static void setLastFolder(Path folder) {
        lastFolder = folder == null ? null : folder.toAbsolutePath();
    }

    static void setPresenter(Presenter shown) {
        presenter = shown == null ? NATIVE : shown;
    }

    static FileChooser fileChooser(String title, String suggestedName, FileChooser.ExtensionFilter... types) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialDirectory(initialFolder().toFile());
        if (suggestedName != null) {
            chooser.setInitialFileName(suggestedName);
        }
        chooser.getExtensionFilters().addAll(types);
        if (types.length > 0) {
            chooser.setSelectedExtensionFilter(types[0]);
        }
        return chooser;
    }

    private static Optional<Path> remember(File chosen) {
        if (chosen == null) {
            return Optional.empty();
        }
        Path file = chosen.toPath().toAbsolutePath();
        if (file.getParent() != null) {
            lastFolder = file.getParent();
        }
        return Optional.of(chosen.toPath());
    }

    private static Window windowOf(Node owner) {
        return owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
    }
}
