package io.vaeexplorer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {

    @TempDir
    Path temp;

    @Test
    void plainFieldsStayAsTheyAre() {
        assertEquals("abc", CsvWriter.field("abc"));
        assertEquals("", CsvWriter.field(""));
        assertEquals(" spaced ", CsvWriter.field(" spaced "), "spaces belong to the field, unquoted");
        assertEquals("-1.5e-3", CsvWriter.field("-1.5e-3"));
        assertEquals("it's;fine", CsvWriter.field("it's;fine"));
        assertEquals("", CsvWriter.field(null), "a value not measured is an empty field");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndInnerQuotesDoubled() {
        assertEquals("\"64,32\"", CsvWriter.field("64,32"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.field("say \"hi\""));
        assertEquals("\"\"\"\"", CsvWriter.field("\""));
        assertEquals("\"two\nlines\"", CsvWriter.field("two\nlines"));
        assertEquals("\"carriage\rreturn\"", CsvWriter.field("carriage\rreturn"));
        assertEquals("\"a,\"\"b\"\"\r\nc\"", CsvWriter.field("a,\"b\"\r\nc"));
    }

    @Test
    void rowsEndWithCrLfTheLastOneToo() {
        String text = CsvWriter.format(csv -> {
            csv.row("kind", "step", "note");
            csv.row(Arrays.asList("step", "1", null));
            csv.row(List.of());
        });
        assertEquals("kind,step,note\r\nstep,1,\r\n\r\n", text);
    }

    @Test
    void whatIsWrittenParsesBackToTheSameFields() {
        List<List<String>> rows = List.of(
                List.of("name", "value", "comment"),
                List.of("hidden=64,32 \"big\"", "0.001", "first line\r\nsecond, with a comma"),
                List.of("", "\"", "\n"));
        String text = CsvWriter.format(csv -> {
            for (List<String> row : rows) {
                csv.row(row);
            }
        });
        assertEquals(rows, parse(text));
    }

    @Test
    void writingIsAtomicUtf8AndCreatesTheFolder() throws IOException {
        Path file = temp.resolve("out").resolve("table.csv");
        CsvWriter.write(file, csv -> csv.row("x", "y"));
        Path written = CsvWriter.write(file, csv -> csv.row("größe", "µ,σ"));
        assertEquals(file, written);
        assertEquals("größe,\"µ,σ\"\r\n", Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFailureWhileWritingKeepsThePreviousFile() throws IOException {
        Path file = temp.resolve("table.csv");
        CsvWriter.write(file, csv -> csv.row("old"));
        assertThrows(IOException.class, () -> CsvWriter.write(file, csv -> {
            csv.row("new");
            throw new IOException("disk full");
        }));
        assertEquals("old\r\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    /** RFC 4180 text as rows of fields, written here independently of the writer. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
