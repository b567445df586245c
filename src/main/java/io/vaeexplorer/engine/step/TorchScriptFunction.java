package io.vaeexplorer.engine.step;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A TorchScript function shipped as a class-path resource, with the state it owns: a sub-manager for its arrays
 * and the TorchScript values built once and passed on every call. DJL runs it with gradient recording off.
 * Owned by one thread.
 */
final class TorchScriptFunction implements AutoCloseable {

    private final NDManager arrays;
    private final PtSymbolBlock function;
    private final List<IValue> kept = new ArrayList<>();

    /**
     * @param parent the manager whose device the function and its arrays use (the PyTorch engine's)
     * @param resource the archive's name, next to this class
     */
    TorchScriptFunction(NDManager parent, String resource) throws IOException {
        if (!(parent instanceof PtNDManager)) {
            throw new IllegalStateException(resource + " needs the PyTorch engine");
        }
        arrays = parent.newSubManager();
        try (InputStream in = TorchScriptFunction.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the class path");
            }
            function = JniUtils.loadModule((PtNDManager) arrays, in, true, false);
        } catch (IOException | RuntimeException e) {
            arrays.close();
            throw e;
        }
    }

    /** The manager for the function's own arrays, closed with it. */
    NDManager arrays() {
        return arrays;
    }

    /** Keeps a value for every call; it is closed with the function. */
    IValue keep(IValue value) {
        kept.add(value);
        return value;
    }

    /** Runs the function; the caller closes the result. */
    IValue call(IValue... arguments) {
        return function.forward(arguments);
    }

    @Override
    public void close() {
        for (IValue value : kept) {
            value.close();
        }
        function.close();
        arrays.close();
    }
}
