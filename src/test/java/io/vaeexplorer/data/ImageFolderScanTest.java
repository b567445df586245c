package io.vaeexplorer.data;

import static io.vaeexplorer.data.PictureFiles.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderScanTest {

    @TempDir
    Path root;

    private static List<String> paths(ImageFolderScan scan) {
        return scan.found.stream().map(ImageFolderScan.Found::relativePath).toList();
    }

    @Test
    void findsEveryFileOfLargeAndNestedFoldersInPathOrderWithItsSizeAndTime() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 700; i++) { // several chunks of one folder's entries
            String name = String.format("big/%04d.png", i);
            writeBytes(root.resolve(name), new byte[i % 7 + 1]);
            expected.add(name);
        }
        writeBytes(root.resolve("small/deeper/still/a.png"), new byte[3]);
        expected.add("small/deeper/still/a.png");
        writeBytes(root.resolve("small/b.jpg"), new byte[5]);
        expected.add("small/b.jpg");
        expected.sort(null);
        ImageFolderScan scan = ImageFolderScan.scan(root);
        assertTrue(expected.equals(paths(scan)), "every file once, in path order");
        for (ImageFolderScan.Found f : scan.found) {
            assertEquals(Files.size(f.file()), f.size());
            assertEquals(Files.getLastModifiedTime(f.file()).toMillis(), f.modifiedMillis());
            assertEquals(root.resolve(f.relativePath()), f.file());
        }
        assertEquals(List.of("big", "small"), scan.classNames);
        assertEquals(702, scan.entries.size());
        assertEquals(1, scan.entries.get(701).label(), "a picture deeper down belongs to its first-level folder");
    }

    @Test
    void namesStartingWithADotAndLinksAreLeftOut() throws Exception {
        writeBytes(root.resolve("cats/a.png"), new byte[1]);
        writeBytes(root.resolve("cats/.DS_Store"), new byte[1]);
        writeBytes(root.resolve(".thumbnails/cats/b.png"), new byte[1]);
        writeBytes(root.resolve("dogs/.hidden/c.png"), new byte[1]);
        writeBytes(root.resolve("dogs/d.png"), new byte[1]);
        Path outside = writeBytes(root.resolve("../outside-" + root.getFileName() + ".png"), new byte[1]);
        try {
            Files.createSymbolicLink(root.resolve("dogs/link.png"), outside);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            // no links on this file system: the rest still holds
        }
        ImageFolderScan scan = ImageFolderScan.scan(root);
        assertEquals(List.of("cats/a.png", "dogs/d.png"), paths(scan));
        assertTrue(scan.ignored.isEmpty(), scan.ignored.toString());
        Files.delete(outside);
    }
}
