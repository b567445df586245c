package io.vaeexplorer.concurrent;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.ThreadFactory;

/**
 * Lowers the CPU priority (the Linux nice value) of the calling thread, so that a long computation gives way to
 * the window's threads whenever they have work. Java's {@code Thread.setPriority} does nothing on Linux unless the
 * whole JVM runs with {@code -XX:ThreadPriorityPolicy=1}, which also raises the JIT and GC threads above the
 * window; a direct {@code setpriority} call changes this one thread only. On Linux the nice value is per thread
 * and inherited by threads created later, so PyTorch's OpenMP workers, started by the training thread's first
 * parallel op, share it. Elsewhere this is a no-op.
 */
public final class ThreadPriority {

    /**
     * The nice value of background computation (training, scoring, re-encoding). Against the window's threads at
     * 0 it gets about a tenth of a contended core (CFS weights 110 against 1024), so the window's short bursts
     * run at once; with nothing else runnable it runs at full speed.
     */
    public static final int BACKGROUND_NICE = 10;

    private static final int PRIO_PROCESS = 0;

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);

        int getpriority(int which, int who);
    }

    private static final LibC LIBC = load();

    private ThreadPriority() {
    }

    private static LibC load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Sets the calling thread's nice value to at least {@code nice} (0-19; higher yields more). An unprivileged
     * process may raise its nice value but never lower it again, so call this only on a thread that ends with its
     * work. Returns whether the thread now runs at that value.
     */
    public static boolean yieldToInteractiveThreads(int nice) {
        if (LIBC == null) {
            return false;
        }
        // who = 0 is the calling thread: Linux keeps the nice value per thread (see setpriority(2), BUGS)
        int current = LIBC.getpriority(PRIO_PROCESS, 0);
        if (current >= nice) {
            return true;
        }
        return LIBC.setpriority(PRIO_PROCESS, 0, nice) == 0;
    }

    /**
     * A factory of daemon threads named {@code name} that lower their own priority to {@link #BACKGROUND_NICE}
     * before their first task (for background executors: scoring, comparisons).
     */
    public static ThreadFactory backgroundDaemons(String name) {
        return task -> {
            Thread t = new Thread(() -> {
                yieldToInteractiveThreads(BACKGROUND_NICE);
                task.run();
            }, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The calling thread's nice value, or 0 where it cannot be read (not Linux). */
    public static int niceOfThisThread() {
        return LIBC == null ? 0 : LIBC.getpriority(PRIO_PROCESS, 0);
    }
}
