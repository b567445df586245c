package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlaneAxesTest {

    @Test
    void longClassNamesAreCutWithAnEllipsisAndShortOnesStayWhole() {
        assertEquals("square", PlaneAxes.shortened("square"));
        assertEquals("exactly-eighteen-c", PlaneAxes.shortened("exactly-eighteen-c"));
        String cut = PlaneAxes.shortened("a folder named after the whole afternoon");
        assertEquals(PlaneAxes.LEGEND_NAME_CHARS, cut.length());
        assertEquals("a folder named af\u2026", cut);
    }
}
