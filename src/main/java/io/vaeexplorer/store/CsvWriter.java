package io.vaeexplorer.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes CSV as RFC 4180 defines it, the one way every table the program exports is written: fields separated by
 * commas; a field quoted when it holds a comma, a double quote, a CR or an LF, with each double quote inside it
 * doubled; every row, the last one too, ended by CRLF. CRLF is the RFC's line end, and spreadsheets and CSV
 * libraries read it on every platform, so a file reads the same wherever it was written. A null field is written
 * as an empty one (a value not measured). Files are UTF-8 without a byte order mark and are written atomically
 * ({@link AtomicFiles}): a crash leaves the previous file or the whole new one.
 *
 * <p>Numbers are the caller's to format (with {@code Locale.ROOT}, so that the decimal separator is '.').
 */
public final class CsvWriter {

    /** The end of every row. */
    public static final String LINE_END = "\r\n";

    /** Writes a table's rows, one {@link #row} call each. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(CsvWriter csv) throws IOException;
    }

    private final Appendable out;

    /** Rows go to {@code out} as they are written; closing or flushing it stays the caller's. */
    public CsvWriter(Appendable out) {
        this.out = out;
    }

    /** Writes one row. */
    public CsvWriter row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(LINE_END);
        return this;
    }

    /** Writes one row. */
    public CsvWriter row(String... fields) throws IOException {
        return row(Arrays.asList(fields));
    }

    /** A field as it stands in a row: quoted where it must be, empty for null. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean plain = value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0
                && value.indexOf('\n') < 0;
        return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The whole table as text. */
    public static String format(Rows rows) {
        StringBuilder text = new StringBuilder();
        try {
            rows.writeTo(new CsvWriter(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws; only the rows themselves could
        }
        return text.toString();
    }

    /**
     * Writes the table to {@code file} atomically, creating missing parent folders; the rows are written as they
     * come, so a long table is never held in memory as text. Returns {@code file}.
     */
    public static Path write(Path file, Rows rows) throws IOException {
        return AtomicFiles.write(file, channel -> {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            rows.writeTo(new CsvWriter(out));
            out.flush();
        });
    }
}
