package io.vaeexplorer.ui.plane;

import io.vaeexplorer.ui.fx.ClassPickers;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The column beside the latent plane: the decoded image under the marker, the class a conditional model decodes
 * at, the choice of the plane's axes (for latent sizes above 2), the switches for the layers behind the points, the
 * ellipses' controls and the plane's exports. Talks only to the {@link PlaneViewModel}.
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
        getChildren().addAll(decoded, decodeClassChoice(plane), axesChoice(plane), manifold, density, thumbnails,
                ellipses, new PlaneExportBar(plane, planeView));
        setPadding(new Insets(0, 8, 8, 8));
    }

    /**
     * "Decode as digit [7]": a searchable list of the model's classes, shown only while the current model is
     * conditional. Alt+D moves the focus to it.
     */
    private static FlowPane decodeClassChoice(PlaneViewModel plane) {
        ComboBox<String> picker = ClassPickers.selector(plane.decodeClassNames(), plane.decodeClassProperty());
        picker.setId("decode-class");
        picker.setPrefWidth(140);
        Label caption = new Label();
        caption.setId("decode-class-label");
        caption.setMnemonicParsing(true);
        caption.textProperty().bind(Bindings.concat("_Decode as ", plane.classWordProperty()));
        caption.setLabelFor(picker);
        Tooltip help = new Tooltip("The model was trained told each image's class: every latent vector is decoded"
                + " as the class chosen here (the image under the marker, the manifold, the sweeps, the"
                + " interpolation, the samples and the variants); a drawing is encoded as it too");
        help.setWrapText(true);
        help.setMaxWidth(360);
        caption.setTooltip(help);
        picker.setTooltip(help);
        // a narrow column wraps the list under its name rather than cutting either short
        FlowPane box = new FlowPane(6, 4, caption, picker);
        box.setId("decode-class-choice");
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(plane.conditionalProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /**
     * "Axes: principal components" or "dimensions X and Y" with a spinner for each (0 to d - 1), shown only for a
     * model whose latent space has more than two dimensions (a smaller one is its own plane).
     */
    private static VBox axesChoice(PlaneViewModel plane) {
        ToggleGroup group = new ToggleGroup();
        RadioButton principal = new RadioButton("principal components");
        principal.setId("axes-principal");
        principal.setToggleGroup(group);
        RadioButton dimensions = new RadioButton("dimensions");
        dimensions.setId("axes-dimensions");
        dimensions.setToggleGroup(group);
        dimensions.setTooltip(new Tooltip("Two latent dimensions as the axes; a click decodes with the other"
                + " dimensions at the test codes' mean, as the principal plane does"));
        Runnable showChoice = () -> group.selectToggle(plane.dimensionAxesProperty().get() ? dimensions : principal);
        showChoice.run();
        plane.dimensionAxesProperty().addListener((obs, was, now) -> showChoice.run());
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                plane.dimensionAxesProperty().set(now == dimensions);
            }
        });
        Spinner<Integer> x = dimensionSpinner(plane.xDimensionProperty(), plane);
        x.setId("axes-x-dimension");
        Spinner<Integer> y = dimensionSpinner(plane.yDimensionProperty(), plane);
        y.setId("axes-y-dimension");
        x.disableProperty().bind(dimensions.selectedProperty().not());
        y.disableProperty().bind(dimensions.selectedProperty().not());
        // a narrow column wraps the spinners under the button rather than cutting them off
        FlowPane chosen = new FlowPane(6, 4, dimensions, x, new Label("and"), y);
        chosen.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, new Label("Axes of the plane"), principal, chosen);
        box.setId("plane-axes-choice");
        box.visibleProperty().bind(plane.latentSizeProperty().greaterThan(2));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** A spinner of latent dimensions 0 to d - 1 of the current model, two-way with the property. */
    private static Spinner<Integer> dimensionSpinner(IntegerProperty dimension, PlaneViewModel plane) {
        int latent = plane.latentSizeProperty().get();
        SpinnerValueFactory.IntegerSpinnerValueFactory factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                0, latent > 2 ? latent - 1 : Integer.MAX_VALUE, dimension.get());
        // a latent size of at most 2 hides the choice and keeps it for the next larger model: no clamping to it
        plane.latentSizeProperty().addListener((obs, was, now) -> {
            if (now.intValue() > 2) {
                factory.setMax(now.intValue() - 1);
            }
        });
        Spinner<Integer> spinner = new Spinner<>(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(70);
        ObjectProperty<Integer> boxed = dimension.asObject();
        // bidirectional bindings hold their ends weakly: the spinner keeps the boxed view of the property alive
        spinner.getProperties().put(PlaneSidePanel.class, boxed);
        factory.valueProperty().bindBidirectional(boxed);
        return spinner;
    }
}
