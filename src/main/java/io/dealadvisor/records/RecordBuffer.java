package io.dealadvisor.records;

import io.dealadvisor.ops.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The records held in memory, bounded by a count ({@code deal-advisor.decisions.buffer}) and by a share of the heap
 * ({@code buffer-heap-percent}), so that an outage of the database cannot run the service out of memory. A record
 * counts from the moment it is admitted, which may be before it is ready to write (it waits for the shadow), until
 * the writer settles it. One that does not fit is dropped, counted and logged (at most every 10 s).
 */
final class RecordBuffer {

    /** The recorder's log category, as before the recorder was split into parts. */
    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    private static final Duration DROP_LOG_EVERY = Duration.ofSeconds(10);
    private static final String STOPPING = "the service is stopping";

    private final CommitWaits commits;
    private final int capacity;
    private final long capacityBytes;
    private final LinkedBlockingQueue<DecisionRecord> queue = new LinkedBlockingQueue<>();
    /** Records admitted and not yet settled: those queued, those the writer holds, those waiting for the shadow. */
    private final AtomicInteger held = new AtomicInteger();
    /** The heap those records take, as {@link DecisionRecord#heapBytes()} (and the shadow) estimate it. */
    private final AtomicLong heldBytes = new AtomicLong();
    /** Records ever admitted, queued for the writer (once the shadow is done with them), and settled. */
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Counter dropped;
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_EVERY.toNanos());
    /** Set when the service stops: a record that comes later is dropped, never half-kept. */
    private volatile boolean closed;

    RecordBuffer(DecisionsConfig config, MeterRegistry registry, CommitWaits commits) {
        if (config.bufferHeapPercent() < 1 || config.bufferHeapPercent() > 90) {
            throw new IllegalArgumentException("deal-advisor.decisions.buffer-heap-percent must be from 1 to 90, not "
                    + config.bufferHeapPercent());
        }
        this.commits = commits;
        this.capacity = config.buffer();
        this.capacityBytes = Runtime.getRuntime().maxMemory() / 100 * config.bufferHeapPercent();
        dropped = Counter.builder("deal_advisor_decision_records_dropped")
                .description("Decision records dropped: the buffer was full, or the database refused the record")
                .register(registry);
        Gauge.builder("deal_advisor_decision_records_backlog", held, AtomicInteger::get)
                .description("Decision records in memory, waiting to be written").register(registry);
    }

    /**
     * Takes {@code record} into the budget, with {@code alsoHeldBytes} of what waits with it (the deal the shadow
     * decides again); null, the record dropped and counted, when it does not fit or the service is stopping.
     */
    DecisionRecorder.Admitted admit(DecisionRecord record, long alsoHeldBytes) {
        // counted before the stop is checked: a stop that begins after this check finds the record held, and the
        // final write waits for it (the other way round, it could end between the check and the count)
        int count = held.incrementAndGet();
        if (closed) {
            held.decrementAndGet();
            drop(record, STOPPING);
            return null;
        }
        return fit(record, alsoHeldBytes, count);
    }

    /**
     * Takes the records of one answer into the budget together, each with what waits with it: all of them, or none
     * (null, each dropped and counted) when the service is stopping, so that a stop never keeps part of a batch. One
     * that does not fit is dropped (its element null), like a record admitted alone.
     */
    List<DecisionRecorder.Admitted> admitAll(List<DecisionRecord> records, ToLongFunction<DecisionRecord> alsoHeld) {
        int size = records.size();
        if (size == 0) {
            return List.of(); // nothing to keep: a batch of problems only is answered even while stopping
        }
        long[] alsoHeldBytes = new long[size]; // measured before anything is counted, so that nothing is left counted
        for (int i = 0; i < size; i++) {
            alsoHeldBytes[i] = alsoHeld.applyAsLong(records.get(i));
        }
        int count = held.addAndGet(size); // all counted before the stop is checked, as in admit
        if (closed) {
            held.addAndGet(-size);
            records.forEach(record -> drop(record, STOPPING));
            return null;
        }
        List<DecisionRecorder.Admitted> admitted = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            admitted.add(fit(records.get(i), alsoHeldBytes[i], count - size + i + 1));
        }
        return admitted;
    }

    /** The admission of a record counted {@code count}-th in the buffer, if it fits; else dropped and uncounted. */
    private DecisionRecorder.Admitted fit(DecisionRecord record, long alsoHeldBytes, int count) {
        if (count > capacity) {
            held.decrementAndGet();
            drop(record, "the buffer of " + capacity + " records is full");
            return null;
        }
        long bytes = record.heapBytes() + alsoHeldBytes;
        if (heldBytes.addAndGet(bytes) > capacityBytes) {
            heldBytes.addAndGet(-bytes);
            held.decrementAndGet();
            drop(record, "the buffer's records take " + capacityBytes / (1024 * 1024) + " MB, its share of the"
                    + " heap (deal-advisor.decisions.buffer-heap-percent)");
            return null;
        }
        admitted.incrementAndGet();
        return new DecisionRecorder.Admitted(record, bytes);
    }

    /**
     * Queues an admitted record for the writer as {@code ready} (the same, or with the shadow's result added: its
     * size is counted from now on). Accepted while stopping too: it was admitted before.
     */
    void enqueue(DecisionRecorder.Admitted admitted, DecisionRecord ready) {
        heldBytes.addAndGet(ready.heapBytes() - admitted.heapBytes());
        // counted before it is queued, so a count read later covers every record queued ahead of this one
        queued.incrementAndGet();
        queue.add(ready);
    }

    DecisionRecord poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void drainTo(Collection<DecisionRecord> into, int most) {
        queue.drainTo(into, most);
    }

    /** A record written, refused or abandoned: it leaves the buffer. */
    void settle(DecisionRecord record) {
        heldBytes.addAndGet(-record.heapBytes());
        held.decrementAndGet();
        settled.incrementAndGet();
    }

    /** A record the database refused on its own (the writer logs it): it leaves the buffer and counts as dropped. */
    void refused(DecisionRecord record) {
        dropped.increment();
        settle(record);
    }

    /**
     * Waits, at most {@code patience}, until every record admitted before this call is settled: first queued for the
     * writer (those waiting for the shadow, which hands them on in the order it took them), then written or refused.
     * The writer takes records in the order they were queued, so comparing counts is enough. False when some are
     * still waiting.
     */
    boolean awaitSettled(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        return awaitCount(queued, admitted.get(), deadline) && awaitCount(settled, queued.get(), deadline);
    }

    private static boolean awaitCount(AtomicLong count, long mark, long deadline) {
        while (count.get() < mark) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    int held() {
        return held.get();
    }

    long dropped() {
        return (long) dropped.count();
    }

    /** What the buffer holds at most, for the log of an outage. */
    String bounds() {
        return "up to " + capacity + ", in at most " + capacityBytes / (1024 * 1024) + " MB";
    }

    private void drop(DecisionRecord record, String why) {
        commits.settled(record, why);
        dropped.increment();
        droppedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last >= DROP_LOG_EVERY.toNanos() && lastDropLog.compareAndSet(last, now)) {
            LOG.warnf("%d decision record(s) dropped since the last report, the latest %s (deal %s): %s",
                    droppedSinceLog.getAndSet(0), record.decisionId(), LogText.escaped(record.dealId()), why);
        }
    }
}
