package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.explore.EpsilonSweep;
import io.vaeexplorer.ui.fx.RasterView;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The epsilon sweep: decodes of mu + eps * sigma around one test image's posterior, moving two latent dimensions
 * as a grid (or every dimension, one row each), to show what each dimension controls. The range is in multiples
 * of sigma or in latent units, and the view says what it comes to in latent units.
 */
public final class EpsilonSweepView extends BorderPane {

    static final double SIGMA_MIN_RANGE = 0.25;
    static final double ABSOLUTE_MIN_RANGE = 0.01;

    public EpsilonSweepView(EpsilonSweepViewModel sweep) {
        Spinner<Integer> image = ExperimentControls.indexSpinner(sweep.imageProperty(),
                sweep.testImageCountProperty());
        image.setId("sweep-image");
        ComboBox<String> jumpToClass = ExperimentControls.classPicker(sweep.classNames(),
                Bindings.concat("Jump to ", sweep.classWordProperty()),
                sweep::useFirstTestImage);
        jumpToClass.setId("sweep-digit");

        Slider range = ExperimentControls.doubleSlider(sweep.rangeProperty(), 0.25, 4);
        range.setId("sweep-range");
        // a posterior can be a tenth of a unit wide: in latent units the range has to go much lower than in sigma
        range.minProperty().bind(Bindings.when(sweep.unitsProperty().isEqualTo(EpsilonSweep.Units.ABSOLUTE))
                .then(ABSOLUTE_MIN_RANGE).otherwise(SIGMA_MIN_RANGE));
        Label rangeValue = new Label();
        rangeValue.setId("sweep-range-value");
        rangeValue.setMinWidth(Region.USE_PREF_SIZE);
        rangeValue.textProperty().bind(sweep.rangeTextProperty());
        ComboBox<EpsilonSweep.Units> units = new ComboBox<>(FXCollections.observableArrayList(EpsilonSweep.Units.values()));
        units.setId("sweep-units");
        units.setMinWidth(Region.USE_PREF_SIZE);
        units.setConverter(new StringConverter<>() {
            @Override
            public String toString(EpsilonSweep.Units u) {
                return u == null ? "" : u == EpsilonSweep.Units.ABSOLUTE ? "absolute" : "× σ";
            }

            @Override
            public EpsilonSweep.Units fromString(String text) {
                return "absolute".equals(text) ? EpsilonSweep.Units.ABSOLUTE : EpsilonSweep.Units.SIGMA;
            }
        });
        units.valueProperty().bindBidirectional(sweep.unitsProperty());
        units.setTooltip(new Tooltip("× σ: the range in multiples of the posterior's sigma;"
                + " absolute: the range in latent units"));
        Label span = new Label();
        span.setId("sweep-span");
        span.textProperty().bind(Bindings.when(sweep.spanProperty().isEmpty())
                .then("").otherwise(Bindings.concat("in latent units: ", sweep.spanProperty())));
        span.setTooltip(new Tooltip("How far the sweep moves each latent dimension it sweeps, in latent units"));
        Slider steps = ExperimentControls.intSlider(sweep.stepsProperty(), 1, 15, 2);
        steps.setId("sweep-steps");
        Label stepsValue = new Label();
        stepsValue.textProperty().bind(sweep.stepsProperty().asString());

        // latent dimension 0..d-1 of the current model
        Spinner<Integer> dimX = ExperimentControls.indexSpinner(sweep.dimXProperty(), sweep.latentDimensionsProperty());
        dimX.setId("sweep-dim-x");
        Spinner<Integer> dimY = ExperimentControls.indexSpinner(sweep.dimYProperty(), sweep.latentDimensionsProperty());
        dimY.setId("sweep-dim-y");
        CheckBox perDimension = new CheckBox("One row per dimension");
        perDimension.setId("sweep-per-dimension");
        perDimension.selectedProperty().bindBidirectional(sweep.perDimensionProperty());
        dimX.disableProperty().bind(perDimension.selectedProperty());
        dimY.disableProperty().bind(perDimension.selectedProperty());
        CheckBox mostInformative = new CheckBox("most informative first");
        mostInformative.setId("sweep-most-informative");
        mostInformative.setTooltip(new Tooltip("Only the dimensions that carry the most information, by their KL"
                + " term on the test images (see the Latent use tab), the largest first"));
        mostInformative.selectedProperty().bindBidirectional(sweep.mostInformativeProperty());
        mostInformative.disableProperty().bind(perDimension.selectedProperty().not()
                .or(sweep.dimensionsByKlProperty().isNull()));
        Spinner<Integer> informativeRows = new Spinner<>(1, 64, sweep.informativeRowsProperty().get());
        informativeRows.setId("sweep-informative-rows");
        informativeRows.setPrefWidth(70);
        informativeRows.valueProperty().addListener((obs, was, now) -> sweep.informativeRowsProperty().set(now));
        informativeRows.disableProperty().bind(mostInformative.disabledProperty()
                .or(mostInformative.selectedProperty().not()));

        FlowPane controls = new FlowPane(14, 8,
                ExperimentControls.labelled("Test image", image), jumpToClass,
                ExperimentControls.labelled("Range", new HBox(4, units, range, rangeValue)),
                ExperimentControls.labelled("Steps", new HBox(4, steps, stepsValue)),
                ExperimentControls.labelled("x: dim", dimX), ExperimentControls.labelled("y: dim", dimY),
                perDimension, new HBox(4, mostInformative, informativeRows), span);
        controls.setPadding(new Insets(8));

        RasterView grid = new RasterView(sweep.gridProperty(), 2,
                "waiting for a model and test images");
        grid.setId("sweep-grid");
        BorderPane.setMargin(grid, new Insets(8));

        HBox actions = new HBox(8, grid.exportButton("Export PNG", "Export the sweep grid as PNG", "sweep.png",
                sweep::exportPng), ExperimentControls.errorLabel(sweep.errorProperty()));
        actions.setPadding(new Insets(8));
        setTop(controls);
        setCenter(grid);
        setBottom(actions);
    }
}
