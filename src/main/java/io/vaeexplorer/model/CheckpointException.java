package io.vaeexplorer.model;

/**
 * A checkpoint could not be saved or loaded. The message is one line meant for the user: it names the file and
 * what is wrong with it, e.g. "/runs/a/model.vae is corrupt (checksum mismatch)".
 */
public final class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
