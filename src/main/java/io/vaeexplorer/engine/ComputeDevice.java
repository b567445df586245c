package io.vaeexplorer.engine;

import ai.djl.Device;

/**
 * Where tensors live, as the rest of the app names it: the CPU or one GPU. Callers outside the engine choose a
 * device through this type, so that only the engine speaks DJL's {@link Device}.
 *
 * @param gpu true for a CUDA device
 * @param id the GPU's index; 0 for the CPU
 */
public record ComputeDevice(boolean gpu, int id) {

    /** The CPU. */
    public static ComputeDevice cpu() {
        return new ComputeDevice(false, 0);
    }

    /** The first GPU when the engine reports one, otherwise the CPU. */
    public static ComputeDevice preferred() {
        return of(DjlRuntime.preferredDevice());
    }

    static ComputeDevice of(Device device) {
        return new ComputeDevice(device.isGpu(), device.isGpu() ? device.getDeviceId() : 0);
    }

    /** DJL's device for this choice; for engine code only. */
    public Device djl() {
        return gpu ? Device.gpu(id) : Device.cpu();
    }

    /** The device as a person reads it, e.g. "CPU (2 threads, PyTorch 2.5.1)". */
    public String describe() {
        return DjlRuntime.describe(djl());
    }

    /** The name DJL and the checkpoint files use, e.g. "cpu()" or "gpu(0)". */
    @Override
    public String toString() {
        return djl().toString();
    }
}
