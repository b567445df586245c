package io.vaeexplorer.ui.plane;

import io.vaeexplorer.store.AtomicFiles;
import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.fx.FileDialogs;
import io.vaeexplorer.ui.fx.NodeExport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Export buttons for the latent plane: the plane as PNG, the decoded image as PNG, the latent codes as CSV. */
public final class PlaneExportBar extends VBox {

    private final AppViewModel model;
    private final LatentPlaneView plane;
    private final DecodedImageView decoded;
    private static final FileChooser.ExtensionFilter PNG = FileDialogs.type("PNG image", "*.png");

    private final Label message = new Label();

    public PlaneExportBar(AppViewModel model, LatentPlaneView plane, DecodedImageView decoded) {
        super(4);
        this.model = model;
        this.plane = plane;
        this.decoded = decoded;
        Button planePng = new Button("Plane as PNG");
        planePng.setId("export-plane-png");
        planePng.setOnAction(e -> choose("Export the latent plane as PNG", "plane.png", PNG, this::exportPlanePng));
        Button decodedPng = new Button("Decoded image as PNG");
        decodedPng.setId("export-decoded-png");
        decodedPng.setOnAction(e -> choose("Export the decoded image as PNG", "decoded.png", PNG, decoded::exportPng));
        Button codesCsv = new Button("Latent codes as CSV");
        codesCsv.setId("export-codes-csv");
        codesCsv.setOnAction(e -> choose("Export the latent codes as CSV", "latent-codes.csv",
                FileDialogs.type("CSV table", "*.csv"), this::exportCodesCsv));
        message.setId("plane-export-message");
        message.setWrapText(true);
        FlowPane buttons = new FlowPane(6, 6, planePng, decodedPng, codesCsv);
        getChildren().addAll(new Label("Export"), buttons, message);
    }

    private interface Export {
        Path to(Path file) throws IOException;
    }

    private void choose(String title, String name, FileChooser.ExtensionFilter type, Export export) {
        Path file = FileDialogs.save(this, title, name, type).orElse(null);
        if (file == null) {
            return;
        }
        try {
            message.setText("saved " + export.to(file));
        } catch (IOException | RuntimeException e) {
            message.setText("could not save " + file + ": " + e.getMessage());
        }
    }

    /** The plane as drawn (points, legend, marker, path). */
    public Path exportPlanePng(Path file) {
        return NodeExport.writePng(plane, file); // the plane with its marker node
    }

    /** One row per test image: index, label, class name, plane x and y, then mu and sigma of every dimension. */
    public Path exportCodesCsv(Path file) throws IOException {
        LatentPoints points = model.plane().latentPointsProperty().get();
        if (points == null) {
            throw new IllegalStateException("no latent codes yet");
        }
        List<String> names = List.copyOf(model.workspace().classNames());
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
