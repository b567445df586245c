package io.vaeexplorer.store;

/**
 * A checkpoint could not be saved or loaded. The message is one line meant for the user: it names the file and
 * what is wrong with it, e.g. "/runs/a/model.vae is corrupt (checksum mismatch)".
 */
public final class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(oneLine(message));
    }

    public CheckpointException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    // Messages may quote text from the file itself (a weight's name may hold "\n"); keep them to one line.
    private static String oneLine(String message) {
        return message == null ? "unknown checkpoint error" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
