package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.function.Executable;

final class DataAssertions {

    private DataAssertions() {
    }

    /** Asserts a DataException whose one-line message contains every fragment (file name, problem). */
    static DataException assertDataError(Executable action, String... fragments) {
        DataException e = assertThrows(DataException.class, action);
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "message spans lines: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "message lacks '" + fragment + "': " + message);
        }
        return e;
    }
}
