package io.vaeexplorer.ui.workspace;

import io.vaeexplorer.explore.ClassesTold;
import io.vaeexplorer.explore.LatentModel;

/**
 * The class a conditional model decodes at, as it was chosen when a job was prepared on the FX thread. The job runs
 * later on an inference worker, whose model may be another one by then: a plain model ignores the class, and one
 * that lacks it decodes at class 0.
 *
 * @param label the chosen class, 0 or more
 */
public record ChosenClass(int label) {

    public ChosenClass {
        if (label < 0) {
            throw new IllegalArgumentException("a class is 0 or more, got " + label);
        }
    }

    /** The model decoding (and encoding) every vector at this class; a plain model as it is. */
    public LatentModel of(LatentModel model) {
        return model.conditionClasses() == 0 ? model : model.atClass(within(model));
    }

    /**
     * The model encoding images told their own classes and decoding every vector at this class, so that a test
     * image's style is drawn as the chosen class; a plain model as it is.
     *
     * @param imageClasses the class of each image the model will encode, in order
     */
    public LatentModel restyle(LatentModel model, int... imageClasses) {
        return ClassesTold.restyled(model, imageClasses, within(model));
    }

    /** This class where the model knows it, else 0. */
    public int within(LatentModel model) {
        return label < model.conditionClasses() ? label : 0;
    }
}
