package io.vaeexplorer.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import io.vaeexplorer.model.DjlRuntime;

/**
 * Whether libtorch's convolution backward-data is right on this CPU for the conv decoder's last layer as DJL's ops
 * run it (3x3, padding 1, a single output channel). On some CPUs its oneDNN kernel reads memory it never wrote when
 * a layer has fewer output channels than a vector holds, and the input gradient comes back wrong or NaN; the
 * scripted step avoids that kernel, DJL's autograd cannot. Checked against the exact gradient: with the loss
 * c * sum(y), every input pixel away from the border gets c times the sum of the kernel's taps of its channel.
 */
final class OneDnnBackwardData {

    private OneDnnBackwardData() {
    }

    static boolean exactForOneOutputChannel() {
        DjlRuntime.configure();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(128, 16, 28, 28));
            NDArray w = m.randomNormal(new Shape(1, 16, 3, 3)).mul(0.1f);
            NDArray b = m.zeros(new Shape(1));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                        .singletonOrThrow();
                gc.backward(y.sum().mul(1.5f));
            }
            float[] dx = x.getGradient().get("0, :, 1:27, 1:27").toType(DataType.FLOAT32, false).toFloatArray();
            float[] taps = w.sum(new int[] {0, 2, 3}).mul(1.5f).toFloatArray();
            int inner = 26 * 26;
            for (int c = 0; c < 16; c++) {
                for (int i = 0; i < inner; i++) {
                    float got = dx[c * inner + i];
                    if (!(Math.abs(got - taps[c]) <= 1e-4 * (1 + Math.abs(taps[c])))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
