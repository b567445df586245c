package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * A conditional model told the classes of the images it encodes, so that the recipes written for plain models
 * (reconstructions, sweeps, variants, interpolation) encode each image as what it is. What it decodes at is either
 * each image's own class (a reconstruction) or one class for every vector: an image's style, its code, drawn as
 * that class. Seen at one class ({@link LatentModel#atClass}), it encodes every image at that class too, so that
 * the recipes show that class's styles.
 */
public final class ClassesTold implements LatentModel {

    private final LatentModel model;
    /** The classes of the images it encodes; null: every image at {@link #decodeClass}. */
    private final int[] imageClasses;
    /** The class every vector is decoded at; -1 for each at its image's class. */
    private final int decodeClass;

    private ClassesTold(LatentModel model, int[] imageClasses, int decodeClass) {
        this.model = model;
        this.imageClasses = imageClasses == null ? null : imageClasses.clone();
        this.decodeClass = decodeClass;
        if (this.imageClasses != null) {
            for (int c : this.imageClasses) {
                check(c);
            }
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

    /** A conditional model encoding and decoding everything at {@code label} (what {@link LatentModel#atClass} gives). */
    static LatentModel atOneClass(LatentModel model, int label) {
        return new ClassesTold(model, null, label);
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
        return model.decode(z, decodeClass == -1 ? told(count) : all(decodeClass, count), count);
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
        if (imageClasses == null) {
            return all(decodeClass, count);
        }
        if (count != imageClasses.length) {
            throw new IllegalArgumentException("told the classes of " + imageClasses.length + " images, asked for "
                    + count);
        }
        return imageClasses;
    }

    private static int[] all(int label, int count) {
        int[] classes = new int[count];
        Arrays.fill(classes, label);
        return classes;
    }

    private void check(int label) {
        if (label < 0 || label >= model.conditionClasses()) {
            throw new IllegalArgumentException("class " + label + " is outside 0.." + (model.conditionClasses() - 1));
        }
    }
}
