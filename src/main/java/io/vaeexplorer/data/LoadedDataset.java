package io.vaeexplorer.data;

import java.util.Objects;

/** A data set with the report of its load. */
public record LoadedDataset(Dataset dataset, LoadReport report) {

    public LoadedDataset {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(report, "report");
    }
}
