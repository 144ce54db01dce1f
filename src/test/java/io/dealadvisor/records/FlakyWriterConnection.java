package io.dealadvisor.records;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The writer's real connection to the real store, except that the next {@link #failNext} batches end in an Error,
 * as a bug in a driver would, and that the next batch after {@link #holdNext} waits before it is written, as one
 * waiting on a lock would. Selected by the profiles {@link UnreachableAtStart}, for {@link WriterRestartTest}, and
 * {@link SyncUnreachableAtStart}, for {@link SyncLateCommitTest}; a singleton, since a client proxy would need a
 * constructor without arguments.
 */
@Alternative
@Singleton
public class FlakyWriterConnection extends WriterConnection {

    private static final AtomicInteger FAILURES_TO_COME = new AtomicInteger();
    private static final AtomicInteger THROWN = new AtomicInteger();
    private static final AtomicReference<CountDownLatch> HOLD = new AtomicReference<>();

    public FlakyWriterConnection(DecisionStore store, ErasureScreen erasures) {
        super(store, erasures);
    }

    static void failNext(int batches) {
        FAILURES_TO_COME.set(batches);
    }

    /** The next batch taken waits, inside its write, until {@code released} is counted down (at most a minute). */
    static void holdNext(CountDownLatch released) {
        HOLD.set(released);
    }

    /** How many Errors were thrown so far. */
    static int thrown() {
        return THROWN.get();
    }

    @Override
    void insert(List<DecisionRecord> records) throws SQLException {
        if (FAILURES_TO_COME.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            THROWN.incrementAndGet();
            throw new InjectedBug();
        }
        CountDownLatch hold = HOLD.getAndSet(null);
        if (hold != null) {
            try {
                hold.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while held", e);
            }
        }
        super.insert(records);
    }

    /** What a bug in the writing looks like to the writer: an Error, not an outage. */
    static final class InjectedBug extends Error {
        InjectedBug() {
            super("a bug injected by the test");
        }
    }
}
