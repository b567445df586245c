package io.vaeexplorer.engine;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands for arithmetic that autograd will differentiate.
 *
 * <p>Why not DJL's {@code x.mul(0.5f)}: the PyTorch engine wraps the number in a 0-d tensor over a Java direct
 * buffer (no copy), runs the op and closes that tensor at once. Autograd still holds the tensor for backward, but
 * nothing in Java holds its buffer any more, so a garbage collection between forward and backward can free the
 * memory and malloc can hand it to something else: backward then multiplies by garbage. That corrupted about one
 * full training run in four, at a step that depended on GC timing. The scalar made here is attached to the
 * operand's manager and stays open, buffer and all, until that manager closes after the step.
 */
public final class GraphScalar {

    private GraphScalar() {
    }

    /** A 0-d array holding {@code value} on {@code like}'s manager, alive until that manager closes. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().create(value);
    }

    /** {@code x * value}, safe to differentiate. */
    public static NDArray times(NDArray x, float value) {
        return x.mul(of(x, value));
    }
}
