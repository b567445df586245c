package io.vaeexplorer.engine.step;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vaeexplorer.engine.DjlRuntime;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TorchScriptFunctionTest {

    @Test
    void aMissingResourceIsNamedInTheError() {
        DjlRuntime.engine();
        try (NDManager parent = NDManager.newBaseManager(Device.cpu())) {
            IOException e = assertThrows(IOException.class, () -> new TorchScriptFunction(parent, "no_such_step.pt"));
            assertTrue(e.getMessage().contains("no_such_step.pt is missing"), e.getMessage());
        }
    }

    @Test
    void closingTheFunctionClosesItsArrays() throws IOException {
        DjlRuntime.engine();
        try (NDManager parent = NDManager.newBaseManager(Device.cpu())) {
            TorchScriptFunction function = new TorchScriptFunction(parent, ScriptedMlpStep.RESOURCE);
            NDManager arrays = function.arrays();
            arrays.zeros(new Shape(3));
            assertTrue(arrays.isOpen());
            function.close();
            assertFalse(arrays.isOpen(), "the function's manager is closed with it");
        }
    }
}
