package io.vaeexplorer.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.core.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

    @Test
    void theValueComesBackThroughTheCallbackExecutorAndNotOnTheWorkersThread() throws Exception {
        List<Runnable> callbackQueue = new ArrayList<>();
        Executor queued = callbackQueue::add;
        CountDownLatch done = new CountDownLatch(1);
        Thread[] workThread = new Thread[1];
        List<String> seen = new ArrayList<>();
        try (TaskExecutor tasks = TaskExecutor.singleThread("test-background", queued)) {
            BackgroundTask.wrap(() -> {
                workThread[0] = Thread.currentThread();
                return "42";
            }).onSuccess(seen::add).onFinished(done::countDown).executeWith(tasks);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (callbackQueue.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertTrue(seen.isEmpty(), "nothing is delivered until the callback executor runs it");
            callbackQueue.forEach(Runnable::run);
        }
        assertEquals(List.of("42"), seen);
        assertEquals(0, done.getCount());
        assertNotSame(Thread.currentThread(), workThread[0]);
        assertEquals("test-background", workThread[0].getName());
    }

    @Test
    void aFailureArrivesAsOneLineAndTheSuccessCallbackIsSkipped() {
        List<String> successes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int[] finished = {0};
        BackgroundTask.<String>wrap(() -> {
            throw new UncheckedIOException(new IOException("disk full\n  while writing /tmp/x"));
        }).onSuccess(successes::add).onFailure(failures::add).onFinished(() -> finished[0]++)
                .executeWith(TaskExecutor.direct());
        assertTrue(successes.isEmpty());
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("disk full while writing /tmp/x"), failures.get(0));
        assertEquals(1, finished[0]);
    }

    @Test
    void actionsRunForTheirEffect() {
        List<String> effects = new ArrayList<>();
        Object[] result = {"unset"};
        BackgroundTask.run(() -> effects.add("written")).onSuccess(v -> result[0] = v)
                .executeWith(TaskExecutor.direct());
        assertEquals(List.of("written"), effects);
        assertSame(null, result[0]);
    }

    @Test
    void oneLineNamesTheTypeWhenThereIsNoMessageAndUnwrapsBareWrappers() {
        assertEquals("NullPointerException", Messages.oneLine(new NullPointerException()));
        assertEquals("inner reason", Messages.oneLine(new RuntimeException(null, new IOException("inner reason"))));
        assertEquals("a b c", Messages.oneLine(new IllegalStateException("a\n b\tc ")));
    }
}
