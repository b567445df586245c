package io.vaeexplorer.cli;

/** A problem the user can fix (bad option combination, missing file); printed as one line, no stack trace. */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
