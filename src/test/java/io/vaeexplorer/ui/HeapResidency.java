package io.vaeexplorer.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the Java heap is resident, from /proc/self/smaps. The heap is reserved up front as one address range
 * of the maximum heap size and committed piece by piece; the collector touches committed pages only as it first
 * uses them, so resident memory minus the committed size would count that first touch as native growth.
 */
public final class HeapResidency {

    private HeapResidency() {
    }

    /** Resident MB of the adjoining mappings that together span exactly the maximum heap; -1 if none does. */
    public static double megabytes() {
        long maxKb = Runtime.getRuntime().maxMemory() / 1024;
        long groupEnd = -1;
        long groupKb = 0;
        long groupRssKb = 0;
        long heapRssKb = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0 && space > dash && line.substring(0, dash).matches("[0-9a-f]+")) {
                    long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                    long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                    if (start != groupEnd) {
                        heapRssKb = groupKb == maxKb ? groupRssKb : heapRssKb;
                        groupKb = 0;
                        groupRssKb = 0;
                    }
                    groupEnd = end;
                    groupKb += (end - start) / 1024;
                } else if (line.startsWith("Rss:")) {
                    groupRssKb += Long.parseLong(line.trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        heapRssKb = groupKb == maxKb ? groupRssKb : heapRssKb;
        return heapRssKb < 0 ? -1 : heapRssKb / 1024.0;
    }
}
