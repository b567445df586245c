package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.ui.fx.RasterView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What the generative model makes: decodes of prior samples z ~ N(0, I), and variants of one test digit, decodes
 * of z ~ q(z|x) next to the image they come from.
 */
public final class SamplesView extends HBox {

    public SamplesView(SamplesViewModel samples) {
        Spinner<Integer> count = ExperimentControls.intSpinner(samples.sampleCountProperty(), 1, 256);
        count.setId("samples-count");
        Button resample = new Button("Resample");
        resample.setId("samples-resample");
        resample.setOnAction(e -> samples.resample());
        RasterView prior = new RasterView(samples.priorSamplesProperty(), 2,
                "waiting for a model");
        prior.setId("samples-grid");
        VBox priorSection = section("Samples from the prior N(0, I)",
                new HBox(8, ExperimentControls.labelled("Count", count), resample), prior,
                new HBox(8, prior.exportButton("Export PNG", "Export the prior samples as PNG",
                        "prior-samples.png", samples::exportSamplesPng)));

        ComboBox<String> digit = ExperimentControls.digitSelector(samples.classNames(),
                samples.variantsDigitProperty());
        digit.setId("variants-digit");
        Button next = new Button("Next source image");
        next.setId("variants-next");
        next.setOnAction(e -> samples.nextVariantSource());
        Label source = new Label();
        source.textProperty().bind(samples.variantsSourceProperty().asString("source: test image #%d"));
        RasterView variants = new RasterView(samples.variantsProperty(), 2,
                "waiting for a model");
        variants.setId("variants-grid");
        VBox posteriorSection = section("Variants of a digit: z ~ q(z|x)",
                new HBox(8, ExperimentControls.labelled("Digit", digit), next, source), variants,
                new HBox(8, variants.exportButton("Export PNG", "Export the digit's variants as PNG",
                        "variants.png", samples::exportVariantsPng),
                        ExperimentControls.errorLabel(samples.errorProperty())));

        getChildren().addAll(priorSection, posteriorSection);
        setSpacing(12);
        setPadding(new Insets(8));
        HBox.setHgrow(priorSection, Priority.ALWAYS);
        HBox.setHgrow(posteriorSection, Priority.ALWAYS);
    }

    private static VBox section(String title, HBox controls, RasterView raster, HBox actions) {
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, new Label(title), controls, raster, actions);
        VBox.setVgrow(raster, Priority.ALWAYS);
        return box;
    }
}
