package io.vaeexplorer.ui.experiments;

import java.nio.file.Path;
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

    private final ExperimentRasterView samples;
    private final ExperimentRasterView variants;

    public SamplesView(ExperimentsViewModel experiments) {
        Spinner<Integer> count = ExperimentControls.intSpinner(experiments.sampleCountProperty(), 1, 256);
        count.setId("samples-count");
        Button resample = new Button("Resample");
        resample.setId("samples-resample");
        resample.setOnAction(e -> experiments.resample());
        samples = new ExperimentRasterView(experiments.priorSamplesProperty(), 2, "waiting for a model");
        samples.setId("samples-grid");
        VBox prior = section("Samples from the prior N(0, I)",
                new HBox(8, ExperimentControls.labelled("Count", count), resample), samples,
                new HBox(8, samples.exportButton("Export PNG", "Export the prior samples as PNG",
                        "prior-samples.png")));

        ComboBox<String> digit = ExperimentControls.digitSelector(experiments.explorer().workspace().classNames(),
                experiments.variantsDigitProperty());
        digit.setId("variants-digit");
        Button next = new Button("Next source image");
        next.setId("variants-next");
        next.setOnAction(e -> experiments.nextVariantSource());
        Label source = new Label();
        source.textProperty().bind(experiments.variantsSourceProperty().asString("source: test image #%d"));
        variants = new ExperimentRasterView(experiments.variantsProperty(), 2, "waiting for a model");
        variants.setId("variants-grid");
        VBox posterior = section("Variants of a digit: z ~ q(z|x)",
                new HBox(8, ExperimentControls.labelled("Digit", digit), next, source), variants,
                new HBox(8, variants.exportButton("Export PNG", "Export the digit's variants as PNG",
                        "variants.png"),
                        ExperimentControls.errorLabel(experiments)));

        getChildren().addAll(prior, posterior);
        setSpacing(12);
        setPadding(new Insets(8));
        HBox.setHgrow(prior, Priority.ALWAYS);
        HBox.setHgrow(posterior, Priority.ALWAYS);
    }

    /** Writes the prior samples as a PNG of the raster's own size. */
    public Path exportPng(Path file) {
        return samples.exportPng(file);
    }

    /** Writes the variants (source image first). */
    public Path exportVariantsPng(Path file) {
        return variants.exportPng(file);
    }

    private static VBox section(String title, HBox controls, ExperimentRasterView raster, HBox actions) {
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, new Label(title), controls, raster, actions);
        VBox.setVgrow(raster, Priority.ALWAYS);
        return box;
    }
}
