package io.vaeexplorer.data;

/**
 * A data file or folder that cannot be used. The message is one line written for the user: it names the file
 * (or the folder) and says what is wrong with it, so the command line and the GUI can show it as is.
 */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(oneLine(message));
    }

    public DataException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    // Messages may embed text from the JDK or the file system; keep them to a single line for display.
    private static String oneLine(String message) {
        return message == null ? "unknown data error" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
