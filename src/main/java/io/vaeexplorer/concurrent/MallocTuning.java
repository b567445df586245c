package io.vaeexplorer.concurrent;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * glibc malloc settings that keep libtorch's temporaries, a few megabytes each and freed after every op, inside the
 * process's heap: by default glibc maps each of them from the kernel and unmaps it again, and a training step then
 * spends much of its time in page faults. The app applies them to itself at start-up with {@code mallopt}, so that
 * {@code java -jar}, an IDE and the packaged launcher train as fast as {@code run.sh}; a setting already given in
 * the environment (glibc reads {@code MALLOC_*_} at start-up) is left as it is.
 */
public final class MallocTuning {

    /** Allocations from 32 MB up still come straight from the kernel; smaller ones stay in the heap. */
    static final int MMAP_THRESHOLD = 32 << 20;
    /** Freed memory at the top of the heap is kept up to this (the largest value mallopt takes). */
    static final int TRIM_THRESHOLD = Integer.MAX_VALUE;
    /** The heap grows 256 MB at a time, so that it is not extended for every step's temporaries. */
    static final int TOP_PAD = 256 << 20;

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    /** {@code -Dvae.malloc=glibc} leaves glibc's own settings, to measure what these change. */
    public static final String PROPERTY = "vae.malloc";
    static final String GLIBC_DEFAULTS = "glibc";

    private MallocTuning() {
    }

    /** The settings as environment variables, for a child process such as a PyTorch reference run. */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MALLOC_MMAP_THRESHOLD_", Integer.toString(MMAP_THRESHOLD));
        env.put("MALLOC_TRIM_THRESHOLD_", Integer.toString(TRIM_THRESHOLD));
        env.put("MALLOC_TOP_PAD_", Integer.toString(TOP_PAD));
        return env;
    }

    /**
     * Applies each setting the environment does not give. Returns how many were applied (0 off glibc, where
     * mallopt is missing or means something else).
     */
    public static int apply() {
        if (!Platform.isLinux() || GLIBC_DEFAULTS.equals(System.getProperty(PROPERTY))) {
            return 0;
        }
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return 0;
        }
        int applied = 0;
        applied += set(libc, "MALLOC_MMAP_THRESHOLD_", M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        applied += set(libc, "MALLOC_TRIM_THRESHOLD_", M_TRIM_THRESHOLD, TRIM_THRESHOLD);
        applied += set(libc, "MALLOC_TOP_PAD_", M_TOP_PAD, TOP_PAD);
        return applied;
    }

    private static int set(LibC libc, String variable, int param, int value) {
        if (System.getenv(variable) != null) {
            return 0;
        }
        try {
            return libc.mallopt(param, value) == 1 ? 1 : 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return 0;
        }
    }
}
