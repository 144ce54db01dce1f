package io.dealadvisor.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool behind batches: each index once, on several threads, never held up by another batch. */
class BatchWorkersTest {

    private final BatchWorkers workers = new BatchWorkers(2);

    @AfterEach
    void stop() {
        workers.stop();
    }

    @Test
    void runsEveryIndexExactlyOnceOnMoreThanOneThread() {
        AtomicIntegerArray runs = new AtomicIntegerArray(1_000);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        workers.forEachIndex(1_000, index -> {
            runs.incrementAndGet(index);
            threads.add(Thread.currentThread().getName());
            sleep(1);
        });
        for (int index = 0; index < 1_000; index++) {
            assertEquals(1, runs.get(index), "index " + index);
        }
        assertTrue(threads.size() >= 2, "decided on " + threads);
        assertTrue(threads.contains(Thread.currentThread().getName()), "the caller takes part: " + threads);
    }

    @Test
    void finishesOnTheCallersThreadWhileAnotherBatchHoldsThePool() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothBusy = new CountDownLatch(2);
        Thread other = new Thread(() -> workers.forEachIndex(2, index -> {
            bothBusy.countDown();
            await(release);
        }));
        other.start();
        assertTrue(bothBusy.await(10, TimeUnit.SECONDS), "the other batch holds the only worker");

        AtomicIntegerArray runs = new AtomicIntegerArray(50);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> workers.forEachIndex(50, runs::incrementAndGet));
        for (int index = 0; index < 50; index++) {
            assertEquals(1, runs.get(index), "index " + index);
        }
        release.countDown();
        other.join(10_000);
    }

    @Test
    void rethrowsAFailureOnceEveryOtherIndexIsDone() {
        AtomicIntegerArray runs = new AtomicIntegerArray(100);
        IllegalStateException failure = new IllegalStateException("index 7 fails");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> workers.forEachIndex(100, index -> {
            runs.incrementAndGet(index);
            if (index == 7) {
                throw failure;
            }
        }));
        assertSame(failure, thrown);
        for (int index = 0; index < 100; index++) {
            assertEquals(1, runs.get(index), "index " + index);
        }
    }

    /** An Error on a worker thread (a rule's, say) must not leave its index looking done, with no result. */
    @Test
    void rethrowsAnErrorMetOnAWorkerThreadOnceEveryIndexIsDone() {
        AtomicIntegerArray runs = new AtomicIntegerArray(100);
        Thread caller = Thread.currentThread();
        Error thrown = assertThrows(Error.class, () -> workers.forEachIndex(100, index -> {
            runs.incrementAndGet(index);
            if (Thread.currentThread() != caller) {
                throw new Error("index " + index + " fails on a worker");
            }
            sleep(5); // leaves the worker indexes to take
        }));
        assertTrue(thrown.getMessage().endsWith("fails on a worker"), thrown::getMessage);
        for (int index = 0; index < 100; index++) {
            assertEquals(1, runs.get(index), "index " + index);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
