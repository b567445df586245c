package io.vaeexplorer.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassColorsTest {

    @Test
    void theTenDigitsKeepTheTutorialsPaletteAndEveryClassOfAPictureFolderGetsItsOwnColour() {
        assertEquals(0xff1f77b4, ClassColors.argb(0));
        assertEquals(0xff17becf, ClassColors.argb(9));
        Set<Integer> seen = new HashSet<>();
        for (int label = 0; label < 128; label++) {
            assertTrue(seen.add(ClassColors.argb(label)), "label " + label + " repeats a colour");
            assertEquals(ClassColors.argb(label), ClassColors.argbByLabelByte()[label]);
        }
    }

    @Test
    void neighbouringLabelsBeyondTenAreFarApart() {
        for (int label = 10; label < 127; label++) {
            int a = ClassColors.argb(label);
            int b = ClassColors.argb(label + 1);
            int distance = Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                    + Math.abs((a & 0xff) - (b & 0xff));
            assertTrue(distance > 60, "labels " + label + " and " + (label + 1) + " look alike: " + distance);
        }
    }
}
