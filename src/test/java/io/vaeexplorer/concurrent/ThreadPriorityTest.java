package io.vaeexplorer.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import com.sun.jna.Platform;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.TrainingConfig;
import io.vaeexplorer.data.Dataset;
import io.vaeexplorer.data.SmallMnist;
import io.vaeexplorer.training.TrainingEvent;
import io.vaeexplorer.training.TrainingRequest;
import io.vaeexplorer.training.TrainingService;
import io.vaeexplorer.training.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreadPriorityTest {

    @BeforeEach
    void linuxOnly() {
        assumeTrue(Platform.isLinux(), "nice values per thread are a Linux feature");
    }

    @Test
    void lowersOnlyTheCallingThreadAndThreadsItStartsLater() throws Exception {
        int before = ThreadPriority.niceOfThisThread();
        AtomicInteger lowered = new AtomicInteger(-100);
        AtomicInteger child = new AtomicInteger(-100);
        Thread t = new Thread(() -> {
            assertTrue(ThreadPriority.yieldToInteractiveThreads(ThreadPriority.BACKGROUND_NICE));
            lowered.set(ThreadPriority.niceOfThisThread());
            // like PyTorch's OpenMP workers, a thread started afterwards inherits the value
            Thread grandChild = new Thread(() -> child.set(ThreadPriority.niceOfThisThread()));
            grandChild.start();
            try {
                grandChild.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join();
        assertEquals(Math.max(before, ThreadPriority.BACKGROUND_NICE), lowered.get());
        assertEquals(lowered.get(), child.get());
        assertEquals(before, ThreadPriority.niceOfThisThread(), "the caller of start() keeps its priority");
    }

    @Test
    void aTrainingRunYieldsToTheWindowWhileItTrains() throws Exception {
        Dataset data = SmallMnist.slice(2000, 200);
        TrainingService service = new TrainingService(new TrainingRequest(data, ModelConfig.mlp(2, List.of(32)),
                new TrainingConfig(50, 64, 1e-3f, 1, 0), null, 0));
        // the training thread waits in its first step's event until its nice value has been read: it is training
        // then, however fast the run would otherwise end
        CountDownLatch training = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        service.addListener(e -> {
            if (e instanceof TrainingEvent.Step s && s.step() == 1) {
                training.countDown();
                try {
                    read.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        service.start();
        try {
            assertTrue(training.await(60, TimeUnit.SECONDS));
            assertEquals(TrainingState.RUNNING, service.state());
            assertEquals(ThreadPriority.BACKGROUND_NICE, niceOfThread("vae-training"),
                    "the training thread's nice value");
        } finally {
            read.countDown();
            service.cancel();
            assertTrue(service.await(30, TimeUnit.SECONDS));
        }
    }

    /** The nice value of this process's thread of that name, from /proc (field 19 of stat), or null. */
    private static Integer niceOfThread(String name) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).trim().equals(name)) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // fields after the command (which may hold spaces) start after the last ')'
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    return Integer.parseInt(fields[16]); // field 19 overall: nice
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return null;
    }
}
