package io.vaeexplorer.ui.plane;

import io.vaeexplorer.ui.fx.SaveDialog;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Export buttons for the latent plane: the plane as PNG, the decoded image as PNG, the latent codes as CSV. The
 * view-model writes them in the background and reports on the status line or the error banner.
 */
public final class PlaneExportBar extends VBox {

    private final PlaneViewModel plane;
    private final LatentPlaneView view;

    public PlaneExportBar(PlaneViewModel plane, LatentPlaneView view) {
        super(4);
        this.plane = plane;
        this.view = view;
        Button planePng = new Button("Plane as PNG");
        planePng.setId("export-plane-png");
        planePng.setOnAction(e -> SaveDialog.choose(this, "Export the latent plane as PNG", "plane.png", "PNG image",
                "*.png").ifPresent(this::exportPlanePng));
        Button decodedPng = new Button("Decoded image as PNG");
        decodedPng.setId("export-decoded-png");
        decodedPng.setOnAction(e -> SaveDialog.choose(this, "Export the decoded image as PNG", "decoded.png",
                "PNG image", "*.png").ifPresent(plane::exportDecodedPng));
        Button codesCsv = new Button("Latent codes as CSV");
        codesCsv.setId("export-codes-csv");
        codesCsv.setOnAction(e -> SaveDialog.choose(this, "Export the latent codes as CSV", "latent-codes.csv",
                "CSV table", "*.csv").ifPresent(plane::exportCodesCsv));
        FlowPane buttons = new FlowPane(6, 6, planePng, decodedPng, codesCsv);
        getChildren().addAll(new Label("Export"), buttons);
    }

    /**
     * The plane as drawn (points, legend, marker, path), at the export size: the picture is taken here, on the FX
     * thread, and written in the background.
     */
    public void exportPlanePng(Path file) {
        plane.exportPlanePng(view.picture(plane.exportScale()), file);
    }
}
