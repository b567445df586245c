package io.vaeexplorer.core;

/** Turns a failure into the one line a person reads in the error banner, the status line or a terminal. */
public final class Messages {

    private Messages() {
    }

    /**
     * The exception's own message on one line, or its type's simple name when it has none (a bare
     * NullPointerException says more as "NullPointerException" than as "null"). The cause's message is used when
     * the exception only wraps another one without a message of its own.
     */
    public static String oneLine(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null && shown.getCause() != shown) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
