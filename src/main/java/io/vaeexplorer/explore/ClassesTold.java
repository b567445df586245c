package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * A conditional model told the classes of the images it encodes, so that the recipes written for plain models
 * (reconstructions, sweeps, variants, interpolation) encode each image as what it is. What it decodes at is either
 * each image's own class (a reconstruction) or one class for every vector: an image's style, its code, drawn as
 * that class.
 */
public final class ClassesTold implements LatentModel {

    private final LatentModel model;
    private final int[] imageClasses;
    /** The class every vector is decoded at; -1 for each at its image's class. */
    private final int decodeClass;

    private ClassesTold(LatentModel model, int[] imageClasses, int decodeClass) {
        this.model = model;
        this.imageClasses = imageClasses.clone();
        this.decodeClass = decodeClass;
        for (int c : this.imageClasses) {
            check(c);
        }
        if (decodeClass != -1) {
            check(decodeClass);
        }
    }

    /**
     * The model encoding and decoding each of {@code imageClasses.length} images at its own class; a plain model as
     * it is.
     */
    public static LatentModel ownClasses(LatentModel model, int[] imageClasses) {
        return model.conditionClasses() == 0 ? model : new ClassesTold(model, imageClasses, -1);
    }

    /**
     * The model encoding each of {@code imageClasses.length} images at its own class and decoding every vector at
     * {@code decodeClass}; a plain model as it is.
     */
    public static LatentModel restyled(LatentModel model, int[] imageClasses, int decodeClass) {
        return model.conditionClasses() == 0 ? model : new ClassesTold(model, imageClasses, decodeClass);
    }

    @Override
    public int latent() {
        return model.latent();
    }

    @Override
    public int rows() {
        return model.rows();
    }

    @Override
    public int cols() {
        return model.cols();
    }

    @Override
    public int channels() {
        return model.channels();
    }

    @Override
    public int conditionClasses() {
        return model.conditionClasses();
    }

    @Override
    public float[][] encode(float[] images, int count) {
        return model.encode(images, told(count), count);
    }

    @Override
    public float[] decode(float[] z, int count) {
        if (decodeClass == -1) {
            return model.decode(z, told(count), count);
        }
        int[] classes = new int[count];
        Arrays.fill(classes, decodeClass);
        return model.decode(z, classes, count);
    }

    @Override
    public float[] decode(float[] z, int[] classes, int count) {
        return model.decode(z, classes, count);
    }

    @Override
    public float[][] encode(float[] images, int[] classes, int count) {
        return model.encode(images, classes, count);
    }

    @Override
    public LatentModel atClass(int label) {
        return model.atClass(label);
    }

    private int[] told(int count) {
        if (count != imageClasses.length) {
            throw new IllegalArgumentException("told the classes of " + imageClasses.length + " images, asked for "
                    + count);
        }
        return imageClasses;
    }

    private void check(int label) {
        if (label < 0 || label >= model.conditionClasses()) {
            throw new IllegalArgumentException("class " + label + " is outside 0.." + (model.conditionClasses() - 1));
        }
    }
}
