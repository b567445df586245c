package io.vaeexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which launches open the window on a data folder and which run the command line. */
class MainTest {

    @Test
    void onlyADataFolderAloneOpensTheWindowOnIt() {
        assertEquals("/pictures", Main.windowData(new String[] {"--data", "/pictures"}));
        assertEquals("/pictures", Main.windowData(new String[] {"--data=/pictures"}));
        assertNull(Main.windowData(new String[0]), "no arguments: the window on the remembered data");
        assertNull(Main.windowData(new String[] {"train", "--data", "/pictures"}), "a command runs the command line");
        assertNull(Main.windowData(new String[] {"--data", "/pictures", "--json"}));
        assertNull(Main.windowData(new String[] {"--help"}));
    }
}
