package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.fx.RasterView;
import io.vaeexplorer.ui.fx.SaveDialog;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Morphs one test image into another through the latent space: a slider for t that decodes while it is dragged,
 * the decode at t, and a strip of evenly spaced steps from A to B, both as large as the space allows.
 */
public final class InterpolationView extends BorderPane {

    public InterpolationView(InterpolationViewModel interpolation) {
        CheckBox fixedEps = new CheckBox("Fixed noise (one eps per pair)");
        fixedEps.setId("interp-fixed-eps");
        fixedEps.selectedProperty().bindBidirectional(interpolation.fixedEpsProperty());
        CheckBox spherical = new CheckBox("Spherical (slerp)");
        spherical.setId("interp-spherical");
        spherical.selectedProperty().bindBidirectional(interpolation.sphericalProperty());
        Spinner<Integer> steps = ExperimentControls.intSpinner(interpolation.stripStepsProperty(), 2, 30);
        steps.setId("interp-steps");

        FlowPane controls = new FlowPane(14, 8,
                endPicker("A", "interp-a", interpolation, interpolation.imageAProperty(),
                        interpolation.drawnAProperty()),
                endPicker("B", "interp-b", interpolation, interpolation.imageBProperty(),
                        interpolation.drawnBProperty()),
                fixedEps, spherical, ExperimentControls.labelled("Strip steps", steps));
        controls.setPadding(new Insets(8));

        // bound to the value itself, so every position while dragging asks for a decode (the newest one wins)
        Slider t = ExperimentControls.doubleSlider(interpolation.tProperty(), 0, 1);
        t.setId("interp-slider");
        t.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(t, Priority.ALWAYS);
        Label tValue = new Label();
        tValue.setMinWidth(60);
        tValue.textProperty().bind(interpolation.tProperty().asString("t = %.2f"));
        HBox slider = new HBox(8, new Label("A"), t, new Label("B"), tValue);
        slider.setAlignment(Pos.CENTER_LEFT);

        RasterView current = new RasterView(interpolation.interpolatedImageProperty(), 8,
                "waiting for a model");
        current.setId("interp-image");
        RasterView strip = new RasterView(interpolation.stripProperty(), 2, "");
        strip.setId("interp-strip");
        ImageAndStrip pictures = new ImageAndStrip(current, strip);
        VBox.setVgrow(pictures, Priority.ALWAYS);
        VBox centre = new VBox(8, slider, pictures);
        centre.setPadding(new Insets(8));

        HBox actions = new HBox(8,
                strip.exportButton("Export PNG", "Export the interpolation strip as PNG", "interpolation.png",
                        interpolation::exportStripPng),
                current.exportButton("Export image at t", "Export the image at t as PNG", "interpolation-t.png",
                        interpolation::exportImagePng),
                gifButton(interpolation),
                ExperimentControls.errorLabel(interpolation.errorProperty()));
        actions.setPadding(new Insets(8));
        setTop(controls);
        setCenter(centre);
        setBottom(actions);
    }

    /**
     * The decode at t and the strip share the space so that together they show as much as they can: the strip
     * under the image or beside it, whichever shows more pixels; each fits its part, and both re-fit on resize.
     */
    static final class ImageAndStrip extends Region {

        static final double GAP = 8;
        private final RasterView current;
        private final RasterView strip;

        ImageAndStrip(RasterView current, RasterView strip) {
            this.current = current;
            this.strip = strip;
            getChildren().addAll(current, strip);
            current.rasterProperty().addListener((obs, was, now) -> requestLayout());
            strip.rasterProperty().addListener((obs, was, now) -> requestLayout());
        }

        @Override
        protected void layoutChildren() {
            double[][] parts = arrange(getWidth(), getHeight(), current.rasterProperty().get(),
                    strip.rasterProperty().get());
            current.resizeRelocate(parts[0][0], parts[0][1], parts[0][2], parts[0][3]);
            strip.resizeRelocate(parts[1][0], parts[1][1], parts[1][2], parts[1][3]);
        }

        @Override
        protected double computePrefWidth(double height) {
            return Math.max(current.prefWidth(-1), strip.prefWidth(-1));
        }

        @Override
        protected double computePrefHeight(double width) {
            return current.prefHeight(-1) + GAP + strip.prefHeight(-1);
        }

        @Override
        protected double computeMinHeight(double width) {
            return current.minHeight(-1) + GAP + strip.minHeight(-1);
        }

        /**
         * {x, y, width, height} of the image's part and of the strip's in a {@code width x height} space: the
         * strip under the image (as tall as it is shown at full width, at most half the height) or to its right
         * (the image as wide as it is shown at full height, at most half the width), whichever shows the two
         * rasters at the larger area in all. Without both rasters the strip takes the lower third.
         */
        static double[][] arrange(double width, double height, Raster image, Raster strip) {
            double w = Math.max(0, width);
            double h = Math.max(0, height);
            if (image == null || strip == null) {
                double stripHeight = Math.floor(h / 3);
                return new double[][] {{0, 0, w, Math.max(0, h - stripHeight - GAP)}, {0, h - stripHeight, w,
                        stripHeight}};
            }
            double stripScale = RasterView.fitScale(w, (h - GAP) / 2, strip.width(), strip.height());
            double stripHeight = strip.height() * stripScale;
            double imageHeight = Math.max(0, h - stripHeight - GAP);
            double[][] under = {{0, 0, w, imageHeight}, {0, imageHeight + GAP, w, stripHeight}};
            double underArea = shownArea(under[0], image) + shownArea(under[1], strip);

            double imageScale = RasterView.fitScale((w - GAP) / 2, h, image.width(), image.height());
            double imageWidth = image.width() * imageScale;
            double stripWidth = Math.max(0, w - imageWidth - GAP);
            double[][] beside = {{0, 0, imageWidth, h}, {imageWidth + GAP, 0, stripWidth, h}};
            double besideArea = shownArea(beside[0], image) + shownArea(beside[1], strip);
            return besideArea > underArea ? beside : under;
        }

        private static double shownArea(double[] part, Raster raster) {
            double scale = RasterView.fitScale(part[2], part[3], raster.width(), raster.height());
            return raster.width() * scale * raster.height() * scale;
        }
    }

    /** "Export GIF": the strip's decodes as a looping animation from A to B and back. */
    private Button gifButton(InterpolationViewModel interpolation) {
        Button button = new Button("Export GIF");
        button.setId("interp-gif");
        button.disableProperty().bind(interpolation.stripProperty().isNull());
        button.setOnAction(e -> SaveDialog.choose(this, "Export the interpolation as an animated GIF",
                "interpolation.gif", "Animated GIF", "*.gif").ifPresent(interpolation::exportGif));
        return button;
    }

    /** An end of the path: its test image index, and a class picker that jumps to the first image of a class. */
    private static HBox endPicker(String name, String id, InterpolationViewModel interpolation, IntegerProperty index,
                                  ReadOnlyObjectProperty<float[]> drawing) {
        Spinner<Integer> spinner = ExperimentControls.indexSpinner(index, interpolation.testImageCountProperty());
        spinner.setId(id);
        ComboBox<String> pickClass = ExperimentControls.classPicker(interpolation.classNames(),
                Bindings.concat("Pick ", interpolation.classWordProperty()), label -> {
            int first = interpolation.firstTestImage(label);
            if (first >= 0) {
                index.set(first);
            }
        });
        pickClass.setId(id + "-digit");
        Label drawn = new Label("(your drawing; pick an image to replace it)");
        drawn.setId(id + "-drawn");
        drawn.visibleProperty().bind(Bindings.isNotNull(drawing));
        drawn.managedProperty().bind(drawn.visibleProperty());
        return new HBox(6, ExperimentControls.labelled(name + ": test image", spinner), pickClass, drawn);
    }
}
