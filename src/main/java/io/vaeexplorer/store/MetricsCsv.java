package io.vaeexplorer.store;

import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.KlWeighting;
import io.vaeexplorer.core.LossParts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The per-epoch log written beside every checkpoint as {@value #FILE_NAME}, one row per epoch as PyTorch
 * Lightning's CSV logger writes it: the epoch, the optimiser step it ended at, the training and test -ELBO with
 * their reconstruction and KL parts (nats per image), the KL weight at the epoch's middle (the schedule's mean over
 * its steps), the capacity under the capacity schedule, and the epoch's seconds. Rewritten whole with each save, so
 * it always matches the checkpoint beside it.
 */
public final class MetricsCsv {

    public static final String FILE_NAME = "metrics.csv";

    public static final List<String> COLUMNS = List.of("epoch", "step", "train_neg_elbo", "train_recon", "train_kl",
            "test_neg_elbo", "test_recon", "test_kl", "beta", "capacity", "seconds");

    private MetricsCsv() {
    }

    /** Writes the checkpoint's history to {@code file}. */
    public static Path write(Checkpoint checkpoint, Path file) throws IOException {
        KlWeighting weighting = KlWeighting.of(checkpoint);
        List<EpochRecord> history = checkpoint.history();
        return CsvWriter.write(file, csv -> {
            csv.row(COLUMNS);
            for (int i = 0; i < history.size(); i++) {
                EpochRecord r = history.get(i);
                double weight = weighting.weightInEpoch(i, history.size());
                double capacity = weighting.capacityInEpoch(i, history.size());
                csv.row(Integer.toString(r.epoch()), Long.toString(r.step()), number(neg(r.train())),
                        number(recon(r.train())), number(kl(r.train())), number(neg(r.test())),
                        number(recon(r.test())), number(kl(r.test())), number(weight),
                        capacity < 0 ? null : number(capacity), number(r.seconds()));
            }
        });
    }

    private static double neg(LossParts parts) {
        return parts == null ? Double.NaN : parts.negElbo();
    }

    private static double recon(LossParts parts) {
        return parts == null ? Double.NaN : parts.reconstruction();
    }

    private static double kl(LossParts parts) {
        return parts == null ? Double.NaN : parts.kl();
    }

    /** Six decimals with '.'; a value not measured is an empty field. */
    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : null;
    }
}
