package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.ui.draw.DrawDigitView;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The experiments, one tab each, built from their view-models. Each tab scrolls: below the window's lower part a
 * view may need more room than it has (the draw tab's pad and buttons).
 */
public final class ExperimentsPane extends TabPane {

    private final ExperimentsViewModel experiments;

    public ExperimentsPane(ExperimentsViewModel experiments) {
        this.experiments = experiments;
        Tab samples = tab("Samples", new SamplesView(experiments.samples()));
        experiments.samples().mixtureShownProperty().bind(samples.selectedProperty());
        getTabs().addAll(tab("Sweep", new EpsilonSweepView(experiments.sweep())),
                tab("Interpolation", new InterpolationView(experiments.interpolation())),
                samples,
                tab("Reconstructions", new ReconstructionsView(experiments.reconstructions())),
                tab("Draw", new DrawDigitView(experiments.draw())));
        setId("experiments");
    }

    public ExperimentsViewModel experiments() {
        return experiments;
    }

    private static Tab tab(String title, Node content) {
        Tab tab = new Tab(title, scrolling(content));
        tab.setClosable(false);
        return tab;
    }

    /** The view in a scroll pane: filled while there is room, scrolling once its minimum size does not fit. */
    public static ScrollPane scrolling(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }
}
