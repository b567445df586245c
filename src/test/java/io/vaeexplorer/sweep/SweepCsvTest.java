package io.vaeexplorer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.core.WeightSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCsvTest {

    @TempDir
    Path temp;

    /** A result as the runner makes it; the weights do not matter to the table, so there are none. */
    private static SweepResult result(int index, String name, ModelConfig model, TrainingConfig training,
                                      LossParts test, double iwae, Path file) {
        List<EpochRecord> history = new ArrayList<>();
        for (int e = 1; e <= training.epochs(); e++) {
            history.add(new EpochRecord(e, e * 10L, test, test, 1.25, 800));
        }
        Checkpoint checkpoint = new Checkpoint(new WeightSnapshot(model, 1, history.size() * 10L, List.of()),
                training, history, "cpu", "mnist");
        boolean measured = !Double.isNaN(iwae);
        return new SweepResult(index, name, model, training, test, iwae, measured ? 50 : 0, measured ? 500 : 0,
                1.25 * training.epochs(), 3.5, "CPU (2 threads, PyTorch 2.5.1)", checkpoint, file);
    }

    private static List<SweepResult> twoResults() {
        ModelConfig mlp = new ModelConfig(ModelKind.MLP, 28, 28, 20, List.of(64, 32), Likelihood.MSE, 0.5f,
                Objective.RECON_ONLY);
        return List.of(
                result(0, "latent=2", ModelConfig.mlp(2, List.of(400)), new TrainingConfig(2, 128, 1e-3f, 1, 0),
                        new LossParts(146.3612, 5.8912), -140.123456, Path.of("out", "01-latent2", "model.vae")),
                result(1, "hidden=64,32 \"big\"", mlp, new TrainingConfig(3, 64, 1e-4f, 7, 5000),
                        new LossParts(80.5, 24.25), Double.NaN, null));
    }

    /** Splits RFC 4180 text into rows of fields (quoted fields may hold commas and doubled quotes). */
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
            } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
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

    @Test
    void aHeaderAndOneRowPerResultWithEveryFieldInItsColumn() {
        List<List<String>> rows = parse(SweepCsv.format(twoResults()));
        assertEquals(3, rows.size());
        assertEquals(SweepCsv.HEADER, rows.get(0));
        assertTrue(rows.stream().allMatch(r -> r.size() == SweepCsv.HEADER.size()), rows.toString());

        List<String> first = rows.get(1);
        assertEquals(List.of("1", "latent=2", "mlp", "2", "400", "bce", "1", "elbo", "2", "128", "0.001", "1", "0",
                "152.2524", "146.3612", "5.8912", "-140.1235", "50", "500", "2.500", "3.500",
                "CPU (2 threads, PyTorch 2.5.1)", Path.of("out", "01-latent2", "model.vae").toString()), first);

        List<String> second = rows.get(2);
        assertEquals("hidden=64,32 \"big\"", second.get(1)); // commas and quotes survive the round trip
        assertEquals("64,32", second.get(4));
        assertEquals("mse", second.get(5));
        assertEquals("0.5", second.get(6));
        assertEquals("recon", second.get(7));
        assertEquals("0.0001", second.get(10), "no scientific notation for the learning rate");
        assertEquals("5000", second.get(12));
        assertEquals(List.of("", "", ""), second.subList(16, 19), "IWAE not measured: empty fields");
        assertEquals("", second.get(22), "not saved: no checkpoint path");
    }

    @Test
    void numbersUseADotWhateverTheDefaultLocale() {
        String expected = SweepCsv.format(twoResults());
        Locale before = Locale.getDefault();
        try {
            for (Locale locale : List.of(Locale.GERMANY, Locale.FRANCE, new Locale("ar", "EG"))) {
                Locale.setDefault(locale);
                assertEquals(expected, SweepCsv.format(twoResults()), locale.toString());
            }
        } finally {
            Locale.setDefault(before);
        }
        assertTrue(expected.contains(",152.2524,146.3612,5.8912,"), expected);
    }

    @Test
    void writingReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = temp.resolve("results").resolve("sweep.csv");
        SweepCsv.write(file, twoResults().subList(0, 1));
        assertEquals(2, Files.readAllLines(file, StandardCharsets.UTF_8).size());
        SweepCsv.write(file, twoResults());
        assertEquals(SweepCsv.format(twoResults()), Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
        // an empty sweep still gets its header, so a reader sees the columns
        SweepCsv.write(file, List.of());
        assertEquals(String.join(",", SweepCsv.HEADER) + "\r\n", Files.readString(file));
    }

    @Test
    void anUnwritablePlaceFailsWithAnIoExceptionAndKeepsTheOldFile() throws IOException {
        Path blocker = temp.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        assertThrows(IOException.class, () -> SweepCsv.write(blocker.resolve("sweep.csv"), twoResults()));
        assertEquals("x", Files.readString(blocker));
    }
}
