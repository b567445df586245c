package io.vaeexplorer.ui;

import java.nio.file.Path;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Morphs one test image into another through the latent space: a slider for t that decodes while it is dragged,
 * the decode at t, and a strip of evenly spaced steps from A to B.
 */
public final class InterpolationView extends BorderPane {

    private final ExperimentRasterView current;
    private final ExperimentRasterView strip;

    public InterpolationView(ExperimentsModel experiments) {
        ExplorerModel model = experiments.explorer();
        CheckBox fixedEps = new CheckBox("Fixed noise (one eps per pair)");
        fixedEps.setId("interp-fixed-eps");
        fixedEps.selectedProperty().bindBidirectional(experiments.fixedEpsProperty());
        CheckBox spherical = new CheckBox("Spherical (slerp)");
        spherical.setId("interp-spherical");
        spherical.selectedProperty().bindBidirectional(experiments.sphericalProperty());
        Spinner<Integer> steps = ExperimentControls.intSpinner(experiments.stripStepsProperty(), 2, 30);
        steps.setId("interp-steps");

        FlowPane controls = new FlowPane(14, 8,
                endPicker("A", "interp-a", experiments, experiments.imageAProperty(), experiments.drawnAProperty()),
                endPicker("B", "interp-b", experiments, experiments.imageBProperty(), experiments.drawnBProperty()),
                fixedEps, spherical, ExperimentControls.labelled("Strip steps", steps));
        controls.setPadding(new Insets(8));

        // bound to the value itself, so every position while dragging asks for a decode (the newest one wins)
        Slider t = ExperimentControls.doubleSlider(experiments.tProperty(), 0, 1);
        t.setId("interp-slider");
        t.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(t, Priority.ALWAYS);
        Label tValue = new Label();
        tValue.setMinWidth(60);
        tValue.textProperty().bind(experiments.tProperty().asString("t = %.2f"));
        HBox slider = new HBox(8, new Label("A"), t, new Label("B"), tValue);
        slider.setAlignment(Pos.CENTER_LEFT);

        current = new ExperimentRasterView(experiments.interpolatedImageProperty(), 8, "waiting for a model");
        current.setId("interp-image");
        VBox.setVgrow(current, Priority.ALWAYS);
        strip = new ExperimentRasterView(experiments.interpolationStripProperty(), 2, "");
        strip.setId("interp-strip");
        VBox.setVgrow(strip, Priority.SOMETIMES);
        VBox centre = new VBox(8, slider, current, strip);
        centre.setPadding(new Insets(8));

        HBox actions = new HBox(8, strip.exportButton("Export PNG", "interpolation.png"),
                current.exportButton("Export image at t", "interpolation-t.png"), gifButton(experiments),
                ExperimentControls.errorLabel(experiments));
        actions.setPadding(new Insets(8));
        setTop(controls);
        setCenter(centre);
        setBottom(actions);
    }

    /** "Export GIF...": the strip's decodes as a looping animation from A to B and back. */
    private javafx.scene.control.Button gifButton(ExperimentsModel experiments) {
        javafx.scene.control.Button button = new javafx.scene.control.Button("Export GIF");
        button.setId("interp-gif");
        button.disableProperty().bind(experiments.interpolationStripProperty().isNull());
        button.setOnAction(e -> SaveDialog.choose(this, "Export the interpolation as an animated GIF",
                "interpolation.gif", "Animated GIF", "*.gif").ifPresent(file -> exportGif(experiments, file)));
        return button;
    }

    /** Writes the interpolation animation in the background; the status bar names the file. */
    static void exportGif(ExperimentsModel experiments, Path file) {
        java.util.List<io.vaeexplorer.render.GreyRaster> frames = experiments.interpolationFrames();
        if (frames.isEmpty()) {
            experiments.explorer().reportError("no interpolation decoded yet");
            return;
        }
        experiments.explorer().writeInBackground(() -> io.vaeexplorer.render.GifWriter.write(frames, 120, true, file));
    }

    /** Writes the strip from A to B as a PNG of the raster's own size. */
    public Path exportPng(Path file) {
        return strip.exportPng(file);
    }

    /** Writes the decode at t. */
    public Path exportImagePng(Path file) {
        return current.exportPng(file);
    }

    /** An end of the path: its test image index, and a digit picker that jumps to the first image of a class. */
    private static HBox endPicker(String name, String id, ExperimentsModel experiments, IntegerProperty index,
                                  javafx.beans.property.ReadOnlyObjectProperty<float[]> drawing) {
        ExplorerModel model = experiments.explorer();
        Spinner<Integer> spinner = ExperimentControls.indexSpinner(index, model.datasetProperty(),
                experiments::testImageCount);
        spinner.setId(id);
        ComboBox<String> digit = ExperimentControls.digitPicker(model.classNames(), "Pick digit", label -> {
            int first = experiments.firstTestImage(label);
            if (first >= 0) {
                index.set(first);
            }
        });
        digit.setId(id + "-digit");
        Label drawn = new Label("(your drawing; pick an image to replace it)");
        drawn.setId(id + "-drawn");
        drawn.visibleProperty().bind(javafx.beans.binding.Bindings.isNotNull(drawing));
        drawn.managedProperty().bind(drawn.visibleProperty());
        return new HBox(6, ExperimentControls.labelled(name + ": test image", spinner), digit, drawn);
    }
}
