package io.vaeexplorer.ui.fx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The status and error lines a view-model reports, kept in order for a test to read; any thread may report. */
public final class RecordedMessages implements UserMessages {

    public final List<String> statuses = new CopyOnWriteArrayList<>();
    public final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void status(String message) {
        statuses.add(message);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }
}
