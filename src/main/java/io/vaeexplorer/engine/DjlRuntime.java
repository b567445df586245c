package io.vaeexplorer.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;

/**
 * One place that prepares DJL before its engine loads: offline mode (the PyTorch native library comes from
 * the Maven-resolved jar, never from the network), thread counts, quiet logging, and device choice.
 */
public final class DjlRuntime {

    private static volatile boolean configured;

    private DjlRuntime() {
    }

    /** Sets DJL's system properties unless the user set them already. Idempotent; call before any DJL use. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        // one inter-op thread: the model is a chain of ops, extra threads only contend for the two cores
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        // machines with a CUDA toolkit but no driver warn twice at start-up; the CPU path is chosen anyway
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "warn");
        configured = true;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The PyTorch engine, loaded offline; a clear message if its native library is missing. */
    public static Engine engine() {
        configure();
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException("the PyTorch engine could not be loaded offline (is the "
                    + "pytorch-native jar on the class path?): " + e.getMessage(), e);
        }
    }

    /** The first GPU when the engine reports one, otherwise the CPU. */
    public static Device preferredDevice() {
        Engine engine = engine();
        return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /**
     * Turns autograd recording off for the calling thread. PyTorch keeps this flag per thread and DJL only
     * clears it on the thread that loaded the engine, so every inference or evaluation thread calls this
     * first; otherwise each forward pass would build a graph nobody uses.
     */
    public static void disableGradientsOnThisThread() {
        engine();
        JniUtils.setGradMode(false);
    }

    /** A device as a person reads it, e.g. "CPU (2 threads)" or "GPU 0 (CUDA)". */
    public static String describe(Device device) {
        if (device.isGpu()) {
            return "GPU " + device.getDeviceId() + " (CUDA, PyTorch " + engine().getVersion() + ")";
        }
        return "CPU (" + System.getProperty("ai.djl.pytorch.num_threads") + " threads, PyTorch "
                + engine().getVersion() + ")";
    }
}
