package io.vaeexplorer.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassNameCellTest {

    @Test
    void longClassNamesAreCutWithAnEllipsisAndShortOnesStayWhole() {
        assertEquals("square", ClassNameCell.shortened("square"));
        assertEquals("exactly-eighteen-c", ClassNameCell.shortened("exactly-eighteen-c"));
        String cut = ClassNameCell.shortened("a folder named after the whole afternoon");
        assertEquals(ClassNameCell.SHOWN_CHARS, cut.length());
        assertEquals("a folder named af\u2026", cut);
    }
}
