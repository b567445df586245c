package io.vaeexplorer.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What a load found besides the images, for the command line and the window to show in one line.
 *
 * @param folder     the folder loaded
 * @param imageFiles files with an image file name (PNG, JPEG, BMP, GIF) that were tried
 * @param skipped    of those, the ones that could not be used (empty, corrupt, too large...)
 * @param ignored    other files, not tried: other file names, or images outside any class folder
 * @param log        the file naming every skipped and ignored file with its reason; null when there were none
 * @param fromCache  whether the images came from the decoded-set cache instead of the files
 * @param notes      other things worth telling, e.g. a cache that could not be written; usually empty
 */
public record LoadReport(Path folder, int imageFiles, int skipped, int ignored, Path log, boolean fromCache,
        List<String> notes) {

    public LoadReport {
        notes = List.copyOf(notes);
    }

    /** The report of a set read from its IDX files: nothing skipped, nothing cached. */
    static LoadReport idx(Path folder) {
        return new LoadReport(folder, 0, 0, 0, null, false, List.of());
    }

    /** "skipped N of M files (see LOG)", or "" when nothing was skipped. */
    public String skippedLine() {
        return skipped == 0 ? "" : "skipped " + skipped + " of " + imageFiles + " files (see " + log + ")";
    }

    /** One line: skipped and ignored files and where they are listed, the cache, any notes. */
    public String summary() {
        StringBuilder s = new StringBuilder(fromCache ? "read from cache" : "decoded");
        if (skipped > 0) {
            s.append("; ").append(skippedLine());
        }
        if (ignored > 0) {
            s.append("; ignored ").append(ignored).append(ignored == 1 ? " other file" : " other files");
            if (skipped == 0) {
                s.append(" (see ").append(log).append(')');
            }
        }
        for (String note : notes) {
            s.append("; ").append(note);
        }
        return s.toString();
    }
}
