package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.ui.fx.RasterView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What the generative model makes: decodes of prior samples z ~ N(0, I) beside decodes of samples from a mixture
 * fitted to the training codes, and variants of one test image, decodes of z ~ q(z|x) next to the image they come
 * from.
 */
public final class SamplesView extends HBox {

    public SamplesView(SamplesViewModel samples) {
        Spinner<Integer> count = ExperimentControls.intSpinner(samples.sampleCountProperty(), 1, 256);
        count.setId("samples-count");
        Spinner<Integer> components = ExperimentControls.intSpinner(samples.mixtureComponentsProperty(),
                SamplesViewModel.MIN_COMPONENTS, SamplesViewModel.MAX_COMPONENTS);
        components.setId("samples-components");
        components.setTooltip(new Tooltip("K, the number of Gaussians fitted to the codes of the training images"));
        Button resample = new Button("Resample");
        resample.setId("samples-resample");
        resample.setOnAction(e -> samples.resample());
        RasterView prior = new RasterView(samples.priorSamplesProperty(), 2,
                "waiting for a model");
        prior.setId("samples-grid");
        Label priorCaption = new Label(SamplesViewModel.PRIOR_CAPTION);
        priorCaption.setId("samples-prior-caption");
        RasterView mixture = new RasterView(samples.mixtureSamplesProperty(), 2,
                "waiting for a model and training images");
        mixture.setId("samples-mixture-grid");
        Label mixtureCaption = new Label();
        mixtureCaption.setId("samples-mixture-caption");
        mixtureCaption.textProperty().bind(samples.mixtureCaptionProperty());
        VBox priorColumn = captioned(priorCaption, prior);
        VBox mixtureColumn = captioned(mixtureCaption, mixture);
        HBox grids = new HBox(8, priorColumn, mixtureColumn);
        HBox.setHgrow(priorColumn, Priority.ALWAYS);
        HBox.setHgrow(mixtureColumn, Priority.ALWAYS);
        VBox priorSection = section(new Label("Samples from the prior and from a mixture fitted to the codes"),
                new HBox(8, ExperimentControls.labelled("Count", count),
                        ExperimentControls.labelled("Mixture components", components), resample), grids,
                new HBox(8, prior.exportButton("Export PNG", "Export the prior and mixture samples as PNG",
                        "samples.png", samples::exportSamplesPng)));

        ComboBox<String> sourceClass = ExperimentControls.classSelector(samples.classNames(),
                samples.variantsClassProperty());
        sourceClass.setId("variants-digit");
        Button next = new Button("Next source image");
        next.setId("variants-next");
        next.setOnAction(e -> samples.nextVariantSource());
        Label source = new Label();
        source.textProperty().bind(samples.variantsSourceProperty().asString("source: test image #%d"));
        RasterView variants = new RasterView(samples.variantsProperty(), 2,
                "waiting for a model");
        variants.setId("variants-grid");
        Label variantsTitle = new Label();
        variantsTitle.textProperty().bind(Bindings.concat("Variants of one ", samples.imageWordProperty(),
                ": z ~ q(z|x)"));
        variantsTitle.setId("variants-title");
        VBox posteriorSection = section(variantsTitle,
                new HBox(8, ExperimentControls.labelled(ExperimentControls.capitalised(samples.classWordProperty()),
                        sourceClass), next, source), variants,
                new HBox(8, variants.exportButton("Export PNG", "Export the variants as PNG",
                        "variants.png", samples::exportVariantsPng),
                        ExperimentControls.errorLabel(samples.errorProperty())));

        getChildren().addAll(priorSection, posteriorSection);
        setSpacing(12);
        setPadding(new Insets(8));
        HBox.setHgrow(priorSection, Priority.ALWAYS);
        HBox.setHgrow(posteriorSection, Priority.ALWAYS);
    }

    private static VBox section(Label title, HBox controls, Node content, HBox actions) {
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, title, controls, content, actions);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static VBox captioned(Label caption, RasterView raster) {
        VBox box = new VBox(4, caption, raster);
        VBox.setVgrow(raster, Priority.ALWAYS);
        return box;
    }
}
