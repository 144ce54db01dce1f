package io.dealadvisor.api;

import io.dealadvisor.DealAdvisorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Spreads the deals of a batch over a bounded pool of threads ({@code deal-advisor.limits.batch-threads}, one per
 * core by default), shared by every batch in flight. The request's own thread takes part too, so a batch always
 * progresses even while other batches keep the pool busy, and never waits on a queue.
 */
@ApplicationScoped
public class BatchWorkers {

    private final int threads;
    private final ExecutorService pool;

    @Inject
    public BatchWorkers(DealAdvisorConfig config) {
        this(config.limits().batchThreads() > 0 ? config.limits().batchThreads()
                : Runtime.getRuntime().availableProcessors());
    }

    BatchWorkers(int threads) {
        this.threads = threads;
        AtomicInteger created = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "batch-worker-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code work} once for each index from 0 to {@code count - 1}, on the calling thread and up to
     * {@code threads - 1} workers, and returns when every index is done. A worker that starts only after every
     * index was taken has nothing to do, so a busy pool never delays a batch. The first exception or error thrown by
     * {@code work}, whichever thread met it, is rethrown here once every index has finished: an index whose work
     * failed never passes for one that was done.
     */
    public void forEachIndex(int count, IntConsumer work) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable drain = () -> {
            for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                try {
                    work.accept(index);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int helper = 1; helper < Math.min(threads, count); helper++) {
            try {
                pool.execute(drain);
            } catch (RejectedExecutionException stopping) {
                break; // the service is stopping: this thread decides the rest
            }
        }
        drain.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being decided", e);
        }
        Throwable first = failure.get();
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw (RuntimeException) first;
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
