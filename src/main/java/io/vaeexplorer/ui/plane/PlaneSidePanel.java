package io.vaeexplorer.ui.plane;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The column beside the latent plane: the decoded image under the marker, the switches for the layers behind the
 * points, the ellipses' controls and the plane's exports. Talks only to the {@link PlaneViewModel}.
 */
public final class PlaneSidePanel extends VBox {

    /** Shows or hides the thumbnails on the plane from anywhere in the window. */
    public static final KeyCombination TOGGLE_THUMBNAILS = new KeyCodeCombination(KeyCode.I, KeyCombination.ALT_DOWN);

    public PlaneSidePanel(PlaneViewModel plane, LatentPlaneView planeView) {
        super(8);
        DecodedImageView decoded = new DecodedImageView(plane);
        CheckBox manifold = new CheckBox("Show decoded manifold behind the points");
        manifold.setId("manifold-toggle");
        manifold.selectedProperty().bindBidirectional(plane.showManifoldProperty());
        CheckBox density = new CheckBox("Show codes against the prior");
        density.setTooltip(new Tooltip("The density of all test codes against N(0, I): red where the codes crowd"
                + " beyond the prior, blue in its holes (where samples from the prior decode badly)"));
        density.setId("density-toggle");
        density.selectedProperty().bindBidirectional(plane.showDensityProperty());
        CheckBox thumbnails = new CheckBox("Show images at their codes (Alt+I)");
        thumbnails.setId("thumbnails-toggle");
        thumbnails.setTooltip(new Tooltip("Each test image's thumbnail at its latent code, framed in its class"
                + " colour; where codes crowd, one image per thumbnail-sized cell"));
        thumbnails.selectedProperty().bindBidirectional(plane.showThumbnailsProperty());
        // a key for the whole window: a check box's mnemonic would only move the focus to it
        Runnable toggleThumbnails = () -> plane.showThumbnailsProperty().set(!plane.showThumbnailsProperty().get());
        sceneProperty().addListener((obs, was, now) -> {
            if (was != null) {
                was.getAccelerators().remove(TOGGLE_THUMBNAILS, toggleThumbnails);
            }
            if (now != null) {
                now.getAccelerators().put(TOGGLE_THUMBNAILS, toggleThumbnails);
            }
        });
        Button clearEllipses = new Button("Clear ellipses");
        clearEllipses.setId("clear-ellipses");
        clearEllipses.setOnAction(e -> plane.ellipseImages().clear());
        clearEllipses.disableProperty().bind(Bindings.isEmpty(plane.ellipseImages()));
        clearEllipses.setMinWidth(Region.USE_PREF_SIZE);
        Label ellipseHint = new Label("Ctrl+click: posterior ellipses");
        ellipseHint.setTooltip(new Tooltip(
                "Ctrl+click near a point to draw the 1- and 2-sigma ellipses of that test image's posterior q(z|x)"));
        // a narrow column wraps these names rather than cutting them short
        manifold.setWrapText(true);
        density.setWrapText(true);
        thumbnails.setWrapText(true);
        ellipseHint.setWrapText(true);
        HBox ellipses = new HBox(8, clearEllipses, ellipseHint);
        ellipses.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(decoded, manifold, density, thumbnails, ellipses, new PlaneExportBar(plane, planeView));
        setPadding(new Insets(0, 8, 8, 8));
    }
}
