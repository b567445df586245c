package io.vaeexplorer.ui.plane;

import io.vaeexplorer.store.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latent codes as a CSV table ({@link CsvWriter}: RFC 4180, so a class named after a folder with commas or
 * quotes stays one field): one row per test image with its index, label, class name, plane x and y (on the axes
 * the plane shows: for two chosen latent dimensions, the code's mu in them), then mu and sigma of every dimension
 * (numbered from 1). Runs off the FX thread; the file is written atomically.
 */
final class LatentCodesCsv {

    private LatentCodesCsv() {
    }

    static Path write(LatentPoints points, List<String> names, Path file) throws IOException {
        return CsvWriter.write(file, csv -> {
            List<String> header = new ArrayList<>(List.of("index", "label", "class", "plane_x", "plane_y"));
            for (int k = 0; k < points.dim(); k++) {
                header.add("mu_" + (k + 1));
            }
            for (int k = 0; k < points.dim(); k++) {
                header.add("sigma_" + (k + 1));
            }
            csv.row(header);
            for (int i = 0; i < points.count(); i++) {
                int label = points.labels()[i];
                List<String> row = new ArrayList<>(List.of(String.valueOf(i), String.valueOf(label),
                        label < names.size() ? names.get(label) : String.valueOf(label),
                        number(points.xy()[2 * i]), number(points.xy()[2 * i + 1])));
                for (int k = 0; k < points.dim(); k++) {
                    row.add(number(points.mu()[i * points.dim() + k]));
                }
                for (int k = 0; k < points.dim(); k++) {
                    row.add(number(points.sigma()[i * points.dim() + k]));
                }
                csv.row(row);
            }
        });
    }

    private static String number(float value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
