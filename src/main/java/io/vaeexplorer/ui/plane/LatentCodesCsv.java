package io.vaeexplorer.ui.plane;

import io.vaeexplorer.store.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The latent codes as a CSV table: one row per test image with its index, label, class name, plane x and y, then
 * mu and sigma of every dimension. Runs off the FX thread; the file is written atomically.
 */
final class LatentCodesCsv {

    private LatentCodesCsv() {
    }

    static Path write(LatentPoints points, List<String> names, Path file) throws IOException {
        return AtomicFiles.write(file, channel -> {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            StringBuilder header = new StringBuilder("index,label,class,plane_x,plane_y");
            for (int k = 0; k < points.dim(); k++) {
                header.append(",mu_").append(k + 1);
            }
            for (int k = 0; k < points.dim(); k++) {
                header.append(",sigma_").append(k + 1);
            }
            out.write(header.append('\n').toString());
            for (int i = 0; i < points.count(); i++) {
                int label = points.labels()[i];
                StringBuilder row = new StringBuilder();
                row.append(i).append(',').append(label).append(',')
                        .append(label < names.size() ? names.get(label).replace(",", " ") : String.valueOf(label))
                        .append(String.format(Locale.ROOT, ",%.6f,%.6f", points.xy()[2 * i], points.xy()[2 * i + 1]));
                for (int k = 0; k < points.dim(); k++) {
                    row.append(String.format(Locale.ROOT, ",%.6f", points.mu()[i * points.dim() + k]));
                }
                for (int k = 0; k < points.dim(); k++) {
                    row.append(String.format(Locale.ROOT, ",%.6f", points.sigma()[i * points.dim() + k]));
                }
                out.write(row.append('\n').toString());
            }
            out.flush();
        });
    }
}
