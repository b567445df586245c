package io.vaeexplorer.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassNamesTest {

    @Test
    void longClassNamesAreCutWithAnEllipsisAndShortOnesStayWhole() {
        assertEquals("square", ClassNames.shortened("square"));
        assertEquals("exactly-eighteen-c", ClassNames.shortened("exactly-eighteen-c"));
        String cut = ClassNames.shortened("a folder named after the whole afternoon");
        assertEquals(ClassNames.SHOWN_CHARS, cut.length());
        assertEquals("a folder named af\u2026", cut);
    }
}
