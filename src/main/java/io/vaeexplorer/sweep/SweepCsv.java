package io.vaeexplorer.sweep;

import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.store.CsvWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The results table as CSV ({@link CsvWriter}: RFC 4180, CRLF after every row): a header row, then one row per
 * result. Numbers always use '.' as decimal separator whatever the default locale, so the file reads the same
 * everywhere; a value not measured is an empty field.
 */
public final class SweepCsv {

    public static final List<String> HEADER = List.of("run", "name", "model", "latent", "hidden", "loss", "beta",
            "objective", "epochs", "batch", "lr", "seed", "limit", "test_neg_elbo", "test_recon", "test_kl",
            "iwae_log_likelihood", "iwae_k", "iwae_images", "train_seconds", "wall_seconds", "device", "checkpoint");

    private SweepCsv() {
    }

    /** The whole table as text. */
    public static String format(List<SweepResult> results) {
        return CsvWriter.format(csv -> writeRows(csv, results));
    }

    /** Writes the table atomically (a kill mid-write leaves the previous file); returns {@code file}. */
    public static Path write(Path file, List<SweepResult> results) throws IOException {
        return CsvWriter.write(file, csv -> writeRows(csv, results));
    }

    private static void writeRows(CsvWriter csv, List<SweepResult> results) throws IOException {
        csv.row(HEADER);
        for (SweepResult r : results) {
            ModelConfig m = r.model();
            TrainingConfig t = r.training();
            csv.row(
                    String.valueOf(r.index() + 1),
                    r.name(),
                    lower(m.kind()),
                    String.valueOf(m.latent()),
                    m.hidden().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    lower(m.reconstruction()),
                    plain(m.beta()),
                    SweepPlan.specName(m.objective()),
                    String.valueOf(r.epochs()),
                    String.valueOf(t.batchSize()),
                    plain(t.learningRate()),
                    String.valueOf(t.seed()),
                    String.valueOf(t.limit()),
                    number(r.test().negElbo()),
                    number(r.test().reconstruction()),
                    number(r.test().kl()),
                    r.hasIwae() ? number(r.iwaeLogLikelihood()) : "",
                    r.hasIwae() ? String.valueOf(r.iwaeSamples()) : "",
                    r.hasIwae() ? String.valueOf(r.iwaeImages()) : "",
                    String.format(Locale.ROOT, "%.3f", r.trainSeconds()),
                    String.format(Locale.ROOT, "%.3f", r.wallSeconds()),
                    r.device(),
                    r.checkpointFile() == null ? "" : r.checkpointFile().toString());
        }
    }

    /** Four decimals, as the command line's JSON; non-finite values as NaN / Infinity / -Infinity. */
    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A setting as it was typed: 0.001 rather than 0.0010000000474974513 or 1.0E-3. */
    private static String plain(float value) {
        return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
