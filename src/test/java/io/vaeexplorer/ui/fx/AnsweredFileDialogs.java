package io.vaeexplorer.ui.fx;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * File dialogs that answer for the person in tests of other packages (the native ones cannot open headless): each
 * answers with the file the function gives for the dialog's initial folder, and its title is kept.
 */
public final class AnsweredFileDialogs {

    private static final List<String> TITLES = Collections.synchronizedList(new ArrayList<>());

    private AnsweredFileDialogs() {
    }

    /** From now on every dialog answers with {@code answer} applied to its initial folder (null: cancelled). */
    public static void answerWith(Function<File, File> answer) {
        FileDialogs.setPresenter(new FileDialogs.Presenter() {
            @Override
            public File showSave(FileChooser chooser, Window owner) {
                TITLES.add(chooser.getTitle());
                return answer.apply(chooser.getInitialDirectory());
            }

            @Override
            public File showOpen(FileChooser chooser, Window owner) {
                TITLES.add(chooser.getTitle());
                return answer.apply(chooser.getInitialDirectory());
            }

            @Override
            public File showFolder(DirectoryChooser chooser, Window owner) {
                TITLES.add(chooser.getTitle());
                return answer.apply(chooser.getInitialDirectory());
            }
        });
    }

    /** The titles of the dialogs shown since the last {@link #reset}, in order. */
    public static List<String> shownTitles() {
        return List.copyOf(TITLES);
    }

    /** Back to the native dialogs, no remembered folder, no titles kept. */
    public static void reset() {
        FileDialogs.setPresenter(null);
        FileDialogs.setLastFolder(null);
        TITLES.clear();
    }
}
