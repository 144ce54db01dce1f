package io.dealadvisor.records;

import io.dealadvisor.ops.GracefulStop;
import io.dealadvisor.ops.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records decisions off the request path. {@link #record} only puts the record in a bounded buffer; one writer
 * thread writes the buffer to the store in batches. While the database cannot be reached the records wait and
 * the writer tries again, backing off; a record that finds the buffer full is dropped, counted in
 * {@code deal_advisor_decision_records_dropped_total} and logged. At shutdown, the buffer is written before the
 * process exits, within the stop's share for records ({@link GracefulStop#recordsDeadline()}).
 *
 * <p>With {@code durability=sync}, {@link #recordCommitted} hands the same buffer a record together with a future
 * the writer completes once the transaction holding the record has committed (or fails, when the record is dropped
 * or refused): the records of every waiting request still go to the database in groups, one transaction each, and
 * the writer then writes what is waiting at once instead of letting a batch gather. A record whose caller gave up
 * waiting ({@link #abandon}) is not written if the writer has not taken it into a transaction yet.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    /** Records written in one transaction. */
    private static final int BATCH = 500;
    /**
     * How long the writer lets records gather before writing a batch that is not full: fewer, larger transactions
     * cost the database less per record (measured in docs/benchmarks.md), and nobody waits for a record.
     */
    private static final Duration GATHER = Duration.ofMillis(50);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(5);
    /** How often an idle writer checks that the database still answers, so the health check stays true. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(5);
    /**
     * How long a shutdown waits at most for the buffer to be written; less when the stop began long before (see
     * {@link GracefulStop}): the whole stop ends within {@code quarkus.shutdown.timeout}.
     */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    private static final Duration DROP_LOG_EVERY = Duration.ofSeconds(10);

    private final DecisionStore store;
    /** Null outside a running service (unit tests): then the buffer gets the whole {@link #SHUTDOWN_GRACE}. */
    private final GracefulStop stop;
    private final ErasureScreen erasures;
    private final boolean enabled;
    /** {@code durability=sync}: the writer completes the futures of {@link #commits} and does not gather. */
    private final boolean sync;
    /** The records a request waits for (sync only), by decision id, until the writer settles them. */
    private final ConcurrentHashMap<UUID, CompletableFuture<Void>> commits = new ConcurrentHashMap<>();
    private final int capacity;
    private final long capacityBytes;
    private final LinkedBlockingQueue<DecisionRecord> queue = new LinkedBlockingQueue<>();
    /** Records in the queue plus those the writer has taken and not yet written: what the buffer bounds. */
    private final AtomicInteger held = new AtomicInteger();
    /** The heap those records take, as {@link DecisionRecord#heapBytes()} estimates it. */
    private final AtomicLong heldBytes = new AtomicLong();
    /** Records ever let into the buffer, and of those the ones settled (written, or refused by the database). */
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Counter dropped;
    private final Counter written;
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_EVERY.toNanos());
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private volatile boolean migrated;
    private volatile boolean reachable;
    private volatile String lastError;
    /** Why the writer thread ended before the service stopped (an Error, i.e. a bug); null while it runs. */
    private volatile String writerFailure;
    private boolean outageLogged;
    private Thread writer;

    /** Outside a running service (unit tests): the buffer then gets the whole {@link #SHUTDOWN_GRACE}. */
    public DecisionRecorder(DecisionsConfig config, DecisionStore store, ErasureScreen erasures,
                            MeterRegistry registry) {
        this(config, store, erasures, registry, null);
    }

    @Inject
    public DecisionRecorder(DecisionsConfig config, DecisionStore store, ErasureScreen erasures,
                            MeterRegistry registry, GracefulStop stop) {
        this.store = store;
        this.erasures = erasures;
        this.stop = stop;
        this.enabled = config.enabled();
        this.sync = config.durability() == DecisionsConfig.Durability.sync;
        this.capacity = config.buffer();
        if (config.bufferHeapPercent() < 1 || config.bufferHeapPercent() > 90) {
            throw new IllegalArgumentException("deal-advisor.decisions.buffer-heap-percent must be from 1 to 90, not "
                    + config.bufferHeapPercent());
        }
        this.capacityBytes = Runtime.getRuntime().maxMemory() / 100 * config.bufferHeapPercent();
        dropped = Counter.builder("deal_advisor_decision_records_dropped")
                .description("Decision records dropped: the buffer was full, or the database refused the record")
                .register(registry);
        written = Counter.builder("deal_advisor_decision_records_written")
                .description("Decision records written to the database").register(registry);
        Gauge.builder("deal_advisor_decision_records_backlog", held, AtomicInteger::get)
                .description("Decision records in memory, waiting to be written").register(registry);
    }

    /** Takes a record to be written later. Never blocks and never throws: an answer never waits on this. */
    public void record(DecisionRecord record) {
        if (!enabled) {
            return;
        }
        try {
            if (stopping) {
                drop(record, "the service is stopping");
            } else if (held.incrementAndGet() > capacity) {
                held.decrementAndGet();
                drop(record, "the buffer of " + capacity + " records is full");
            } else if (heldBytes.addAndGet(record.heapBytes()) > capacityBytes) {
                heldBytes.addAndGet(-record.heapBytes());
                held.decrementAndGet();
                drop(record, "the buffer's records take " + capacityBytes / (1024 * 1024) + " MB, its share of the"
                        + " heap (deal-advisor.decisions.buffer-heap-percent)");
            } else {
                // counted before it is queued, so a count read later covers every record queued ahead of this one
                buffered.incrementAndGet();
                queue.add(record);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not buffer a decision record", e);
        }
    }

    /**
     * Takes a record to be written and returns a future completed once the transaction holding it has committed;
     * it completes exceptionally ({@link StoreUnavailableException}) when the record is dropped or refused. Only
     * with {@code durability=sync}: a buffered recorder completes no future.
     */
    public CompletableFuture<Void> recordCommitted(DecisionRecord record) {
        if (!enabled) {
            return CompletableFuture.completedFuture(null);
        }
        if (!sync) {
            throw new IllegalStateException("records are only committed before the answer with durability=sync");
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        commits.put(record.decisionId(), committed);
        record(record);
        return committed;
    }

    /**
     * The caller of {@link #recordCommitted} stopped waiting (it answered 503): the record is not written unless
     * the writer has already taken it into a transaction.
     */
    public void abandon(UUID decisionId) {
        CompletableFuture<Void> committed = commits.get(decisionId);
        if (committed != null) {
            committed.cancel(false);
        }
    }

    /** Whether a record handed over now would be written: the store answered its last use and the writer runs. */
    public boolean accepting() {
        return enabled && reachable && writerFailure == null && !stopping;
    }

    /**
     * Whether an answer waits for its records to be committed ({@code durability=sync}); never with recording off,
     * where there is nothing to wait for.
     */
    public boolean sync() {
        return sync && enabled;
    }

    /**
     * Waits, at most {@code patience}, until every record buffered before this call is settled: written, or refused
     * by the database. The writer takes records in the order they came, so comparing two counts is enough. False
     * when some are still waiting.
     */
    /** False with {@code deal-advisor.decisions.enabled=false}: then answers are not recorded, nor given an id. */
    public boolean enabled() {
        return enabled;
    }

    public boolean awaitBuffered(Duration patience) {
        long mark = buffered.get();
        long deadline = System.nanoTime() + patience.toNanos();
        while (settled.get() < mark) {
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

    public Status status() {
        if (writerFailure != null) {
            return new Status(enabled, store.kind(), false, held.get(), (long) dropped.count(), writerFailure, true);
        }
        return new Status(enabled, store.kind(), enabled && reachable, held.get(), (long) dropped.count(),
                reachable ? null : lastError, false);
    }

    /**
     * The state the health check reports.
     *
     * @param reachable whether the database answered the writer's last attempt, and the writer still runs
     * @param backlog   records waiting to be written
     * @param dropped   records dropped since start
     * @param lastError why the database could not be used, while it cannot: the driver's message, for the log and
     *                  for tests, never for the health check
     * @param writerStopped the writer thread ended on an Error: nothing is written until a restart
     */
    public record Status(boolean enabled, String store, boolean reachable, int backlog, long dropped,
                         String lastError, boolean writerStopped) {
    }

    /** Migrates the schema at start when the database answers; if it does not, the writer keeps trying. */
    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.info("Decision records are switched off (deal-advisor.decisions.enabled=false)");
            return;
        }
        try {
            migrate();
            reachable = true;
        } catch (RuntimeException e) {
            unreachable(e);
        }
        writer = new Thread(this::writeUntilStopped, "decision-records-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Writes what is buffered before the process exits, for as long as the grace period and the stop allow. */
    void onStop(@Observes ShutdownEvent event) {
        if (writer == null) {
            return;
        }
        long graceEnds = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        long stopEnds = stop == null ? graceEnds : stop.recordsDeadline();
        stopDeadline = stopEnds - graceEnds < 0 ? stopEnds : graceEnds;
        stopping = true;
        if (held.get() > 0) {
            LOG.infof("Writing %d buffered decision record(s) before stopping", held.get());
        }
        try {
            writer.join(Math.max(1, (stopDeadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = held.get();
        if (left > 0) {
            LOG.errorf("%d decision record(s) could not be written before the service stopped: %s", left, lastError);
        }
    }

    /** The writer's thread. An Error ends it: then nothing more is written, and the health check says why. */
    private void writeUntilStopped() {
        try {
            writeInBatches();
        } catch (Error e) {
            writerFailure = "the writer stopped, so no record is written any more: " + e;
            LOG.error("The decision-records writer stopped; no record is written any more", e);
        }
    }

    private void writeInBatches() {
        List<DecisionRecord> pending = new ArrayList<>(BATCH);
        Duration backoff = FIRST_BACKOFF;
        long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
        while (true) {
            if (pending.isEmpty()) {
                DecisionRecord first = next();
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    if (System.nanoTime() - nextProbe >= 0) {
                        probe();
                        nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
                    }
                    continue;
                }
                pending.add(first);
                queue.drainTo(pending, BATCH - 1);
                if (pending.size() < BATCH && !stopping && !sync) {
                    pause(GATHER);
                    queue.drainTo(pending, BATCH - pending.size());
                }
            }
            if (write(pending)) {
                backoff = FIRST_BACKOFF;
            } else if (stopping && System.nanoTime() - stopDeadline >= 0) {
                return;
            } else {
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Writes {@code pending} and empties it; false, keeping what is not written, when the database cannot be
     * reached. A batch the database refuses while it answers is written in halves, down to the records it refuses on
     * their own, which are dropped: one bad record in a batch of 500 costs about 18 transactions, not 500. The
     * PostgreSQL driver asserts when the server ends the connection in the middle of a batch: under {@code -ea} that
     * AssertionError is the outage, and must not end the writer.
     */
    private boolean write(List<DecisionRecord> pending) {
        if (sync) {
            pending.removeIf(this::abandoned);
            if (pending.isEmpty()) {
                return true;
            }
        }
        try {
            migrate();
        } catch (RuntimeException | AssertionError e) {
            unreachable(e);
            return false;
        }
        int size = pending.size();
        int settled = writeHalves(pending);
        pending.subList(0, settled).clear();
        return settled == size;
    }

    /**
     * Settles {@code part}: whole if the database takes it, else each half in turn. How many of its records, from
     * the first, are settled: all of them, unless the database stopped answering.
     */
    private int writeHalves(List<DecisionRecord> part) {
        Insert insert = insert(part);
        if (insert != Insert.REFUSED) {
            return insert == Insert.UNREACHABLE ? 0 : part.size();
        }
        int half = part.size() / 2;
        int first = writeHalves(part.subList(0, half));
        return first < half ? first : half + writeHalves(part.subList(half, part.size()));
    }

    private enum Insert { SETTLED, REFUSED, UNREACHABLE }

    /** One transaction: the records written; or, for a single record the database refuses, dropped and counted. */
    private Insert insert(List<DecisionRecord> part) {
        try {
            store.insert(erasures.screen(part));
            settled(part, null);
            written(part.size());
            return Insert.SETTLED;
        } catch (SQLException | RuntimeException | AssertionError e) {
            if (part.size() == 1 && e instanceof SQLException sql && StoreTypes.duplicateKey(sql)) {
                settled(part, null); // stored already: a commit whose answer was lost
                return Insert.SETTLED;
            }
            if (!store.reachable()) {
                unreachable(e);
                return Insert.UNREACHABLE;
            }
            if (part.size() > 1) {
                return Insert.REFUSED;
            }
            DecisionRecord record = part.get(0);
            LOG.errorf(e, "The database refused decision record %s (deal %s); it is dropped",
                    record.decisionId(), LogText.escaped(record.dealId()));
            dropped.increment();
            settled(part, "the database refused the record");
            return Insert.SETTLED;
        }
    }

    /** The records are done with: written ({@code refusal} null) or refused; with sync, their callers are told. */
    private void settled(List<DecisionRecord> records, String refusal) {
        for (DecisionRecord record : records) {
            settle(record);
            if (sync) {
                committed(record, refusal);
            }
        }
    }

    private void migrate() {
        if (!migrated) {
            store.migrate();
            migrated = true;
        }
    }

    private void probe() {
        try {
            migrate();
            if (store.reachable()) {
                reachableAgain();
            } else {
                unreachable(new SQLException("no connection answered"));
            }
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    /** A record whose caller gave up waiting (sync): it leaves the buffer unwritten. */
    private boolean abandoned(DecisionRecord record) {
        CompletableFuture<Void> committed = commits.get(record.decisionId());
        if (committed == null || !committed.isCancelled()) {
            return false;
        }
        commits.remove(record.decisionId());
        settle(record);
        return true;
    }

    /** Tells the request waiting for {@code record} (sync) that it is committed, or, with a reason, that it is not. */
    private void committed(DecisionRecord record, String notWritten) {
        CompletableFuture<Void> committed = commits.remove(record.decisionId());
        if (committed != null) {
            if (notWritten == null) {
                committed.complete(null);
            } else {
                committed.completeExceptionally(new StoreUnavailableException("decision record " + record.decisionId()
                        + " was not written: " + notWritten, null));
            }
        }
    }

    /** A record written, or refused by the database on its own: it leaves the buffer. */
    private void settle(DecisionRecord record) {
        heldBytes.addAndGet(-record.heapBytes());
        held.decrementAndGet();
        settled.incrementAndGet();
    }

    private void written(int count) {
        written.increment(count);
        reachableAgain();
    }

    private void reachableAgain() {
        if (!reachable) {
            reachable = true;
            if (outageLogged) {
                outageLogged = false;
                LOG.infof("The decision store (%s) answers again; %d buffered record(s) to write", store.kind(),
                        held.get());
            }
        }
    }

    /** Logged once per outage; the health check says it for as long as it lasts. */
    private void unreachable(Throwable e) {
        reachable = false;
        lastError = e.getMessage();
        if (!outageLogged) {
            outageLogged = true;
            LOG.warnf("The decision store (%s) cannot be reached; decisions are kept in memory (up to %d, in at most"
                    + " %d MB) until it can: %s", store.kind(), capacity, capacityBytes / (1024 * 1024), e.getMessage());
        }
    }

    private void drop(DecisionRecord record, String why) {
        if (sync) {
            committed(record, why);
        }
        dropped.increment();
        droppedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last >= DROP_LOG_EVERY.toNanos() && lastDropLog.compareAndSet(last, now)) {
            LOG.warnf("%d decision record(s) dropped since the last report, the latest %s (deal %s): %s",
                    droppedSinceLog.getAndSet(0), record.decisionId(), LogText.escaped(record.dealId()), why);
        }
    }

    private DecisionRecord next() {
        try {
            return queue.poll(250, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted();
            return null;
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    /** Nothing here interrupts the writer (H2 closes its file on an interrupted write); if something does, stop. */
    private void interrupted() {
        stopDeadline = System.nanoTime();
        stopping = true;
    }
}
