package io.vaeexplorer.explore;

import java.util.Arrays;

/**
 * A conditional model seen at one class: its plain decode and encode give every vector or image that class, so
 * that the recipes written for plain models (the manifold, sweeps, interpolation) show one class's styles.
 */
record ClassConditionedModel(LatentModel model, int label) implements LatentModel {

    ClassConditionedModel {
        if (label < 0 || label >= model.conditionClasses()) {
            throw new IllegalArgumentException("class " + label + " is outside 0.." + (model.conditionClasses() - 1));
        }
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
    public float[] decode(float[] z, int count) {
        return model.decode(z, sameClass(count), count);
    }

    @Override
    public float[][] encode(float[] images, int count) {
        return model.encode(images, sameClass(count), count);
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
    public LatentModel atClass(int other) {
        return model.atClass(other);
    }

    private int[] sameClass(int count) {
        int[] classes = new int[count];
        Arrays.fill(classes, label);
        return classes;
    }
}
