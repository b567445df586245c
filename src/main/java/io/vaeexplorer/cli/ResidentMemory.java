package io.vaeexplorer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process (native memory included), read from /proc; -1 where there is no /proc. */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** This process's resident memory now, in MB. */
    public static double megabytes() {
        return read(Path.of("/proc/self/status"), "VmRSS:");
    }

    /** The most this process has held resident since it started (the kernel's high-water mark), in MB. */
    public static double peakMegabytes() {
        return read(Path.of("/proc/self/status"), "VmHWM:");
    }

    /** Another process's resident high-water mark in MB; -1 once it has ended or where there is no /proc. */
    public static double peakMegabytes(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    private static double read(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
