package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.ui.AppViewModel;
import io.vaeexplorer.ui.draw.DrawDigitView;
import io.vaeexplorer.ui.draw.DrawViewModel;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The experiments, one tab each, sharing one {@link ExperimentsViewModel} built on the explorer's model. Each tab
 * scrolls: below the window's lower part a view may need more room than it has (the draw tab's pad and buttons).
 */
public final class ExperimentsPane extends TabPane {

    private final ExperimentsViewModel experiments;
    private final EpsilonSweepView sweep;
    private final InterpolationView interpolation;
    private final SamplesView samples;
    private final ReconstructionsView reconstructions;
    private final DrawDigitView draw;

    public ExperimentsPane(AppViewModel model) {
        experiments = new ExperimentsViewModel(model);
        sweep = new EpsilonSweepView(experiments);
        interpolation = new InterpolationView(experiments);
        samples = new SamplesView(experiments);
        reconstructions = new ReconstructionsView(experiments);
        draw = new DrawDigitView(new DrawViewModel(model.workspace(), model.interactiveWorker(),
                model.plane().sketchPosteriorProperty(), model), pixels -> experiments.useDrawingAs(true, pixels),
                pixels -> experiments.useDrawingAs(false, pixels));
        getTabs().addAll(tab("Sweep", sweep), tab("Interpolation", interpolation), tab("Samples", samples),
                tab("Reconstructions", reconstructions), tab("Draw", draw));
        setId("experiments");
    }

    public ExperimentsViewModel experiments() {
        return experiments;
    }

    public EpsilonSweepView sweepView() {
        return sweep;
    }

    public InterpolationView interpolationView() {
        return interpolation;
    }

    public SamplesView samplesView() {
        return samples;
    }

    public DrawDigitView drawView() {
        return draw;
    }

    public ReconstructionsView reconstructionsView() {
        return reconstructions;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, scrolling(content));
        tab.setClosable(false);
        return tab;
    }

    /** The view in a scroll pane: filled while there is room, scrolling once its minimum size does not fit. */
    public static ScrollPane scrolling(javafx.scene.Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }
}
