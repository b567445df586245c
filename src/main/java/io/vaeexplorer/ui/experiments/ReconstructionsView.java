package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.ui.fx.RasterView;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The first test images above their reconstructions through the posterior mean, redrawn as the model trains. */
public final class ReconstructionsView extends BorderPane {

    public ReconstructionsView(ReconstructionsViewModel reconstructions) {
        RasterView raster = new RasterView(reconstructions.reconstructionsProperty(), 2,
                "waiting for a model and test images");
        raster.setId("reconstructions-grid");
        Label caption = new Label("Top: the first " + ReconstructionsViewModel.RECONSTRUCTION_COUNT
                + " test images. Bottom: their reconstructions, decoded from the posterior mean.");
        caption.setWrapText(true);
        setTop(caption);
        setCenter(raster);
        setBottom(new HBox(8, raster.exportButton("Export PNG", "Export the reconstructions as PNG",
                "reconstructions.png", reconstructions::exportPng),
                ExperimentControls.errorLabel(reconstructions.errorProperty())));
        setPadding(new Insets(8));
        BorderPane.setMargin(raster, new Insets(8, 0, 8, 0));
    }
}
