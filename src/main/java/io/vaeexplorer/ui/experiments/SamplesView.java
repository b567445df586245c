package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.ui.fx.RasterView;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * What the generative model makes: decodes of prior samples z ~ N(0, I) beside decodes of samples from a mixture
 * fitted to the training codes, or, for a conditional model, by class (one row per class, each column one z decoded
 * as every class); and variants of one test image, decodes of z ~ q(z|x) next to the image they come from.
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
        ClassGridView byClass = new ClassGridView(samples.classGridProperty(), samples.classGridRowNames(),
                "waiting for the model");
        byClass.setId("samples-class-grid");
        Label byClassCaption = new Label("one row per class; each column is one z from the prior, drawn as every"
                + " class");
        byClassCaption.setWrapText(true);
        VBox byClassColumn = new VBox(4, byClassCaption, byClass);
        VBox.setVgrow(byClass, Priority.ALWAYS);
        StackPane shown = new StackPane(grids, byClassColumn);
        grids.visibleProperty().bind(samples.classGridShownProperty().not());
        byClassColumn.visibleProperty().bind(samples.classGridShownProperty());
        Button exportSamples = prior.exportButton("Export PNG", "Export the prior and mixture samples as PNG",
                "samples.png", samples::exportSamplesPng);
        Button exportByClass = byClass.raster().exportButton("Export PNG", "Export the samples by class as PNG",
                "samples-by-class.png", samples::exportClassGridPng);
        exportByClass.setId("samples-class-grid-export");
        showOnlyWhile(exportSamples, samples.classGridShownProperty().not());
        showOnlyWhile(exportByClass, samples.classGridShownProperty());
        Spinner<Integer> classColumns = ExperimentControls.intSpinner(samples.classColumnsProperty(),
                SamplesViewModel.MIN_CLASS_COLUMNS, SamplesViewModel.MAX_CLASS_COLUMNS);
        classColumns.setId("samples-class-columns");
        classColumns.setTooltip(new Tooltip("Latent vectors drawn from the prior, one per column"));
        HBox columnsControl = ExperimentControls.labelled("Columns", classColumns);
        showOnlyWhile(columnsControl, samples.classGridShownProperty());
        HBox countControl = ExperimentControls.labelled("Count", count);
        HBox componentsControl = ExperimentControls.labelled("Mixture components", components);
        showOnlyWhile(countControl, samples.classGridShownProperty().not());
        showOnlyWhile(componentsControl, samples.classGridShownProperty().not());
        VBox priorSection = section(new Label("Samples from the prior and from a mixture fitted to the codes"),
                new HBox(8, countControl, componentsControl, columnsControl, resample, byClassSwitch(samples)),
                shown, new HBox(8, exportSamples, exportByClass));

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

    /**
     * "By class", on only for a conditional model. A disabled control gets no mouse events, so the tooltip that says
     * why it is off sits on a plain label around it.
     */
    private static Label byClassSwitch(SamplesViewModel samples) {
        CheckBox byClass = new CheckBox("By class");
        byClass.setId("samples-by-class");
        byClass.selectedProperty().bindBidirectional(samples.byClassProperty());
        byClass.disableProperty().bind(samples.conditionalProperty().not());
        Tooltip why = new Tooltip();
        why.setWrapText(true);
        why.setMaxWidth(360);
        why.textProperty().bind(Bindings.when(samples.conditionalProperty())
                .then("Show the samples by class: each column is one z from the prior, decoded as every class the"
                        + " model knows")
                .otherwise(SamplesViewModel.PLAIN_MODEL_HAS_NO_CLASSES));
        Label holder = new Label(null, byClass);
        holder.setId("samples-by-class-holder");
        holder.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        holder.setTooltip(why);
        return holder;
    }

    private static void showOnlyWhile(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
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
